//! (being written)

/// Messages for this module's codes.
pub(crate) const MESSAGES: &[crate::i18n::Message] = &[];
