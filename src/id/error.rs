//! Why an identifier was not accepted: one variant, one stable code, one message per failure.

pub use crate::i18n::ErrorKind;

crate::errors! {
    /// Why a typed identifier was rejected.
    ///
    /// Each variant has a stable code ([`ErrorCode::code`](crate::ErrorCode::code)) and a message in Russian and
    /// English ([`ErrorCode::message`](crate::ErrorCode::message)); `Display` is the English message. The error never
    /// contains the input: it is personal data and must not reach a log by way of an error.
    ///
    /// ```
    /// use restore_access::{ErrorCode, Lang, Snils};
    /// use restore_access::id::ErrorKind;
    ///
    /// let err = "112-233-445 96".parse::<Snils>().unwrap_err();
    /// assert_eq!(err.code(), "snils.checksum");
    /// assert_eq!(err.kind(), Some(ErrorKind::Checksum));
    /// assert!(err.message(Lang::Ru).contains("СНИЛС"));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Error in Id {
        /// `snils.length`: not 11 digits.
        SnilsLength = "snils.length" {
            kind: Length,
            ru: "СНИЛС состоит из 11 цифр. Проверьте, что номер введён полностью.",
            en: "A SNILS has 11 digits. Please check that the whole number is entered.",
        },
        /// `snils.format`: a character other than digits, spaces and hyphens.
        SnilsFormat = "snils.format" {
            kind: Format,
            ru: "В СНИЛС могут быть только цифры, пробелы и дефисы.",
            en: "A SNILS may contain only digits, spaces and hyphens.",
        },
        /// `snils.checksum`: the check number does not match.
        SnilsChecksum = "snils.checksum" {
            kind: Checksum,
            ru: "СНИЛС введён с ошибкой: контрольное число не совпадает. Сверьте номер с документом.",
            en: "The SNILS contains a mistake: its check number does not match. Please compare it with the document.",
        },
        /// `snils.placeholder`: `000-000-000 00`, which forms use as a placeholder and was never
        /// issued.
        SnilsPlaceholder = "snils.placeholder" {
            kind: Component,
            ru: "СНИЛС из одних нулей не выдаётся. Введите номер с документа.",
            en: "A SNILS of zeros only is never issued. Please enter the number from the document.",
        },
        /// `inn.length`: neither 10 nor 12 digits.
        InnLength = "inn.length" {
            kind: Length,
            ru: "ИНН состоит из 10 цифр (организация) или 12 цифр (физическое лицо).",
            en: "A tax number (INN) has 10 digits (organisation) or 12 digits (person).",
        },
        /// `inn.format`: a character other than digits, spaces and hyphens.
        InnFormat = "inn.format" {
            kind: Format,
            ru: "В ИНН могут быть только цифры.",
            en: "A tax number (INN) may contain only digits.",
        },
        /// `inn.checksum`: a check digit does not match.
        InnChecksum = "inn.checksum" {
            kind: Checksum,
            ru: "ИНН введён с ошибкой: контрольная цифра не совпадает. Сверьте номер с документом.",
            en: "The tax number (INN) contains a mistake: a check digit does not match. Please compare it with the document.",
        },
        /// `passport.length`: series and number are not 10 digits together.
        PassportLength = "passport.length" {
            kind: Length,
            ru: "Серия и номер паспорта — это 10 цифр. Если серия начинается с нуля, введите и его.",
            en: "A passport series and number are 10 digits. If the series starts with a zero, please type it too.",
        },
        /// `passport.format`: a character that does not belong in a series and number.
        PassportFormat = "passport.format" {
            kind: Format,
            ru: "Введите серию и номер паспорта цифрами, например 45 08 123456.",
            en: "Please enter the passport series and number in digits, for example 45 08 123456.",
        },
        /// `passport.region`: the series starts with `00`, which no region has.
        PassportRegion = "passport.region" {
            kind: Component,
            ru: "Серия паспорта не может начинаться с 00. Сверьте серию с документом.",
            en: "A passport series cannot start with 00. Please compare it with the document.",
        },
        /// `passport.number`: the number is `000000`, which is never issued.
        PassportNumber = "passport.number" {
            kind: Component,
            ru: "Номер паспорта не может состоять из одних нулей. Сверьте номер с документом.",
            en: "A passport number cannot be all zeros. Please compare it with the document.",
        },
        /// `phone.length`: the wrong number of digits for a Russian number.
        PhoneLength = "phone.length" {
            kind: Length,
            ru: "Номер телефона введён не полностью или с лишними цифрами. Пример: +7 916 123-45-67.",
            en: "The phone number is incomplete or has extra digits. Example: +7 916 123-45-67.",
        },
        /// `phone.format`: a character that does not belong in a phone number.
        PhoneFormat = "phone.format" {
            kind: Format,
            ru: "В номере телефона могут быть только цифры, пробелы, скобки, дефисы и знак +.",
            en: "A phone number may contain only digits, spaces, brackets, hyphens and a plus sign.",
        },
        /// `phone.extension`: an extension (`доб. 123`) was typed; SMS cannot reach it.
        PhoneExtension = "phone.extension" {
            kind: Component,
            ru: "Укажите номер без добавочного: на добавочный не приходят SMS.",
            en: "Please enter the number without an extension: text messages cannot reach an extension.",
        },
        /// `phone.not_russian`: a country code other than +7.
        PhoneNotRussian = "phone.not_russian" {
            kind: Component,
            ru: "Укажите российский номер телефона, начинающийся с +7.",
            en: "Please enter a Russian phone number starting with +7.",
        },
        /// `phone.digit_missing`: one digit short of a Russian number (`8 916 123 45 6`), which
        /// is never read as another number.
        PhoneDigitMissing = "phone.digit_missing" {
            kind: Length,
            ru: "В номере телефона не хватает цифры. Проверьте номер, например +7 916 123-45-67.",
            en: "The phone number is one digit short. Please check the number, for example +7 916 123-45-67.",
        },
        /// `phone.digit_extra`: one digit more than a Russian number has.
        PhoneDigitExtra = "phone.digit_extra" {
            kind: Length,
            ru: "В номере телефона лишняя цифра. Проверьте номер, например +7 916 123-45-67.",
            en: "The phone number has one digit too many. Please check the number, for example +7 916 123-45-67.",
        },
        /// `phone.kazakhstan`: +7 7xx, numbers of Kazakhstan.
        PhoneKazakhstan = "phone.kazakhstan" {
            kind: Component,
            ru: "Номера +7 7xx принадлежат Казахстану. Укажите российский номер.",
            en: "Numbers +7 7xx belong to Kazakhstan. Please enter a Russian number.",
        },
        /// `phone.reserved`: +7 6xx, a zone neither Russia nor Kazakhstan assigns.
        PhoneReserved = "phone.reserved" {
            kind: Component,
            ru: "Номеров +7 6xx нет ни в России, ни в Казахстане. Проверьте первые цифры номера.",
            en: "There are no +7 6xx numbers in Russia or Kazakhstan. Please check the first digits of the number.",
        },
        /// `phone.not_assigned`: a code or range the Russian numbering plan does not assign
        /// (`+7 555 …`, `+7 880 …`, a passport's `4509 …`).
        PhoneNotAssigned = "phone.not_assigned" {
            kind: Component,
            ru: "Такого кода нет в российской нумерации. Проверьте первые цифры номера.",
            en: "There is no such code in Russian numbering. Please check the first digits of the number.",
        },
        /// `email.format`: not of the form `name@domain` (no `@`, two `@`, an empty side).
        EmailFormat = "email.format" {
            kind: Format,
            ru: "Введите адрес электронной почты в виде имя@домен, например ivan@mail.ru.",
            en: "Please enter an e-mail address as name@domain, for example ivan@mail.ru.",
        },
        /// `email.too_long`: more than 254 characters.
        EmailTooLong = "email.too_long" {
            kind: Length,
            ru: "Адрес электронной почты длиннее 254 символов.",
            en: "The e-mail address is longer than 254 characters.",
        },
        /// `email.local_too_long`: more than 64 characters before the `@`.
        EmailLocalTooLong = "email.local_too_long" {
            kind: Length,
            ru: "Часть адреса до @ длиннее 64 символов.",
            en: "The part of the address before the @ is longer than 64 characters.",
        },
        /// `email.local_part`: a character or a dot placement not allowed before the `@`.
        EmailLocalPart = "email.local_part" {
            kind: Format,
            ru: "В части адреса до @ недопустимый символ или точка в начале, в конце или две подряд.",
            en: "The part of the address before the @ has a character that is not allowed, or a dot at its start, at its end or twice in a row.",
        },
        /// `email.quoted`: a quoted local part (`"ivan petrov"@…`), which portals do not accept.
        EmailQuoted = "email.quoted" {
            kind: Component,
            ru: "Адреса с кавычками не принимаются. Введите адрес без кавычек.",
            en: "Addresses with quotation marks are not accepted. Please enter the address without them.",
        },
        /// `email.unicode_local`: non-Latin letters before the `@` where only ASCII is accepted.
        EmailUnicodeLocal = "email.unicode_local" {
            kind: Component,
            ru: "В части адреса до @ допускаются только латинские буквы, цифры и знаки . _ - +.",
            en: "Only Latin letters, digits and the signs . _ - + are allowed before the @.",
        },
        /// `email.domain`: a character, an empty label or a hyphen at a label's edge in the domain.
        EmailDomain = "email.domain" {
            kind: Format,
            ru: "Домен после @ записан неверно: недопустимый символ, пустая часть или дефис по краю.",
            en: "The domain after the @ is not valid: a character that is not allowed, an empty part or a hyphen at an edge.",
        },
        /// `email.domain_char`: a character IDNA does not allow in a domain (`⒈`, `ㅤ`, a
        /// joiner out of place).
        EmailDomainChar = "email.domain_char" {
            kind: Format,
            ru: "В домене после @ есть символ, недопустимый в адресе. Проверьте, как записан домен.",
            en: "The domain after the @ has a character that is not allowed in an address. Please check how it is written.",
        },
        /// `email.a_label`: a label that starts with `xn--` and is not valid punycode of an
        /// allowed name.
        EmailALabel = "email.a_label" {
            kind: Format,
            ru: "Часть домена, начинающаяся с xn--, записана неверно. Проверьте домен.",
            en: "A part of the domain starting with xn-- is not valid. Please check the domain.",
        },
        /// `email.bidi`: a domain with right-to-left letters that breaks the bidi rule of
        /// RFC 5893 (a digit before Hebrew letters, mixed directions).
        EmailBidi = "email.bidi" {
            kind: Format,
            ru: "В домене смешаны направления письма (справа налево и слева направо) недопустимым образом.",
            en: "The domain mixes right-to-left and left-to-right writing in a way that is not allowed.",
        },
        /// `email.special_use`: a domain reserved for special use (`.test`, `.invalid`,
        /// `.localhost`, `.local`, `.onion`, `.arpa`), where no e-mail can arrive.
        EmailSpecialUse = "email.special_use" {
            kind: Component,
            ru: "На этот домен письма не доставляются. Укажите ваш настоящий адрес почты.",
            en: "No e-mail can be delivered to this domain. Please give your real address.",
        },
        /// `email.label_too_long`: a domain label longer than 63 characters (in ASCII form).
        EmailLabelTooLong = "email.label_too_long" {
            kind: Length,
            ru: "Часть домена между точками длиннее 63 символов.",
            en: "A part of the domain between dots is longer than 63 characters.",
        },
        /// `email.domain_dot`: a domain without a dot (`ivan@localhost`).
        EmailDomainDot = "email.domain_dot" {
            kind: Component,
            ru: "В домене после @ должна быть точка, например mail.ru.",
            en: "The domain after the @ must contain a dot, for example mail.ru.",
        },
        /// `email.address_literal`: an IP address instead of a domain (`ivan@[127.0.0.1]`).
        EmailAddressLiteral = "email.address_literal" {
            kind: Component,
            ru: "Вместо IP-адреса после @ укажите домен, например mail.ru.",
            en: "Please give a domain such as mail.ru after the @ instead of an IP address.",
        },
        /// `login.format`: neither a phone number, an e-mail address nor a СНИЛС.
        LoginFormat = "login.format" {
            kind: Format,
            ru: "Введите телефон, адрес электронной почты или СНИЛС.",
            en: "Please enter a phone number, an e-mail address or a SNILS.",
        },
        /// `login.ambiguous`: eleven bare digits that read both as a phone number and as a СНИЛС;
        /// [`crate::id::Login::parse`] returns both readings, and a caller that needs one asks
        /// for the number again in a shape that tells (`+7 …` or `XXX-XXX-XXX YY`).
        LoginAmbiguous = "login.ambiguous" {
            kind: Format,
            ru: "Это может быть и телефон, и СНИЛС. Введите телефон с +7 или СНИЛС в виде 123-456-789 01.",
            en: "This could be a phone number or a SNILS. Type the phone with +7, or the SNILS as 123-456-789 01.",
        },
        /// `document.format`: neither a passport, a person's ИНН nor a СНИЛС.
        DocumentFormat = "document.format" {
            kind: Format,
            ru: "Введите серию и номер паспорта, ИНН (12 цифр) или СНИЛС.",
            en: "Please enter a passport series and number, a personal INN (12 digits) or a SNILS.",
        },
        /// `surname.empty`: nothing but spaces and punctuation.
        SurnameEmpty = "surname.empty" {
            kind: Length,
            ru: "Введите фамилию.",
            en: "Please enter the surname.",
        },
        /// `surname.too_long`: more than [`crate::id::Surname::MAX_CHARS`] characters.
        SurnameTooLong = "surname.too_long" {
            kind: Length,
            ru: "Фамилия слишком длинная.",
            en: "The surname is too long.",
        },
        /// `surname.format`: a character other than letters, spaces, hyphens and apostrophes.
        SurnameFormat = "surname.format" {
            kind: Format,
            ru: "В фамилии могут быть только буквы, пробелы, дефисы и апострофы.",
            en: "A surname may contain only letters, spaces, hyphens and apostrophes.",
        },
        /// `surname.mixed_script`: Cyrillic and Latin letters mixed in one surname.
        SurnameMixedScript = "surname.mixed_script" {
            kind: Component,
            ru: "В фамилии смешаны русские и латинские буквы. Проверьте раскладку клавиатуры.",
            en: "The surname mixes Cyrillic and Latin letters. Please check the keyboard layout.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Domain, ErrorCode};

    #[test]
    fn every_code_has_a_kind_and_an_english_display() {
        for m in Error::MESSAGES {
            assert!(m.code.contains('.'), "{}", m.code);
        }
        let e = Error::SnilsChecksum;
        assert_eq!(e.domain(), Domain::Id(ErrorKind::Checksum));
        assert_eq!(e.to_string(), e.message(crate::Lang::En));
    }
}
