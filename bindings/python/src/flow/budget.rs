//! `Budget`: what one identity may still spend across all its flows, kept sealed by the host
//! under the keys `Flow.budget_keys` names; and the `budgets` mapping `Flow.handle` takes.

use pyo3::prelude::*;
use restore_access::flow::{self as core, BudgetKey};

use crate::codes::Keys;
use crate::errors;
use crate::text::Text;

/// What one identity (a phone, a mailbox, a СНИЛС) may still spend across all its flows:
/// sends, code guesses, lockout. The host keeps one per key of ``Flow.budget_keys``, sealed,
/// in its own store, never where the person could send an older copy back; a key missing
/// from the store stands for ``Budget()``.
///
/// >>> import os
/// >>> from restore_access import codes
/// >>> keys = codes.Keys("k1", os.urandom(32))
/// >>> f = Flow.gosuslugi(keys)
/// >>> inp = Contact("+79161234567")
/// >>> budgets = {k: Budget() for k in f.budget_keys(inp)}
/// >>> step = f.handle(inp, budgets=budgets)
/// >>> stored = {k: b.seal(keys, k) for k, b in budgets.items()}
/// >>> all(isinstance(Budget.open(keys, k, s), Budget) for k, s in stored.items())
/// True
#[pyclass(module = "restore_access.flow")]
#[derive(Default)]
pub(crate) struct Budget(pub(crate) core::Budget);

/// A budget key as `Flow.budget_keys` gave it; `flow.state_invalid` for anything else.
fn budget_key(py: Python<'_>, key: &Text) -> PyResult<BudgetKey> {
    key.lossy().parse().map_err(|e| errors::raise(py, &e))
}

#[pymethods]
impl Budget {
    /// A fresh budget: what a key missing from the store stands for.
    #[new]
    fn new() -> Budget {
        Budget::default()
    }

    /// The budget sealed for the host's store, bound to `key`.
    fn seal(&self, py: Python<'_>, keys: &Keys, key: Text) -> PyResult<String> {
        let key = budget_key(py, &key)?;
        self.0
            .seal(&keys.0, &key)
            .map_err(|e| errors::raise(py, &e))
    }

    /// A budget sealed by `seal` under the same key; `FlowError` (`flow.state_invalid`) for
    /// anything else.
    #[staticmethod]
    fn open(py: Python<'_>, keys: &Keys, key: Text, sealed: Text) -> PyResult<Budget> {
        let key = budget_key(py, &key)?;
        core::Budget::open(&keys.0, &key, sealed.lossy())
            .map(Budget)
            .map_err(|e| errors::raise(py, &e))
    }

    /// From this moment on (Unix seconds) the budget equals a fresh one: delete it then.
    #[getter]
    fn idle_at(&self) -> u64 {
        self.0.idle_at().as_secs()
    }

    /// The budget as JSON, for debugging only: nothing reads it back.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self) -> String {
        format!("Budget(idle_at={})", self.idle_at())
    }
}

/// The budgets of a `budgets` mapping (budget key → `Budget`), with the objects they came
/// from so that they can be updated after the call.
pub(super) struct Loaded<'py> {
    /// What the core spends.
    pub(super) budgets: core::Budgets,
    objects: Vec<(BudgetKey, Bound<'py, Budget>)>,
}

impl<'py> Loaded<'py> {
    /// Reads `mapping`; a key that is not one `Flow.budget_keys` gives is `flow.state_invalid`.
    pub(super) fn read(py: Python<'py>, mapping: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        let mut budgets = core::Budgets::new();
        let mut objects = Vec::new();
        if let Some(mapping) = mapping {
            for item in mapping.call_method0("items")?.try_iter()? {
                let (key, budget): (Text, Bound<'py, Budget>) = item?.extract()?;
                let key = budget_key(py, &key)?;
                budgets.insert(key.clone(), budget.try_borrow()?.0.clone());
                objects.push((key, budget));
            }
        }
        Ok(Loaded { budgets, objects })
    }

    /// Writes what the core spent back into the `Budget` objects.
    pub(super) fn write_back(self) -> PyResult<()> {
        for (key, object) in self.objects {
            if let Some(budget) = self.budgets.get(&key) {
                object.try_borrow_mut()?.0 = budget.clone();
            }
        }
        Ok(())
    }
}
