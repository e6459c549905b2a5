//! `Route`: a way to regain access once self-service recovery cannot go on, one class per
//! case of the core's `Route`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use restore_access::flow as core;

use super::cases::unknown;

base! {
    /// A way to regain access once self-service recovery cannot go on, one subclass per case
    /// (``SupportForm``, ``PhoneLine``, ``ServiceCentre``), listed by an ``Escalated`` prompt.
    ///
    /// >>> import os
    /// >>> from restore_access import codes
    /// >>> f = Flow.gosuslugi(codes.Keys("k1", os.urandom(32)))
    /// >>> step = f.handle(NoAccessToContacts(), budgets={})
    /// >>> [type(r).__name__ for r in step.prompt.routes]
    /// ['ServiceCentre']
    Route
}

cases! { Route;
    /// Write to support through the portal's form.
    SupportForm {}
    /// Call the portal's support line, ``phone``.
    PhoneLine { phone: &'static str }
    /// Go to a service centre and ``bring`` these documents (``"passport"``, ``"inn"``,
    /// ``"snils"``).
    ServiceCentre { bring: Py<PyTuple> }
}

/// The Python object of a core route.
pub(super) fn route(py: Python<'_>, r: &core::Route) -> PyResult<Py<PyAny>> {
    match r {
        core::Route::SupportForm => object!(py, Route, SupportForm {}),
        core::Route::PhoneLine { phone } => object!(py, Route, PhoneLine { phone }),
        core::Route::ServiceCentre { bring } => {
            let bring = bring.iter().map(|d| d.as_str());
            object!(
                py,
                Route,
                ServiceCentre {
                    bring: PyTuple::new(py, bring)?.unbind(),
                },
            )
        }
        _ => Err(unknown("route", r)),
    }
}
