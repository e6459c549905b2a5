//! The password module from the outside: policies, checks, layout, hashing.

use proptest::prelude::*;
use restore_access::password::{
    BirthDate, Context, Error, Hasher, LONGEST_MAX_LEN, MAX_PASSWORD_BYTES, Password, Policy,
    Preset, Strength, Violation, to_cyrillic_layout, to_latin_layout,
};
use restore_access::{ErrorCode, Lang, catalog};
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
        ("password.contains_login", "Ivanov85!x", "Ivan85_3!xw"),
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
fn errors_print_their_english_message_and_their_data() {
    assert_eq!(
        Violation::TooShort { min: 8 }.to_string(),
        format!(
            "{} (minimum 8)",
            Violation::TooShort { min: 8 }.message(Lang::En)
        )
    );
    // The hasher's cap is its own code, apart from the policy's `password.too_long`.
    let hasher_cap = Error::PasswordTooLong { max_bytes: 1024 };
    assert_eq!(hasher_cap.code(), "password.too_long_to_hash");
    assert!(hasher_cap.to_string().ends_with("(more than 1024 bytes)"));
    // The salt's RNG failure is the code module's one declaration of it.
    let rng = Error::Rng(restore_access::code::Error::Rng);
    assert_eq!(rng.code(), "code.rng");
    assert_eq!(rng.domain(), restore_access::i18n::Domain::Code);
    let policy = Policy::builder().min_len(0).build().unwrap_err();
    assert_eq!(policy.code(), "password.invalid_policy");
    assert!(policy.to_string().ends_with("(min_len_zero)"));
    assert!(catalog::lookup("password.too_long").is_some());
}

