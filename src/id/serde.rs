//! serde support: identifiers travel as their canonical strings and are checked on the way
//! in, so an invalid one can never be deserialized.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};

use super::{Email, Inn, Passport, Phone, Snils, Surname};

macro_rules! as_string {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                s.parse().map_err(D::Error::custom)
            }
        }
    )*};
}

as_string!(Snils, Inn, Passport, Phone, Email, Surname);

/// A login and a document serialize as their canonical text; they have no `Deserialize`
/// because which kind a text is depends on the field it was typed into (`Login::parse`,
/// `Document::parse`).
macro_rules! display_only {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
    )*};
}

display_only!(super::Login, super::Document);
