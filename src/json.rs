//! JSON of the library's values (with the `serde` feature): for debugging, and for the public
//! part of a step. Nothing in the library reads JSON back: stored values are sealed.

use serde::Serialize;

/// Compact JSON of `value`. A derived `Serialize` of plain data cannot fail; `null` if it did.
fn to_string(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| String::from("null"))
}

macro_rules! to_json {
    ($($ty:ty: $what:literal;)*) => {
        $(
            #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
            impl $ty {
                #[doc = concat!("The ", $what, " as compact JSON.")]
                pub fn to_json(&self) -> String {
                    to_string(self)
                }
            }
        )*
    };
}

to_json! {
    crate::flow::Budget: "budget, for debugging only (nothing reads it back: store `seal()`),";
    crate::code::CodeRecord: "record, for debugging only (nothing reads it back: store `seal()`),";
    crate::code::LimiterState: "limiter state, for debugging only (nothing reads it back: store `seal()`),";
    crate::flow::Prompt: "prompt, the public part of a step (the same for known and unknown accounts),";
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl crate::flow::Flow {
    /// The state as compact JSON, for debugging only (personal data in it: do not log it;
    /// nothing reads it back: store `seal()`).
    pub fn to_json(&self) -> String {
        to_string(self.state())
    }
}