#[test]
fn presets_are_named() {
    for &p in Preset::ALL {
        assert_eq!(p.as_str().parse::<Preset>(), Ok(p));
    }
    assert_eq!(Policy::preset(Preset::Gosuslugi), Policy::gosuslugi());
    let err = "strict".parse::<Preset>().unwrap_err();
    assert_eq!(err.code(), "name.unknown");
    assert!(err.to_string().contains("gosuslugi, nist"));
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
    // Above the builder's maxima: refused before anything is allocated.
    for (m, t, p) in [
        (Hasher::MAX_M_COST + 1, 2, 1),
        (u32::MAX, 2, 1),
        (Hasher::MIN_M_COST, Hasher::MAX_T_COST + 1, 1),
        (Hasher::MIN_M_COST, 2, Hasher::MAX_P_COST + 1),
    ] {
        assert_eq!(
            Hasher::with_params(m, t, p).map(|_| ()),
            Err(Error::InvalidParams),
            "{m},{t},{p}"
        );
    }
    assert!(
        Hasher::with_params(Hasher::MAX_M_COST, Hasher::MAX_T_COST, Hasher::MAX_P_COST).is_ok()
    );
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

// --- Limits before work, and arithmetic that cannot overflow (issue 12) ---

/// `STORED` with its parameters replaced by `params` (`m=…,t=…,p=…`): the salt and the hash
/// stay well-formed, so only the parameters can make it fail.
fn with_params(params: &str) -> String {
    STORED.replace("m=19456,t=2,p=1", params)
}

#[test]
fn long_digit_runs_do_not_overflow() {
    // The audit's input: a 20-digit run folded into an i64 panicked in debug builds.
    let report = Policy::gosuslugi().check("Qwerty12345678901234567890!", &Context::new());
    assert!(!report.codes().any(|c| c == "password.too_long"));
    assert!(report.strength().score <= 4);
    let policies = [
        Policy::gosuslugi(),
        Policy::nist(),
        Policy::builder()
            .min_len(1)
            .max_len(LONGEST_MAX_LEN)
            .build()
            .unwrap(),
    ];
    let nines = "9".repeat(40);
    let ctx = Context::new().phone(&nines).snils("112-233-445 95");
    for policy in &policies {
        for n in 18..=LONGEST_MAX_LEN {
            let run: String = "1234567890".chars().cycle().take(n).collect();
            for pw in [
                run.clone(),
                format!("Qwerty{run}!"),
                format!("{run}P@ssw0rd"),
                format!("!{run}"),
                "9".repeat(n),
            ] {
                let report = policy.check(&pw, &ctx);
                assert_eq!(report.is_ok(), report.violations().is_empty());
                let g = report.strength().guesses_log10;
                assert!(g.is_finite() && g >= 0.0, "{pw}: {g}");
            }
        }
    }
}

#[test]
fn stored_hashes_above_the_ceiling_are_refused_unverified() {
    let pw = Password::from("koloBok_15!");
    // The audit's hashes: t=200 took 5.8 s, m=2 GiB 14 s, t=2^32-1 never ended; p=255 lanes.
    // Also memory × passes over the work ceiling while each parameter is under its own.
    let costly = [
        "m=19456,t=200,p=1",
        "m=2097152,t=2,p=1",
        "m=19456,t=4294967295,p=1",
        "m=19456,t=2,p=255",
        "m=262145,t=2,p=1",
        "m=19456,t=11,p=1",
        "m=19456,t=2,p=9",
        "m=262144,t=4,p=1",
    ];
    // needs_rehash never verifies: such a hash is to be replaced.
    for params in costly {
        assert!(HASHER.needs_rehash(&with_params(params)), "{params}");
    }
    for params in costly {
        let phc = with_params(params);
        assert_eq!(
            HASHER.verify(&pw, &phc),
            Err(Error::HashTooCostly),
            "{params}"
        );
        assert_eq!(
            HASHER.verify(&Password::from("wrong"), &phc),
            Err(Error::HashTooCostly)
        );
        assert_eq!(Error::HashTooCostly.code(), "password.hash_too_costly");
        // The reuse check treats it as another password, without verifying it.
        let ctx = Context::new().previous_hash(&phc, &HASHER);
        assert!(codes(&Policy::gosuslugi(), "koloBok_15!", &ctx).is_empty());
    }
    // At the ceiling a hash is readable: not to be rehashed on its parameters' account
    // (checked without verifying, which would take seconds here).
    for params in ["m=262144,t=3,p=8", "m=78643,t=10,p=1", "m=19456,t=10,p=8"] {
        assert!(!HASHER.needs_rehash(&with_params(params)), "{params}");
    }
    let ceiling = (
        Hasher::MAX_STORED_M_COST,
        Hasher::MAX_STORED_T_COST,
        Hasher::MAX_STORED_P_COST,
        Hasher::MAX_STORED_WORK,
    );
    assert_eq!(ceiling, (262_144, 10, 8, 786_432));
    // Never below what the hasher itself writes: a hasher above the constants (here more
    // lanes, which cost no more work) verifies its own hashes, and refuses one step beyond.
    let wide = Hasher::with_params(Hasher::MIN_M_COST, 2, Hasher::MAX_STORED_P_COST + 1).unwrap();
    let phc = wide.hash(&pw).unwrap();
    assert!(phc.contains(",p=9$"), "{phc}");
    assert!(wide.verify(&pw, &phc).unwrap());
    assert!(!wide.needs_rehash(&phc));
    assert_eq!(HASHER.verify(&pw, &phc), Err(Error::HashTooCostly));
    let beyond = phc.replace(",p=9$", ",p=10$");
    assert_eq!(wide.verify(&pw, &beyond), Err(Error::HashTooCostly));
    assert!(wide.needs_rehash(&beyond));
    for params in ["m=19456,t=11,p=9", "m=262145,t=2,p=9"] {
        let phc = phc.replace("m=19456,t=2,p=9", params);
        assert_eq!(
            wide.verify(&pw, &phc),
            Err(Error::HashTooCostly),
            "{params}"
        );
    }
    // A string too long to be a PHC hash is not parsed.
    let long = format!("{}{}", *STORED, "A".repeat(Hasher::MAX_PHC_LEN));
    assert_eq!(HASHER.verify(&pw, &long), Err(Error::MalformedHash));
    assert!(HASHER.needs_rehash(&long));
}

#[test]
fn the_reuse_check_costs_at_most_one_run_at_the_configured_cost() {
    let policy = Policy::gosuslugi();
    let pw = Password::from("koloBok_15!");
    // A hash costlier than the context's hasher (but under the ceiling of `verify`) is
    // treated as another password: the check costs at most one run at the configured cost.
    let heavier = Hasher::with_params(Hasher::MIN_M_COST, 3, 1).unwrap();
    let heavier_phc = heavier.hash(&pw).unwrap();
    assert!(HASHER.verify(&pw, &heavier_phc).unwrap());
    let ctx = Context::new().previous_hash(&heavier_phc, &HASHER);
    assert!(codes(&policy, "koloBok_15!", &ctx).is_empty());
    // The same hash with a hasher at that cost, and a cheaper hash with a costlier hasher,
    // are verified: reuse is caught.
    let ctx = Context::new().previous_hash(&heavier_phc, &heavier);
    assert_eq!(codes(&policy, "koloBok_15!", &ctx), ["password.reused"]);
    let ctx = Context::new().previous_hash(&STORED, &heavier);
    assert_eq!(codes(&policy, "koloBok_15!", &ctx), ["password.reused"]);
    // What counts is memory and work, not each parameter: an equivalent OWASP setting with
    // more passes over less memory (9 MiB × 4 < 19 MiB × 2) is verified.
    let params = argon2::Params::new(9216, 4, 1, None).unwrap();
    let argon2 = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = b"sixteen byte salt";
    let owasp = argon2::PasswordHasher::hash_password_with_salt(&argon2, b"koloBok_15!", salt)
        .unwrap()
        .to_string();
    assert!(
        owasp.starts_with("$argon2id$v=19$m=9216,t=4,p=1$"),
        "{owasp}"
    );
    let ctx = Context::new().previous_hash(&owasp, &HASHER);
    assert_eq!(codes(&policy, "koloBok_15!", &ctx), ["password.reused"]);
    // One more pass is more work than the hasher's own: not verified.
    let beyond = with_params("m=9216,t=5,p=1");
    let ctx = Context::new().previous_hash(&beyond, &HASHER);
    assert!(codes(&policy, "koloBok_15!", &ctx).is_empty());
}

#[test]
fn needs_rehash_looks_at_every_parameter_and_the_version() {
    let stored: &str = &STORED;
    assert!(!HASHER.needs_rehash(stored));
    for weaker in [
        stored.replace("m=19456", "m=19455"),
        stored.replace("t=2,", "t=1,"),
        stored.replace("$v=19$", "$v=16$"),
        stored.replace("$argon2id$", "$argon2d$"),
    ] {
        assert!(HASHER.needs_rehash(&weaker), "{weaker}");
    }
    for stronger in [
        Hasher::with_params(Hasher::MIN_M_COST + 1, 2, 1),
        Hasher::with_params(Hasher::MIN_M_COST, 3, 1),
        Hasher::with_params(Hasher::MIN_M_COST, 2, 2),
    ] {
        assert!(stronger.unwrap().needs_rehash(stored));
    }
    // Stronger stored parameters under the ceiling are kept.
    assert!(!HASHER.needs_rehash(&with_params("m=65536,t=3,p=4")));
}

#[test]
fn a_3mb_password_is_refused_before_any_work() {
    // 3 MB of U+FDFA, which NFKC turns into 18 characters each.
    let huge = "\u{FDFA}".repeat(1_000_000);
    let ctx = Context::new()
        .surname("Иванов")
        .previous_hash(&STORED, &HASHER);
    for policy in [
        Policy::gosuslugi(),
        Policy::nist(),
        Policy::builder()
            .max_len(LONGEST_MAX_LEN)
            .normalize_nfkc(true)
            .build()
            .unwrap(),
    ] {
        assert!(policy.max_bytes() <= MAX_PASSWORD_BYTES);
        assert_eq!(policy.max_bytes(), 4 * policy.max_len());
        let report = policy.check(&huge, &ctx);
        assert_eq!(report.codes().collect::<Vec<_>>(), ["password.too_long"]);
        assert_eq!(report.strength(), Strength::default());
        // prepare does not normalise what the check refuses on its length.
        let prepared = policy.prepare(&Password::from(huge.as_str()));
        assert!(prepared.expose() == huge, "normalised");
    }
    assert_eq!(MAX_PASSWORD_BYTES, 1024);
    let too_long = Err(Error::PasswordTooLong {
        max_bytes: MAX_PASSWORD_BYTES,
    });
    let huge = Password::new(huge);
    assert_eq!(
        HASHER.hash(&huge),
        too_long.clone().map(|_: ()| String::new())
    );
    assert_eq!(HASHER.verify(&huge, &STORED), too_long.map(|_: ()| false));
    // One byte over the cap is refused; at the cap a password is hashed.
    let over = Password::from("x".repeat(MAX_PASSWORD_BYTES + 1));
    assert!(matches!(
        HASHER.hash(&over),
        Err(Error::PasswordTooLong { .. })
    ));
    let at = Password::from("x".repeat(MAX_PASSWORD_BYTES));
    let phc = HASHER.hash(&at).unwrap();
    assert!(HASHER.verify(&at, &phc).unwrap());
    assert_eq!(
        HASHER.verify(&over, &phc),
        Err(Error::PasswordTooLong { max_bytes: 1024 })
    );
}

#[test]
fn the_byte_cap_is_checked_before_normalisation() {
    let nist = Policy::nist();
    assert_eq!(nist.max_bytes(), 512);
    // The Hangul syllable 각 typed as three jamo: 9 bytes, which NFKC composes into one
    // character of 3 bytes. 56 of them (504 bytes) are within the cap; 57 (513 bytes) are
    // over it although their NFKC form is 57 characters, far under the 128 allowed.
    let jamo = "\u{1100}\u{1161}\u{11A8}";
    let within = jamo.repeat(56);
    let prepared = nist.prepare(&Password::from(within.as_str()));
    assert_eq!(prepared.expose(), "각".repeat(56));
    assert!(!codes(&nist, &within, &Context::new()).contains(&"password.too_long"));
    let over = jamo.repeat(57);
    assert!(over.len() > nist.max_bytes());
    assert_eq!(codes(&nist, &over, &Context::new()), ["password.too_long"]);
    // A login still normalises it (a password set before the cap existed must verify).
    let prepared = nist.prepare(&Password::from(over.as_str()));
    assert_eq!(prepared.expose(), "각".repeat(57));
    // The same holds for a policy that does not normalise: bytes first, then characters.
    let gosuslugi = Policy::gosuslugi();
    assert_eq!(gosuslugi.max_bytes(), 256);
    let cyrillic = "ж".repeat(129); // 258 bytes, 129 characters
    assert_eq!(
        codes(&gosuslugi, &cyrillic, &Context::new()),
        ["password.too_long"]
    );
}

#[test]
fn strength_and_context_look_only_up_to_the_cap() {
    // An estimate of any input takes bounded time: only the first MAX_PASSWORD_BYTES count.
    let huge = "x7#Kp9!qLm2$".repeat(300_000);
    let prefix = &huge[..MAX_PASSWORD_BYTES];
    assert_eq!(Strength::estimate(&huge), Strength::estimate(prefix));
    // Personal data is looked at up to the same cap: a phone whose digits start beyond it
    // is not searched (and a 3 MB one does not make the check slow).
    let policy = Policy::gosuslugi();
    let far = format!("{}4567", "-".repeat(MAX_PASSWORD_BYTES));
    assert!(codes(&policy, "Kot_4567!a", &Context::new().phone(&far)).is_empty());
    let near = format!("{}4567", "-".repeat(MAX_PASSWORD_BYTES - 4));
    assert_eq!(
        codes(&policy, "Kot_4567!a", &Context::new().phone(&near)),
        ["password.contains_phone"]
    );
    let huge_phone = "1".repeat(3_000_000);
    let huge_name = "Иванов".repeat(300_000);
    let ctx = Context::new()
        .phone(&huge_phone)
        .snils(&huge_phone)
        .surname(&huge_name)
        .email(&huge_name);
    assert!(codes(&policy, "Kot_4567!a", &ctx).is_empty());
}

/// Passwords up to the cap and a little over, with long digit runs, decorations and
/// Cyrillic: the check never panics and always gives a consistent report.
fn up_to_the_cap() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,64}",
        "[a-zA-Z]{1,8}",
        "[а-яА-ЯёЁ]{1,6}",
        "[!@#$%^&*()_+.,/ -]{1,3}",
        any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..=LONGEST_MAX_LEN + 8)
            .prop_map(String::from_iter),
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat()),
        ("[A-Za-z!]{0,8}", "[0-9]{19,300}", "[A-Za-z0-9!]{0,8}")
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn check_never_panics_up_to_the_cap(pw in up_to_the_cap(), digits in "[0-9]{0,40}") {
        let ctx = Context::new()
            .phone(&digits)
            .snils(&digits)
            .login(&digits)
            .birth_date(BirthDate { year: 2000, month: 1, day: 31 });
        let policies = [
            Policy::gosuslugi(),
            Policy::nist(),
            Policy::builder().min_len(1).max_len(LONGEST_MAX_LEN).min_score(2).build().unwrap(),
        ];
        for policy in &policies {
            let report = policy.check(&pw, &ctx);
            prop_assert_eq!(report.is_ok(), report.violations().is_empty());
            prop_assert!(report.strength().score <= 4);
            let g = report.strength().guesses_log10;
            prop_assert!(g.is_finite() && g >= 0.0);
            let too_long = report.codes().any(|c| c == "password.too_long");
            if pw.len() > policy.max_bytes() {
                prop_assert!(too_long);
            }
        }
        let s = Strength::estimate(&pw);
        prop_assert!(s.score <= 4 && s.guesses_log10.is_finite());
    }
}

