//! The password module from the outside: policies, checks, layout, hashing.

use proptest::prelude::*;
use restore_access::password::{
    BirthDate, Context, Error, Hasher, Password, Policy, Strength, Violation, to_cyrillic_layout,
    to_latin_layout,
};
use restore_access::{ErrorCode, Lang, i18n};
use std::sync::LazyLock;

fn codes(policy: &Policy, password: &str, ctx: &Context<'_>) -> Vec<&'static str> {
    policy.check(password, ctx).codes().collect()
}

/// One hash at the defaults, shared by the tests that need a stored password.
static HASHER: LazyLock<Hasher> = LazyLock::new(Hasher::new);
static STORED: LazyLock<String> =
    LazyLock::new(|| HASHER.hash(&Password::from("koloBok_15!")).unwrap());

#[test]
fn seed_examples_pass_gosuslugi() {
    let policy = Policy::gosuslugi();
    for pw in ["Sharik1599+", "koloBok_15!"] {
        let report = policy.check(pw, &Context::new());
        assert!(
            report.is_ok(),
            "{pw}: {:?}",
            report.codes().collect::<Vec<_>>()
        );
    }
}

/// Each rule: a password that breaks it (with the context it needs) and a close one that
/// passes the whole policy.
#[test]
fn every_violation_fails_and_passes() {
    let gosuslugi = Policy::gosuslugi();
    let full = Context::new()
        .login("ivanov85")
        .email("anna.petrova+news@mail.ru")
        .surname("Иванов")
        .first_name("Юлия")
        .phone("8 (916) 123-45-67")
        .snils("112-233-445 95")
        .birth_date(BirthDate {
            year: 1985,
            month: 5,
            day: 5,
        });
    let cases: &[(&str, &str, &str)] = &[
        ("password.too_short", "Sh1+x", "Sharik1599+"),
        ("password.no_upper", "sharik1599+", "Sharik1599+"),
        ("password.no_lower", "SHARIK1599+", "SHARIk1599+"),
        ("password.no_digit", "Sharik_xyz+", "Sharik_x7z+"),
        ("password.no_symbol", "Sharik1599x", "Sharik1599+"),
        ("password.invalid_char", "Sharik 1599+", "Sharik_1599+"),
        ("password.wrong_layout", "Ырфкшл1599+", "Sharik1599+"),
        ("password.blocklisted", "P@ssw0rd2024!", "koloBok_15!"),
        ("password.blocklisted", "Gfhjkm2020!", "Gfhjkm_73Zq!"),
        ("password.blocklisted", "Qwerty123!", "Qwerty_9Lk3!"),
        ("password.contains_login", "Ivanov85!x", "Ivan0v_3!x"),
        ("password.contains_email", "Petrova_2000X", "Petr_2000X!"),
        ("password.contains_surname", "Ivanov!3Qx", "Ivan!3Qx_w"),
        ("password.contains_surname", "Bdfyjd!3Qx", "Bdfy!3Qx_w"),
        ("password.contains_name", "Yuliya!3Qx", "Yul!3Qx_wq"),
        ("password.contains_name", "Iuliia!3Qx", "Iul!3Qx_wq"),
        ("password.contains_phone", "Kot_4567!a", "Kot_4576!a"),
        ("password.contains_snils", "Kot_3344!a", "Kot_3434!a"),
        ("password.contains_birth_date", "Kot_1985!a", "Kot_1958!a"),
        ("password.contains_birth_date", "Kot_05.05!a", "Kot_05.06!a"),
    ];
    for &(code, failing, passing) in cases {
        let fails = codes(&gosuslugi, failing, &full);
        assert!(
            fails.contains(&code),
            "{failing} should give {code}: {fails:?}"
        );
        let passes = codes(&gosuslugi, passing, &full);
        assert!(passes.is_empty(), "{passing} should pass: {passes:?}");
    }
}

#[test]
fn nist_rules_fail_and_pass() {
    let nist = Policy::nist();
    let none = Context::new();
    let long: String = "Ёжик в тумане ".repeat(10);
    let cases: &[(&str, &str, &str)] = &[
        (
            "password.too_short",
            "Ёжик в тумане",
            "Ёжик в тумане 1975 года",
        ),
        ("password.too_long", &long, "Ёжик в тумане 1975 года"),
        (
            "password.too_weak",
            "aaaaaaaaaaaaaaaaaaaa",
            "Ёжик в тумане 1975 года",
        ),
        (
            "password.too_weak",
            "qwertyuiopasdfghjkl",
            "Ёжик в тумане 1975 года",
        ),
        (
            "password.blocklisted",
            "ｐａｓｓｗｏｒｄ１２３４５６７８",
            "correct horse battery staple",
        ),
        (
            "password.contains_surname",
            "иванов и компания",
            "петров и компания",
        ),
    ];
    let ctx = Context::new().surname("Иванов");
    for &(code, failing, passing) in cases {
        let fails = codes(&nist, failing, &ctx);
        assert!(
            fails.contains(&code),
            "{failing} should give {code}: {fails:?}"
        );
        let passes = codes(&nist, passing, &none);
        assert!(passes.is_empty(), "{passing} should pass: {passes:?}");
    }
    // Nothing else is checked on over-long input.
    assert_eq!(codes(&nist, &long, &ctx), ["password.too_long"]);
}

#[test]
fn wrong_layout_carries_the_latin_reading() {
    let report = Policy::gosuslugi().check("Ырфкшл1599+", &Context::new());
    let latin = report.violations().iter().find_map(|v| match v {
        Violation::WrongLayout { latin } => Some(latin.expose().to_owned()),
        _ => None,
    });
    assert_eq!(latin.as_deref(), Some("Sharik1599+"));
    assert!(!report.codes().any(|c| c == "password.invalid_char"));
}

#[test]
fn reuse_of_the_previous_password_is_caught() {
    let policy = Policy::gosuslugi();
    let ctx = Context::new().previous_hash(&STORED, &HASHER);
    assert_eq!(codes(&policy, "koloBok_15!", &ctx), ["password.reused"]);
    assert!(codes(&policy, "Sharik1599+", &ctx).is_empty());
}

#[test]
fn russian_habits_are_blocklisted_in_both_layouts() {
    let policy = Policy::builder().min_len(1).build().unwrap();
    for pw in [
        "йцукен123",
        "qwerty",
        "1q2w3e4r",
        "пароль",
        "gfhjkm",
        "ghbdtn",
        "привет",
        "ntktajy",
        "телефон",
        "123456",
        "qwerty123",
        "йцукен",
        "ПАРОЛЬ",
        "Пароль2024!",
        "gfhjkm!!",
    ] {
        assert!(
            codes(&policy, pw, &Context::new()).contains(&"password.blocklisted"),
            "{pw}"
        );
    }
    for pw in ["koloBok_15!", "Sharik1599+", "xQ7#pLm2vZ"] {
        assert!(
            !codes(&policy, pw, &Context::new()).contains(&"password.blocklisted"),
            "{pw}"
        );
    }
}

#[test]
fn layout_maps_both_ways() {
    assert_eq!(to_latin_layout("Ырфкшл1599+"), "Sharik1599+");
    assert_eq!(to_cyrillic_layout("Sharik1599+"), "Ырфкшл1599+");
    assert_eq!(to_cyrillic_layout("ghbdtn"), "привет");
    assert_eq!(to_latin_layout("привет"), "ghbdtn");
    // Punctuation typed in Cyrillic stays; the Latin keys it shares read as letters.
    assert_eq!(to_latin_layout("ЁЖИК, ёжик"), "~:BR, `;br");
    assert_eq!(to_cyrillic_layout("~:BR, `;br"), "ЁЖИКб ёжик");
}

proptest! {
    #[test]
    fn layout_round_trips(s in "[а-яА-ЯёЁ0-9 !?+]{0,40}") {
        prop_assert_eq!(to_cyrillic_layout(&to_latin_layout(&s)), s);
    }

    #[test]
    fn latin_letters_round_trip(s in "[a-zA-Z0-9 !?+]{0,40}") {
        prop_assert_eq!(to_latin_layout(&to_cyrillic_layout(&s)), s);
    }
}

#[test]
fn strength_sees_patterns_on_both_keyboards() {
    for weak in [
        "qwertyuiop",
        "йцукенгшщз",
        "1qaz2wsx3edc",
        "фывапролдж",
        "aaaaaaaaaaaa",
        "abcdefghij",
        "9876543210",
        "01.02.1990",
        "ghbdtn123",
    ] {
        let s = Strength::estimate(weak);
        assert!(s.score <= 1, "{weak}: {s:?}");
    }
    for strong in ["x7#Kp9!qLm2$", "Ёжик в тумане 1975 года", "koloBok_15!"] {
        let s = Strength::estimate(strong);
        assert!(s.score >= 3, "{strong}: {s:?}");
    }
    assert!(Strength::estimate("").guesses_log10 == 0.0);
}

#[test]
fn every_code_has_messages() {
    let violations = [
        Violation::TooShort { min: 8 },
        Violation::TooLong { max: 64 },
        Violation::NoUpper,
        Violation::NoLower,
        Violation::NoDigit,
        Violation::NoSymbol,
        Violation::InvalidChar,
        Violation::WrongLayout {
            latin: Password::from("x"),
        },
        Violation::Blocklisted,
        Violation::ContainsLogin,
        Violation::ContainsEmail,
        Violation::ContainsSurname,
        Violation::ContainsName,
        Violation::ContainsPhone,
        Violation::ContainsSnils,
        Violation::ContainsBirthDate,
        Violation::Reused,
        Violation::TooWeak { min_score: 3 },
    ];
    let errors = [
        Error::WeakParams {
            name: "m_cost",
            min: 19456,
        },
        Error::InvalidParams,
        Error::MalformedHash,
        Error::UnsupportedAlgorithm,
        Error::Rng,
        Error::Hashing,
        Error::InvalidPolicy { reason: "x" },
    ];
    let all: Vec<&'static str> = violations
        .iter()
        .map(ErrorCode::code)
        .chain(errors.iter().map(ErrorCode::code))
        .collect();
    for code in &all {
        let m = i18n::lookup(code).unwrap_or_else(|| panic!("{code} has no message"));
        assert_ne!(m.ru, m.en, "{code}");
    }
    let ours = i18n::all()
        .filter(|m| m.code.starts_with("password."))
        .count();
    assert_eq!(ours, all.len(), "a message without a variant");
    assert_eq!(
        Violation::TooShort { min: 8 }.to_string(),
        format!(
            "{} (minimum 8)",
            Violation::TooShort { min: 8 }.message(Lang::En)
        )
    );
}

#[test]
fn secrets_never_print() {
    let pw = Password::from("Sharik1599+");
    assert_eq!(format!("{pw:?}"), "[REDACTED]");
    let report = Policy::gosuslugi().check("Ырфкшл1599+", &Context::new());
    let printed = format!("{report:?} {:?}", report.violations());
    assert!(
        !printed.contains("Sharik") && !printed.contains("Ырфкшл"),
        "{printed}"
    );
    let ctx = Context::new().phone("+79161234567").surname("Иванов");
    let printed = format!("{ctx:?}");
    assert!(
        !printed.contains("916") && !printed.contains("Иванов"),
        "{printed}"
    );
    let hasher = Hasher::new().with_pepper("pepper-secret");
    assert!(!format!("{hasher:?}").contains("pepper-secret"));
}

#[test]
fn nist_normalises_with_nfkc() {
    let nist = Policy::nist();
    let fullwidth = Password::from("ｋｏｌｏＢｏｋ＿１５！");
    assert_eq!(nist.prepare(&fullwidth).expose(), "koloBok_15!");
    assert_eq!(
        Policy::gosuslugi().prepare(&fullwidth).expose(),
        fullwidth.expose()
    );
    assert!(nist.max_len() >= 64);
}

#[test]
fn builder_refuses_contradictions() {
    for built in [
        Policy::builder().min_len(0).build(),
        Policy::builder().min_len(20).max_len(10).build(),
        Policy::builder().max_len(100_000).build(),
        Policy::builder().min_score(5).build(),
    ] {
        assert_eq!(
            built.map(|_| ()).unwrap_err().code(),
            "password.invalid_policy"
        );
    }
}

#[test]
fn hash_verify_and_rehash() {
    let stored: &str = &STORED;
    assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    assert!(
        HASHER
            .verify(&Password::from("koloBok_15!"), stored)
            .unwrap()
    );
    assert!(
        !HASHER
            .verify(&Password::from("koloBok_15?"), stored)
            .unwrap()
    );
    assert!(!HASHER.needs_rehash(stored));

    // A stronger hasher wants it rehashed; so do weaker, other and broken strings.
    let stronger = Hasher::with_params(2 * Hasher::MIN_M_COST, 3, 1).unwrap();
    assert!(stronger.needs_rehash(stored));
    let weaker = stored.replace("m=19456", "m=8192");
    assert!(HASHER.needs_rehash(&weaker));
    let argon2i = stored.replace("$argon2id$", "$argon2i$");
    assert!(HASHER.needs_rehash(&argon2i));
    let bcrypt = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    assert!(HASHER.needs_rehash(bcrypt));
    assert!(HASHER.needs_rehash("not a hash"));

    // Errors for what is not an Argon2 PHC string.
    let pw = Password::from("koloBok_15!");
    assert_eq!(HASHER.verify(&pw, "not a hash"), Err(Error::MalformedHash));
    assert!(HASHER.verify(&pw, bcrypt).is_err());
    assert_eq!(
        HASHER.verify(&pw, "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"),
        Err(Error::UnsupportedAlgorithm)
    );
}

#[test]
fn pepper_is_part_of_the_hash() {
    let peppered = Hasher::new().with_pepper(*b"server secret");
    let pw = Password::from("Sharik1599+");
    let phc = peppered.hash(&pw).unwrap();
    assert!(peppered.verify(&pw, &phc).unwrap());
    assert!(!HASHER.verify(&pw, &phc).unwrap());
}

#[test]
fn weaker_params_are_refused() {
    let weak = [
        (Hasher::MIN_M_COST - 1, 2, 1, "m_cost"),
        (Hasher::MIN_M_COST, 1, 1, "t_cost"),
        (Hasher::MIN_M_COST, 2, 0, "p_cost"),
    ];
    for (m, t, p, name) in weak {
        match Hasher::with_params(m, t, p) {
            Err(Error::WeakParams { name: got, .. }) => assert_eq!(got, name),
            other => panic!("{m},{t},{p}: {other:?}"),
        }
    }
    assert_eq!(Hasher::default().m_cost(), 19_456);
    assert_eq!((Hasher::new().t_cost(), Hasher::new().p_cost()), (2, 1));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn check_never_panics(s in any::<String>(), cyr in "[а-яА-Я0-9!.]{0,80}") {
        let ctx = Context::new()
            .login(&cyr)
            .email(&s)
            .surname(&s)
            .first_name(&cyr)
            .phone(&s)
            .snils(&cyr)
            .birth_date(BirthDate { year: 1985, month: 13, day: 0 });
        for policy in [Policy::gosuslugi(), Policy::nist()] {
            for pw in [s.as_str(), cyr.as_str()] {
                let report = policy.check(pw, &ctx);
                prop_assert_eq!(report.is_ok(), report.violations().is_empty());
                prop_assert!(report.strength().score <= 4);
            }
        }
    }
}
