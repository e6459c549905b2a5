//! `restore_access._native`: the compiled half of the `restore_access` Python package.
//!
//! Every rule lives in the core crate; this module converts types and errors and releases the
//! GIL around work that takes long enough to matter (batches, Argon2). The pure-Python half
//! (`python/restore_access/`) re-exports these functions under the public module names and
//! defines the exception classes, which this module raises.
//!
//! Every `str` argument is read through [`text::Text`], so a `str` holding a lone surrogate
//! is answered as invalid input instead of raising `UnicodeEncodeError`, and an argument of
//! another type is a `TypeError` that names it.
//!
//! Every public function, class and module has a docstring written for users, with an
//! example the Python suite runs as a doctest (`tests/test_docs.py`).

/// The lines of a docstring written as `///` comments: `docstring_lines! { /// First line. }`. The
/// comments are the `#[doc]` attributes they stand for; [`docstring`] joins them.
macro_rules! docstring_lines {
    ($(#[doc = $line:literal])*) => {
        &[$($line),*]
    };
}
pub(crate) use docstring_lines;

mod codes;
mod errors;
mod flow;
mod id;
mod names;
mod password;
mod text;
mod time;

use pyo3::prelude::*;

/// The docstring of `///` lines ([`docstring_lines!`]): each without the one space after `///`.
fn docstring(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    lines.join("\n")
}

/// Adds the submodule `restore_access.<name>` with the docstring `doc`, filled by `fill`, to
/// `parent` and to `sys.modules`, so that `import restore_access.<name>` finds it without a
/// Python file.
fn submodule<'py>(
    parent: &Bound<'py, PyModule>,
    name: &str,
    doc: &[&str],
    fill: impl FnOnce(&Bound<'py, PyModule>) -> PyResult<()>,
) -> PyResult<()> {
    let py = parent.py();
    let full = format!("restore_access.{name}");
    let m = PyModule::new(py, &full)?;
    m.setattr("__doc__", docstring(doc))?;
    fill(&m)?;
    parent.add(name, &m)?;
    py.import("sys")?.getattr("modules")?.set_item(full, m)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    id::register(m)?;
    submodule(m, "password", password::DOC, password::register)?;
    submodule(m, "codes", codes::DOC, codes::register)?;
    submodule(m, "flow", flow::DOC, flow::register)?;
    Ok(())
}