/// What every cracking dictionary tries first, from the issue that compared this crate with
/// zxcvbn: each is blocklisted by the Госуслуги preset, and the report names the word found.
#[test]
fn decorated_list_words_are_blocklisted_and_named() {
    let gosuslugi = Policy::gosuslugi();
    let cases = [
        // A digit or symbol stuck on, whichever way the decoration splits.
        ("Trustno1!", "trustno1"),
        ("!Trustno1", "trustno1"),
        ("Q1w2e3r4!", "q1w2e3r4"),
        ("Qwer1234!", "qwer1234"),
        ("Aa123456!", "123456"),
        ("Abcd1234!", "abcd1234"),
        ("12345678Aa!", "12345678"),
        // Names, English and Russian: as typed, transliterated, in the wrong layout.
        ("Michael1!", "michael"),
        ("Alexander1!", "alexander"),
        ("Anastasia1990!", "анастасия"),
        ("Rfnz_15!", "катя"),
        ("Ivan1990!", "иван"),
        ("Sasha1990!", "саша"),
        ("Smirnov2000!", "смирнов"),
        // Words in both languages, reversed, with lookalike letters of the other alphabet.
        ("Jctym77!", "осень"),
        ("Yfnfif2024!", "наташа"),
        ("Gosuslugi1!", "gosuslugi"),
        ("1!drowssaP", "password"),
        ("Pаsswоrd1!", "password"),
    ];
    for (password, word) in cases {
        let report = gosuslugi.check(password, &Context::new());
        let found = report.violations().iter().find_map(|v| match v {
            Violation::Blocklisted { word } => Some(*word),
            _ => None,
        });
        assert_eq!(found, Some(word), "{password}: {:?}", report.violations());
        let shown = Violation::Blocklisted { word }.to_string();
        assert!(shown.ends_with(&format!("(found {word:?})")), "{shown}");
    }
}

