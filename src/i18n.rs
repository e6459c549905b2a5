//! Russian and English messages, and the one way every error of the crate is declared.
//!
//! Each domain module declares its errors with [`errors!`](crate::errors): variant, stable
//! code, family and both messages in one place, from which the code, the messages, `Display`
//! and the module's table are all derived. This module knows no domain; [`crate::catalog`],
//! above them all, joins their tables for a lookup by code.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The language of a human-readable message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Russian, the language of the portals' own forms.
    #[default]
    Ru,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code: `"ru"` or `"en"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

impl Lang {
    /// `ru` or `en`, whichever is in this language.
    pub const fn pick(self, ru: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = crate::name::Error;

    /// Accepts `ru` and `en` in any case, and a region suffix such as `ru-RU` or `en_GB`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ru") {
            Ok(Lang::Ru)
        } else if primary.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else {
            Err(crate::name::Error::Unknown {
                what: "a language",
                expected: &["ru", "en"],
            })
        }
    }
}

/// One stable code with its message in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// The stable machine code, `domain.reason` (e.g. `snils.checksum`).
    pub code: &'static str,
    /// The message in Russian.
    pub ru: &'static str,
    /// The message in English.
    pub en: &'static str,
}

impl Message {
    /// The message in `lang`.
    pub const fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.ru, self.en)
    }
}

/// Which part of the library an error comes from: what a binding maps to a status (C) or an
/// exception class (Python), so the same code gets the same answer wherever it surfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Domain {
    /// An identifier a person typed (СНИЛС, ИНН, passport, phone, e-mail, login, document),
    /// with the family of the failure.
    Id(ErrorKind),
    /// A password rule, a hash or a hasher setting.
    Password,
    /// A one-time code, link token, key or limit.
    Code,
    /// The recovery flow.
    Flow,
    /// A name (portal, channel, policy preset, …) that the library does not define.
    Name,
}

/// Which family of failure an identifier error is; the Python binding maps these to exception
/// classes (`InvalidLength`, `InvalidFormat`, `InvalidChecksum`, `InvalidComponent`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Too short or too long.
    Length,
    /// Characters or a shape the identifier cannot have.
    Format,
    /// A check number does not match.
    Checksum,
    /// A well-formed part that is not allowed: a Kazakh or unassigned phone code, an address
    /// literal, region `00`.
    Component,
}

/// Implemented by every error and rule violation in the crate: a stable code, its messages
/// and its domain; `Display` is the English message with the error's data. Declared with
/// [`errors!`](crate::errors), never by hand.
pub trait ErrorCode: fmt::Display {
    /// The stable machine code, e.g. `snils.checksum`. Codes never change meaning.
    fn code(&self) -> &'static str;

    /// The human message in `lang`.
    fn message(&self, lang: Lang) -> &'static str;

    /// Where the error comes from.
    fn domain(&self) -> Domain;

    /// How long to wait before trying again, for the errors that have such a time.
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// The family of failure of an identifier error; `None` for the other domains.
    fn kind(&self) -> Option<ErrorKind> {
        match self.domain() {
            Domain::Id(kind) => Some(kind),
            _ => None,
        }
    }
}

/// Declares an error enum from one table: each variant with its stable code, its domain (and
/// for identifiers its [`ErrorKind`]), its Russian and English messages, and optionally the
/// field that holds a retry time and a detail that `Display` appends. Variants listed under
/// `wraps` hold another module's error and answer with its code, messages and domain.
///
/// Generated: the enum (`#[non_exhaustive]`), [`ErrorCode`], `Display` (the English message,
/// then the detail in brackets), `std::error::Error`, `From` for each wrapped error, and
/// `MESSAGES`, the table [`crate::catalog`] joins.
#[macro_export]
#[doc(hidden)]
macro_rules! errors {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $domain:ident {
            $(
                $(#[$doc:meta])*
                $variant:ident $({ $( $(#[$fdoc:meta])* $field:ident : $fty:ty ),* $(,)? })?
                    = $code:literal {
                        $(kind: $kind:ident,)?
                        ru: $ru:literal,
                        en: $en:literal
                        $(, retry: $retry:ident)?
                        $(, detail: ($($detail:tt)*))?
                        $(,)?
                    }
            ),* $(,)?
        }
        $(wraps {
            $( $(#[$wdoc:meta])* $wrap:ident($wty:ty) ),* $(,)?
        })?
    ) => {
        $(#[$meta])*
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$doc])* $variant $({ $( $(#[$fdoc])* $field: $fty ),* })?, )*
            $($( $(#[$wdoc])* $wrap($wty), )*)?
        }

        impl $name {
            /// Every code this enum declares (wrapped errors not included), with its messages.
            pub(crate) const MESSAGES: &'static [$crate::i18n::Message] = &[
                $( $crate::i18n::Message { code: $code, ru: $ru, en: $en }, )*
            ];
        }

        impl $crate::i18n::ErrorCode for $name {
            fn code(&self) -> &'static str {
                match self {
                    $( Self::$variant { .. } => $code, )*
                    $($( Self::$wrap(e) => e.code(), )*)?
                }
            }

            fn message(&self, lang: $crate::i18n::Lang) -> &'static str {
                match self {
                    $( Self::$variant { .. } => lang.pick($ru, $en), )*
                    $($( Self::$wrap(e) => e.message(lang), )*)?
                }
            }

            fn domain(&self) -> $crate::i18n::Domain {
                match self {
                    $( Self::$variant { .. } =>
                        $crate::i18n::Domain::$domain $(($crate::i18n::ErrorKind::$kind))?, )*
                    $($( Self::$wrap(e) => e.domain(), )*)?
                }
            }

            fn retry_after(&self) -> Option<std::time::Duration> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Self::$variant { $($($field),*)? } => {
                            let retry: Option<std::time::Duration> = None;
                            $(let retry = Some(*$retry);)?
                            retry
                        }
                    )*
                    $($( Self::$wrap(e) => e.retry_after(), )*)?
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Self::$variant { $($($field),*)? } => {
                            f.write_str($en)?;
                            $(write!(f, " ({})", format_args!($($detail)*))?;)?
                            Ok(())
                        }
                    )*
                    $($( Self::$wrap(e) => std::fmt::Display::fmt(e, f), )*)?
                }
            }
        }

        impl std::error::Error for $name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                #[allow(unreachable_patterns)]
                match self {
                    $($( Self::$wrap(e) => Some(e), )*)?
                    _ => None,
                }
            }
        }

        $($(
            impl From<$wty> for $name {
                fn from(e: $wty) -> Self {
                    Self::$wrap(e)
                }
            }
        )*)?
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parses_tags() {
        assert_eq!("ru-RU".parse(), Ok(Lang::Ru));
        assert_eq!("EN_gb".parse(), Ok(Lang::En));
        assert_eq!(
            "de".parse::<Lang>().map_err(|e| e.code()),
            Err("name.unknown")
        );
        assert_eq!(Lang::En.to_string(), "en");
    }
}
