//! The names of the library's small enumerations (portal, channel, purpose, bucket, policy
//! preset, …), as configuration files and the bindings spell them: declared once with the
//! enum, read back by `FromStr`, refused with one error.

crate::errors! {
    /// A name that is not one of the enumeration's: the same error for every enumeration, so a
    /// binding answers a misspelt portal as it answers a misspelt channel.
    ///
    /// ```
    /// use restore_access::ErrorCode;
    /// use restore_access::flow::Portal;
    ///
    /// let err = "gosuslugi.ru".parse::<Portal>().unwrap_err();
    /// assert_eq!(err.code(), "name.unknown");
    /// assert!(err.to_string().ends_with("(a portal is one of: gosuslugi, mosru)"));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Error in Name {
        /// `name.unknown`: not one of `expected`.
        Unknown {
            /// What was being named (`a portal`, `a channel`).
            what: &'static str,
            /// The names there are.
            expected: &'static [&'static str],
        } = "name.unknown" {
            ru: "Неизвестное значение параметра.",
            en: "Unknown value.",
            detail: ("{} is one of: {}", what, expected.join(", ")),
        },
    }
}

/// Declares an enumeration of unit variants with a stable name each: `as_str`, `NAMES`,
/// `ALL`, `Display`, and `FromStr` (exact names only) failing with [`Error::Unknown`].
#[macro_export]
#[doc(hidden)]
macro_rules! names {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $what:literal {
            $( $(#[$doc:meta])* $variant:ident = $text:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$doc])* $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Every name, in the order of [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($text),*];

            /// The stable name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::name::Error;

            /// The names [`Self::as_str`] returns, exactly.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err($crate::name::Error::Unknown {
                        what: $what,
                        expected: $name::NAMES,
                    }),
                }
            }
        }
    };
}