/// NIST SP 800-63B: a verifier SHALL reject repetitive or sequential strings.
#[test]
fn repetitions_and_sequences_fail_nist() {
    let nist = Policy::nist();
    let cases = [
        "Password1!Password1!".to_owned(),
        "abc".repeat(11),
        "a".repeat(50),
        "1".repeat(58),
        "123456".repeat(8),
        "Aa1!".repeat(7),
        "michaelmichael123".to_owned(),
        "abcdefghijklmnopqrstuvwxyz".to_owned(),
        "абвгдежзийклмнопрст".to_owned(),
        "qwertyuiop1234567890".to_owned(),
        "йцукенгшщзхъфывапролджэ".to_owned(),
    ];
    for password in cases {
        let codes = codes(&nist, &password, &Context::new());
        assert!(
            codes.contains(&"password.too_weak"),
            "{password}: {codes:?}"
        );
    }
}

#[test]
fn one_letter_repeated_fails_nist_at_every_length_up_to_the_cap() {
    let nist = Policy::nist();
    for n in 1..=MAX_PASSWORD_BYTES {
        let report = nist.check(&"a".repeat(n), &Context::new());
        assert!(!report.is_ok(), "a × {n}");
        assert!(
            report.strength().score <= 1,
            "a × {n}: {:?}",
            report.strength()
        );
    }
}

