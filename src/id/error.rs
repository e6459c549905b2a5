//! Why an identifier was not accepted: one variant, one stable code, one message per failure.

use std::fmt;

use crate::i18n::{ErrorCode, Lang, Message};

/// Declares [`Error`] from one table, so a variant, its code and its kind are written once.
macro_rules! errors {
    (
        $(#[$enum_doc:meta])*
        pub enum Error {
            $( $(#[$doc:meta])* $variant:ident = $code:literal, $kind:ident; )*
        }
    ) => {
        $(#[$enum_doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            $( $(#[$doc])* $variant, )*
        }

        impl Error {
            /// Every variant, for the test that checks each has a message.
            #[cfg(test)]
            pub(crate) const ALL: &[Error] = &[$(Error::$variant),*];

            /// The family of failure, for callers that map errors to exception classes.
            pub const fn kind(&self) -> ErrorKind {
                match self {
                    $(Error::$variant => ErrorKind::$kind,)*
                }
            }
        }

        impl ErrorCode for Error {
            fn code(&self) -> &'static str {
                match self {
                    $(Error::$variant => $code,)*
                }
            }
        }
    };
}

errors! {
    /// Why a typed identifier was rejected.
    ///
    /// Each variant has a stable code ([`ErrorCode::code`]) and a message in Russian and
    /// English ([`ErrorCode::message`]); `Display` is the English message. The error never
    /// contains the input: it is personal data and must not reach a log by way of an error.
    ///
    /// ```
    /// use restore_access::{ErrorCode, Lang, Snils};
    /// use restore_access::id::ErrorKind;
    ///
    /// let err = "112-233-445 96".parse::<Snils>().unwrap_err();
    /// assert_eq!(err.code(), "snils.checksum");
    /// assert_eq!(err.kind(), ErrorKind::Checksum);
    /// assert!(err.message(Lang::Ru).contains("СНИЛС"));
    /// ```
    pub enum Error {
    /// `snils.length`: not 11 digits.
    SnilsLength = "snils.length", Length;
    /// `snils.format`: a character other than digits, spaces and hyphens.
    SnilsFormat = "snils.format", Format;
    /// `snils.checksum`: the check number does not match.
    SnilsChecksum = "snils.checksum", Checksum;
    /// `snils.placeholder`: `000-000-000 00`, which forms use as a placeholder and was never
    /// issued.
    SnilsPlaceholder = "snils.placeholder", Component;
    /// `inn.length`: neither 10 nor 12 digits.
    InnLength = "inn.length", Length;
    /// `inn.format`: a character other than digits, spaces and hyphens.
    InnFormat = "inn.format", Format;
    /// `inn.checksum`: a check digit does not match.
    InnChecksum = "inn.checksum", Checksum;
    /// `passport.length`: series and number are not 10 digits together.
    PassportLength = "passport.length", Length;
    /// `passport.format`: a character that does not belong in a series and number.
    PassportFormat = "passport.format", Format;
    /// `passport.region`: the series starts with `00`, which no region has.
    PassportRegion = "passport.region", Component;
    /// `passport.number`: the number is `000000`, which is never issued.
    PassportNumber = "passport.number", Component;
    /// `phone.length`: the wrong number of digits for a Russian number.
    PhoneLength = "phone.length", Length;
    /// `phone.format`: a character that does not belong in a phone number.
    PhoneFormat = "phone.format", Format;
    /// `phone.extension`: an extension (`доб. 123`) was typed; SMS cannot reach it.
    PhoneExtension = "phone.extension", Component;
    /// `phone.not_russian`: a country code other than +7.
    PhoneNotRussian = "phone.not_russian", Component;
    /// `phone.kazakhstan`: +7 6xx or +7 7xx, numbers of Kazakhstan.
    PhoneKazakhstan = "phone.kazakhstan", Component;
    /// `phone.not_assigned`: +7 0xx, 1xx, 2xx or 5xx, codes not assigned in Russia.
    PhoneNotAssigned = "phone.not_assigned", Component;
    /// `email.format`: not of the form `name@domain` (no `@`, two `@`, an empty side).
    EmailFormat = "email.format", Format;
    /// `email.too_long`: more than 254 characters.
    EmailTooLong = "email.too_long", Length;
    /// `email.local_too_long`: more than 64 characters before the `@`.
    EmailLocalTooLong = "email.local_too_long", Length;
    /// `email.local_part`: a character or a dot placement not allowed before the `@`.
    EmailLocalPart = "email.local_part", Format;
    /// `email.quoted`: a quoted local part (`"ivan petrov"@…`), which portals do not accept.
    EmailQuoted = "email.quoted", Component;
    /// `email.unicode_local`: non-Latin letters before the `@` where only ASCII is accepted.
    EmailUnicodeLocal = "email.unicode_local", Component;
    /// `email.domain`: a character, an empty label or a hyphen at a label's edge in the domain.
    EmailDomain = "email.domain", Format;
    /// `email.label_too_long`: a domain label longer than 63 characters (in ASCII form).
    EmailLabelTooLong = "email.label_too_long", Length;
    /// `email.domain_dot`: a domain without a dot (`ivan@localhost`).
    EmailDomainDot = "email.domain_dot", Component;
    /// `email.address_literal`: an IP address instead of a domain (`ivan@[127.0.0.1]`).
    EmailAddressLiteral = "email.address_literal", Component;
    /// `login.format`: neither a phone number, an e-mail address nor a СНИЛС.
    LoginFormat = "login.format", Format;
    /// `login.ambiguous`: eleven bare digits that read both as a phone number and as a СНИЛС;
    /// [`crate::id::Login::parse`] returns both readings, and a caller that needs one asks
    /// for the number again in a shape that tells (`+7 …` or `XXX-XXX-XXX YY`).
    LoginAmbiguous = "login.ambiguous", Format;
    /// `document.format`: neither a passport, a person's ИНН nor a СНИЛС.
    DocumentFormat = "document.format", Format;
    /// `surname.empty`: nothing but spaces and punctuation.
    SurnameEmpty = "surname.empty", Length;
    /// `surname.too_long`: more than [`crate::id::Surname::MAX_CHARS`] characters.
    SurnameTooLong = "surname.too_long", Length;
    /// `surname.format`: a character other than letters, spaces, hyphens and apostrophes.
    SurnameFormat = "surname.format", Format;
    /// `surname.mixed_script`: Cyrillic and Latin letters mixed in one surname.
    SurnameMixedScript = "surname.mixed_script", Component;
    }
}

/// Which family of failure an [`Error`] is; the Python binding maps these to exception
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

/// Messages for every code of [`Error`].
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "snils.length",
        ru: "СНИЛС состоит из 11 цифр. Проверьте, что номер введён полностью.",
        en: "A SNILS has 11 digits. Please check that the whole number is entered.",
    },
    Message {
        code: "snils.format",
        ru: "В СНИЛС могут быть только цифры, пробелы и дефисы.",
        en: "A SNILS may contain only digits, spaces and hyphens.",
    },
    Message {
        code: "snils.checksum",
        ru: "СНИЛС введён с ошибкой: контрольное число не совпадает. Сверьте номер с документом.",
        en: "The SNILS contains a mistake: its check number does not match. Please compare it with the document.",
    },
    Message {
        code: "snils.placeholder",
        ru: "СНИЛС из одних нулей не выдаётся. Введите номер с документа.",
        en: "A SNILS of zeros only is never issued. Please enter the number from the document.",
    },
    Message {
        code: "inn.length",
        ru: "ИНН состоит из 10 цифр (организация) или 12 цифр (физическое лицо).",
        en: "A tax number (INN) has 10 digits (organisation) or 12 digits (person).",
    },
    Message {
        code: "inn.format",
        ru: "В ИНН могут быть только цифры.",
        en: "A tax number (INN) may contain only digits.",
    },
    Message {
        code: "inn.checksum",
        ru: "ИНН введён с ошибкой: контрольная цифра не совпадает. Сверьте номер с документом.",
        en: "The tax number (INN) contains a mistake: a check digit does not match. Please compare it with the document.",
    },
    Message {
        code: "passport.length",
        ru: "Серия и номер паспорта — это 10 цифр. Если серия начинается с нуля, введите и его.",
        en: "A passport series and number are 10 digits. If the series starts with a zero, please type it too.",
    },
    Message {
        code: "passport.format",
        ru: "Введите серию и номер паспорта цифрами, например 45 08 123456.",
        en: "Please enter the passport series and number in digits, for example 45 08 123456.",
    },
    Message {
        code: "passport.region",
        ru: "Серия паспорта не может начинаться с 00. Сверьте серию с документом.",
        en: "A passport series cannot start with 00. Please compare it with the document.",
    },
    Message {
        code: "passport.number",
        ru: "Номер паспорта не может состоять из одних нулей. Сверьте номер с документом.",
        en: "A passport number cannot be all zeros. Please compare it with the document.",
    },
    Message {
        code: "phone.length",
        ru: "Номер телефона введён не полностью или с лишними цифрами. Пример: +7 916 123-45-67.",
        en: "The phone number is incomplete or has extra digits. Example: +7 916 123-45-67.",
    },
    Message {
        code: "phone.format",
        ru: "В номере телефона могут быть только цифры, пробелы, скобки, дефисы и знак +.",
        en: "A phone number may contain only digits, spaces, brackets, hyphens and a plus sign.",
    },
    Message {
        code: "phone.extension",
        ru: "Укажите номер без добавочного: на добавочный не приходят SMS.",
        en: "Please enter the number without an extension: text messages cannot reach an extension.",
    },
    Message {
        code: "phone.not_russian",
        ru: "Укажите российский номер телефона, начинающийся с +7.",
        en: "Please enter a Russian phone number starting with +7.",
    },
    Message {
        code: "phone.kazakhstan",
        ru: "Номера +7 6xx и +7 7xx принадлежат Казахстану. Укажите российский номер.",
        en: "Numbers +7 6xx and +7 7xx belong to Kazakhstan. Please enter a Russian number.",
    },
    Message {
        code: "phone.not_assigned",
        ru: "Такого кода нет в российской нумерации. Проверьте первые цифры номера.",
        en: "There is no such code in Russian numbering. Please check the first digits of the number.",
    },
    Message {
        code: "email.format",
        ru: "Введите адрес электронной почты в виде имя@домен, например ivan@mail.ru.",
        en: "Please enter an e-mail address as name@domain, for example ivan@mail.ru.",
    },
    Message {
        code: "email.too_long",
        ru: "Адрес электронной почты длиннее 254 символов.",
        en: "The e-mail address is longer than 254 characters.",
    },
    Message {
        code: "email.local_too_long",
        ru: "Часть адреса до @ длиннее 64 символов.",
        en: "The part of the address before the @ is longer than 64 characters.",
    },
    Message {
        code: "email.local_part",
        ru: "В части адреса до @ недопустимый символ или точка в начале, в конце или две подряд.",
        en: "The part of the address before the @ has a character that is not allowed, or a dot at its start, at its end or twice in a row.",
    },
    Message {
        code: "email.quoted",
        ru: "Адреса с кавычками не принимаются. Введите адрес без кавычек.",
        en: "Addresses with quotation marks are not accepted. Please enter the address without them.",
    },
    Message {
        code: "email.unicode_local",
        ru: "В части адреса до @ допускаются только латинские буквы, цифры и знаки . _ - +.",
        en: "Only Latin letters, digits and the signs . _ - + are allowed before the @.",
    },
    Message {
        code: "email.domain",
        ru: "Домен после @ записан неверно: недопустимый символ, пустая часть или дефис по краю.",
        en: "The domain after the @ is not valid: a character that is not allowed, an empty part or a hyphen at an edge.",
    },
    Message {
        code: "email.label_too_long",
        ru: "Часть домена между точками длиннее 63 символов.",
        en: "A part of the domain between dots is longer than 63 characters.",
    },
    Message {
        code: "email.domain_dot",
        ru: "В домене после @ должна быть точка, например mail.ru.",
        en: "The domain after the @ must contain a dot, for example mail.ru.",
    },
    Message {
        code: "email.address_literal",
        ru: "Вместо IP-адреса после @ укажите домен, например mail.ru.",
        en: "Please give a domain such as mail.ru after the @ instead of an IP address.",
    },
    Message {
        code: "login.format",
        ru: "Введите телефон, адрес электронной почты или СНИЛС.",
        en: "Please enter a phone number, an e-mail address or a SNILS.",
    },
    Message {
        code: "login.ambiguous",
        ru: "Это может быть и телефон, и СНИЛС. Введите телефон с +7 или СНИЛС в виде 123-456-789 01.",
        en: "This could be a phone number or a SNILS. Type the phone with +7, or the SNILS as 123-456-789 01.",
    },
    Message {
        code: "document.format",
        ru: "Введите серию и номер паспорта, ИНН (12 цифр) или СНИЛС.",
        en: "Please enter a passport series and number, a personal INN (12 digits) or a SNILS.",
    },
    Message {
        code: "surname.empty",
        ru: "Введите фамилию.",
        en: "Please enter the surname.",
    },
    Message {
        code: "surname.too_long",
        ru: "Фамилия слишком длинная.",
        en: "The surname is too long.",
    },
    Message {
        code: "surname.format",
        ru: "В фамилии могут быть только буквы, пробелы, дефисы и апострофы.",
        en: "A surname may contain only letters, spaces, hyphens and apostrophes.",
    },
    Message {
        code: "surname.mixed_script",
        ru: "В фамилии смешаны русские и латинские буквы. Проверьте раскладку клавиатуры.",
        en: "The surname mixes Cyrillic and Latin letters. Please check the keyboard layout.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_messages_and_the_table_nothing_else() {
        for e in Error::ALL {
            let m = MESSAGES.iter().find(|m| m.code == e.code());
            assert!(m.is_some(), "{} has no message", e.code());
            assert_eq!(e.to_string(), m.map(|m| m.en).unwrap_or_default());
        }
        assert_eq!(
            Error::ALL.len(),
            MESSAGES.len(),
            "a message without a variant"
        );
    }
}