/// Name + year and word + digits are priced like an attacker's search, not per character.
#[test]
fn name_and_year_score_low() {
    for weak in [
        "Ivan1990!",
        "Sasha1990!",
        "Jctym77!",
        "Michael1!",
        "Natasha2024",
    ] {
        let s = Strength::estimate(weak);
        assert!(s.score <= 1, "{weak}: {s:?}");
    }
}

/// The top of the lists, each most common first, as the crate ships them.
fn top_entries(list: &'static str, n: usize) -> Vec<&'static str> {
    list.lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#') && w.chars().count() >= 3)
        .take(n)
        .collect()
}

static TOP_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words = top_entries(
        include_str!("../src/password/data/common-passwords.txt"),
        30,
    );
    words.extend(top_entries(
        include_str!("../src/password/data/names-ru-common.txt"),
        30,
    ));
    words.extend(top_entries(
        include_str!("../src/password/data/male-names-en.txt"),
        30,
    ));
    words
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The usual decorations — capitals, the other layout, a symbol or a digit before, digits,
    /// a year and a symbol after — never make a common word pass.
    #[test]
    fn decorating_a_blocklisted_word_never_makes_it_pass(
        index in 0usize..90,
        case in 0u8..3,
        russian_layout in any::<bool>(),
        prefix in prop::sample::select(vec!["", "!", "1", "#"]),
        suffix in prop::sample::select(vec!["", "1", "!", "1!", "123", "2024", "1990!", "_1", "."]),
    ) {
        let word = TOP_WORDS[index % TOP_WORDS.len()];
        let word = match case {
            0 => word.to_lowercase(),
            1 => word.chars().take(1).flat_map(char::to_uppercase).chain(word.chars().skip(1)).collect(),
            _ => word.to_uppercase(),
        };
        let word = if russian_layout { to_cyrillic_layout(&word) } else { to_latin_layout(&word) };
        let password = format!("{prefix}{word}{suffix}");
        let codes = codes(&Policy::gosuslugi(), &password, &Context::new());
        prop_assert!(codes.contains(&"password.blocklisted"), "{}: {:?}", password, codes);
    }
}
