//! Passwords: the policy check with its report, and Argon2id hashing.

use std::ffi::c_char;
use std::sync::OnceLock;

use restore_access::password::{
    BirthDate, Hasher, Password, PersonalData, Policy, PolicyBuilder, Preset, Report, Rule,
    RuleKind, Violation,
};

use crate::ffi::{self, Buf, ErrOut, Out, borrow, bytes, free, into_handle, opt_text, text};
use crate::status::{self, ra_error, ra_lang, ra_status};

/// A buffer of this many bytes always holds a PHC string from `ra_password_hash`.
pub const RA_PHC_BUF_LEN: usize = 128;

/// Which password rules apply: `RA_POLICY_GOSUSLUGI` or `RA_POLICY_NIST`.
pub type ra_policy = u32;
/// Госуслуги: 8–64 characters; upper- and lower-case Latin letters, a digit and punctuation.
pub const RA_POLICY_GOSUSLUGI: ra_policy = 0;
/// NIST SP 800-63B: 15–128 characters of any kind, minimum strength score 3.
pub const RA_POLICY_NIST: ra_policy = 1;

fn policy(value: ra_policy) -> Result<&'static Policy, ra_status> {
    static GOSUSLUGI: OnceLock<Policy> = OnceLock::new();
    static NIST: OnceLock<Policy> = OnceLock::new();
    let (cell, preset) = match value {
        RA_POLICY_GOSUSLUGI => (&GOSUSLUGI, Preset::Gosuslugi),
        RA_POLICY_NIST => (&NIST, Preset::Nist),
        _ => return Err(ra_status::RA_INVALID_ARGUMENT),
    };
    Ok(cell.get_or_init(|| Policy::preset(preset)))
}

/// What the portal knows about the person, so a new password cannot contain it. Every
/// pointer may be NULL (not known); a birth date with year 0 is not known. The library only
/// reads the strings during the call.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ra_personal {
    /// The login the person signs in with.
    pub login: *const c_char,
    /// The e-mail address.
    pub email: *const c_char,
    /// The phone number, in any form.
    pub phone: *const c_char,
    /// The СНИЛС, in any form.
    pub snils: *const c_char,
    /// The first name.
    pub first_name: *const c_char,
    /// The surname.
    pub surname: *const c_char,
    /// The current password's PHC string, so the new one cannot repeat it.
    pub old_hash: *const c_char,
    /// Year of birth, or 0.
    pub birth_year: u16,
    /// Month of birth, 1–12.
    pub birth_month: u8,
    /// Day of birth, 1–31.
    pub birth_day: u8,
}

/// Reads an [`ra_personal`] into the core's [`PersonalData`]; NULL is "nothing known".
///
/// # Safety
/// `p` is NULL or points to an `ra_personal` whose strings are NULL or NUL-terminated.
pub(crate) unsafe fn read_personal(p: *const ra_personal) -> Result<PersonalData, ra_status> {
    let mut data = PersonalData::default();
    // SAFETY: forwarded from the caller.
    let Some(p) = (unsafe { p.as_ref() }) else {
        return Ok(data);
    };
    // SAFETY: each string is NULL or NUL-terminated (caller's promise).
    let own = |s| unsafe { opt_text(s) }.map(|s| s.map(str::to_owned));
    data.login = own(p.login)?;
    data.email = own(p.email)?;
    data.phone = own(p.phone)?;
    data.snils = own(p.snils)?;
    data.first_name = own(p.first_name)?;
    data.surname = own(p.surname)?;
    data.old_hash = own(p.old_hash)?;
    data.birth_date = (p.birth_year != 0).then_some(BirthDate {
        year: p.birth_year,
        month: p.birth_month,
        day: p.birth_day,
    });
    Ok(data)
}

/// The outcome of `ra_password_check`: every broken rule and the strength estimate.
/// Immutable: may be read from several threads at once. Free with `ra_password_report_free`.
#[derive(Debug)]
pub struct ra_password_report {
    report: Report,
}

/// Checks `password` against `policy` and the person's data (`personal` may be NULL), and
/// writes a new report to `*report_out` (free it with `ra_password_report_free`).
/// A password over the policy's maximum is reported as `password.too_long`, not refused.
///
/// # Safety
/// - `password`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever
///   comes first.
/// - `personal`: NULL, or a readable `ra_personal` whose strings are each NULL, or readable up to
///   its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes first.
/// - `report_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_check(
    policy: ra_policy,
    password: *const c_char,
    personal: *const ra_personal,
    report_out: *mut *mut ra_password_report,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `report_out` is NULL or writable (`# Safety`).
        let out = unsafe { Out::new(report_out) }?;
        let policy = self::policy(policy)?;
        // SAFETY: `password` NULL or NUL-terminated; `personal` NULL or valid (`# Safety`).
        let report = unsafe { check_with(policy, password, personal) }?;
        out.write(into_handle(ra_password_report { report }));
        Ok(())
    })
}

/// Whether no rule is broken.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread changes
///   during the call.
/// - `ok_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_is_ok(
    report: *const ra_password_report,
    ok_out: *mut bool,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `ok_out` NULL or writable; `report` NULL or a live report (`# Safety`).
        let (out, report) = unsafe { (Out::new(ok_out)?, borrow(report)?) };
        out.write(report.report.is_ok());
        Ok(())
    })
}

/// The number of broken rules.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread changes
///   during the call.
/// - `count_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_count(
    report: *const ra_password_report,
    count_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `count_out` NULL or writable; `report` NULL or a live report (`# Safety`).
        let (out, report) = unsafe { (Out::new(count_out)?, borrow(report)?) };
        out.write(report.report.violations().len());
        Ok(())
    })
}

/// The code of broken rule `index` (`password.too_short`, …; its message via `ra_message`):
/// a static string, never freed. `RA_INVALID_ARGUMENT` for `index >= count`.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread changes
///   during the call.
/// - `code_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_code(
    report: *const ra_password_report,
    index: usize,
    code_out: *mut *const c_char,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `code_out` NULL or writable; `report` NULL or a live report (`# Safety`).
        let (out, report) = unsafe { (Out::new(code_out)?, borrow(report)?) };
        let code = report
            .report
            .codes()
            .nth(index)
            .ok_or(ra_status::RA_INVALID_ARGUMENT)?;
        out.write(ffi::static_cstr(code));
        Ok(())
    })
}

/// For a report with `password.wrong_layout`: the password as it reads in the Latin layout
/// (`Ырфкшл1599+` → `Sharik1599+`), so the form can say the Russian layout is on. As secret
/// as the password. An empty string when the layout was not the problem.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread changes
///   during the call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_latin(
    report: *const ra_password_report,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `report` NULL or a live report (`# Safety`).
        let (buf, report) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(report)?) };
        let latin = report.report.violations().iter().find_map(|v| match v {
            Violation::WrongLayout { latin } => Some(latin.expose()),
            _ => None,
        });
        buf.write(latin.unwrap_or(""))
    })
}

/// The strength estimate: `score` 0 (guessed at once) to 4, and log10 of the guesses needed.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread changes
///   during the call.
/// - `score_out`, `guesses_log10_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_strength(
    report: *const ra_password_report,
    score_out: *mut u8,
    guesses_log10_out: *mut f64,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: both outs NULL or writable; `report` NULL or a live report (`# Safety`).
        let (score, log10, report) = unsafe {
            (
                Out::new(score_out)?,
                Out::new(guesses_log10_out)?,
                borrow(report)?,
            )
        };
        let strength = report.report.strength();
        score.write(strength.score);
        log10.write(strength.guesses_log10);
        Ok(())
    })
}

/// Frees a report (its copy of the password, if any, is wiped). NULL is ignored.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread is
///   using; it is freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_free(report: *mut ra_password_report) {
    ffi::guard((), || {
        // SAFETY: NULL or a report from `ra_password_check`, freed once (`# Safety`).
        unsafe { free(report) }
    })
}

/// What a custom rule asks: `RA_RULE_FORBID` (the password must not match the pattern) or
/// `RA_RULE_REQUIRE` (it must match it somewhere).
pub type ra_rule_kind = u32;
/// The password must not match the pattern anywhere.
pub const RA_RULE_FORBID: ra_rule_kind = 0;
/// The password must match the pattern somewhere.
pub const RA_RULE_REQUIRE: ra_rule_kind = 1;

/// A policy being built: a preset plus the portal's own rules. Free with
/// `ra_policy_builder_free`.
#[derive(Debug)]
pub struct ra_policy_builder {
    builder: PolicyBuilder,
}

/// A built policy with custom rules. Immutable: may be shared by threads. Free with
/// `ra_password_policy_free`.
#[derive(Debug)]
pub struct ra_password_policy {
    policy: Policy,
}

/// A builder starting from the preset `base` (`RA_POLICY_GOSUSLUGI`, `RA_POLICY_NIST`).
///
/// # Safety
/// - `builder_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_policy_builder_new(
    base: ra_policy,
    builder_out: *mut *mut ra_policy_builder,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `builder_out` NULL or writable (`# Safety`).
        let out = unsafe { Out::new(builder_out) }?;
        let builder = policy(base)?.to_builder();
        out.write(into_handle(ra_policy_builder { builder }));
        Ok(())
    })
}

/// Adds a custom rule: `pattern` in the syntax of Rust's `regex` crate (matched in linear
/// time), the portal's `id` (`a`–`z`, `0`–`9`, `.`, `_`, `-`; at most 64 bytes) and its
/// messages. A broken rule is reported as `password.custom`; `ra_password_report_rule_id`
/// and `ra_password_report_message` give its id and message. `RA_PASSWORD_ERROR` with
/// `password.invalid_policy` for a bad id, message or pattern, too many rules or a repeated
/// id (the builder is unchanged); `RA_INVALID_ARGUMENT` for an unknown `kind`.
///
/// # Safety
/// - `builder`: NULL, or a live `ra_policy_builder` that no other thread uses during the call.
/// - `id`, `pattern`, `message_ru`, `message_en`: each NULL, or readable up to its NUL or for
///   `RA_MAX_INPUT_LEN + 1` bytes, whichever comes first.
/// - `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_policy_builder_add_rule(
    builder: *mut ra_policy_builder,
    kind: ra_rule_kind,
    id: *const c_char,
    pattern: *const c_char,
    message_ru: *const c_char,
    message_en: *const c_char,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `builder` NULL or live and unshared; `error` NULL or writable (`# Safety`).
        let (builder, error) = unsafe { (ffi::borrow_mut(builder)?, ErrOut::new(error)) };
        // SAFETY: each string NULL or NUL-terminated (`# Safety`).
        let (id, pattern, ru, en) = unsafe {
            (
                text(id)?,
                text(pattern)?,
                text(message_ru)?,
                text(message_en)?,
            )
        };
        let kind = match kind {
            RA_RULE_FORBID => RuleKind::Forbid,
            RA_RULE_REQUIRE => RuleKind::Require,
            _ => return Err(ra_status::RA_INVALID_ARGUMENT),
        };
        let rule = Rule::new(kind, id, pattern, ru, en).map_err(error.fail())?;
        builder.builder = builder.builder.clone().rule(rule).map_err(error.fail())?;
        Ok(())
    })
}

/// Builds the policy (the builder stays usable) into `*policy_out`, freed with
/// `ra_password_policy_free`.
///
/// # Safety
/// - `builder`: NULL, or a live `ra_policy_builder` that no other thread changes during the call.
/// - `policy_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_policy_builder_build(
    builder: *const ra_policy_builder,
    policy_out: *mut *mut ra_password_policy,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `policy_out`, `error` NULL or writable; `builder` NULL or live (`# Safety`).
        let (out, error, builder) =
            unsafe { (Out::new(policy_out)?, ErrOut::new(error), borrow(builder)?) };
        let policy = builder.builder.clone().build().map_err(error.fail())?;
        out.write(into_handle(ra_password_policy { policy }));
        Ok(())
    })
}

/// Frees a builder. NULL is ignored.
///
/// # Safety
/// - `builder`: NULL, or a live `ra_policy_builder` that no other thread is using; it is freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_policy_builder_free(builder: *mut ra_policy_builder) {
    ffi::guard((), || {
        // SAFETY: NULL or a builder from `ra_policy_builder_new`, freed once (`# Safety`).
        unsafe { free(builder) }
    })
}

/// Frees a policy. NULL is ignored.
///
/// # Safety
/// - `policy`: NULL, or a live `ra_password_policy` that no other thread is using; it is freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_policy_free(policy: *mut ra_password_policy) {
    ffi::guard((), || {
        // SAFETY: NULL or a policy from `ra_policy_builder_build`, freed once (`# Safety`).
        unsafe { free(policy) }
    })
}

/// `ra_password_check` with a built policy.
///
/// # Safety
/// - `policy`: NULL, or a live `ra_password_policy` from this library.
/// - `password`, `personal`, `report_out`: as for `ra_password_check`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_policy_check(
    policy: *const ra_password_policy,
    password: *const c_char,
    personal: *const ra_personal,
    report_out: *mut *mut ra_password_report,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `report_out` NULL or writable; `policy` NULL or live (`# Safety`).
        let (out, policy) = unsafe { (Out::new(report_out)?, borrow(policy)?) };
        // SAFETY: `password` NULL or NUL-terminated; `personal` NULL or valid (`# Safety`).
        let report = unsafe { check_with(&policy.policy, password, personal) }?;
        out.write(into_handle(ra_password_report { report }));
        Ok(())
    })
}

/// The check both entry points share.
///
/// # Safety
/// As for `ra_password_check`'s `password` and `personal`.
unsafe fn check_with(
    policy: &Policy,
    password: *const c_char,
    personal: *const ra_personal,
) -> Result<Report, ra_status> {
    // SAFETY: `password` is NULL or NUL-terminated (caller's promise).
    let password = Password::from(unsafe { text(password) }?);
    // SAFETY: `personal` is NULL or a valid `ra_personal` (caller's promise).
    let personal = unsafe { read_personal(personal) }?;
    let hasher = Hasher::new();
    Ok(policy.check(password.expose(), &personal.context(&hasher)))
}

/// The message to show for broken rule `index` in `lang`: a custom rule's own message, the
/// library's message for any other. `RA_INVALID_ARGUMENT` for `index >= count`.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread changes
///   during the call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_message(
    report: *const ra_password_report,
    index: usize,
    lang: ra_lang,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `report` NULL or a live report (`# Safety`).
        let (buf, report) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(report)?) };
        let lang = status::lang(lang)?;
        let violation = violation(report, index)?;
        buf.write(violation.describe(lang))
    })
}

/// The portal's id of the custom rule that broken rule `index` is (`password.custom`); an
/// empty string for any other violation. `RA_INVALID_ARGUMENT` for `index >= count`.
///
/// # Safety
/// - `report`: NULL, or a live `ra_password_report` from this library that no other thread changes
///   during the call.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_report_rule_id(
    report: *const ra_password_report,
    index: usize,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `report` NULL or a live report (`# Safety`).
        let (buf, report) = unsafe { (Buf::new(buf, cap, len_out)?, borrow(report)?) };
        let id = match violation(report, index)? {
            Violation::Custom { rule } => rule.id(),
            _ => "",
        };
        buf.write(id)
    })
}

/// Broken rule `index` of `report`, or `RA_INVALID_ARGUMENT`.
fn violation(report: &ra_password_report, index: usize) -> Result<&Violation, ra_status> {
    report
        .report
        .violations()
        .get(index)
        .ok_or(ra_status::RA_INVALID_ARGUMENT)
}

/// Hashes and verifies passwords with Argon2id. Immutable: may be shared by threads.
/// Free with `ra_hasher_free`.
#[derive(Debug)]
pub struct ra_hasher {
    hasher: Hasher,
}

/// A hasher at the OWASP minimum (m = 19456 KiB, t = 2, p = 1), without a pepper.
///
/// # Safety
/// - `hasher_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_hasher_new(hasher_out: *mut *mut ra_hasher) -> ra_status {
    ffi::status(|| {
        // SAFETY: `hasher_out` NULL or writable (`# Safety`).
        let out = unsafe { Out::new(hasher_out) }?;
        out.write(into_handle(ra_hasher {
            hasher: Hasher::new(),
        }));
        Ok(())
    })
}

/// A hasher with memory `m_cost` KiB, `t_cost` passes, `p_cost` lanes (each at least the
/// OWASP minimum: `password.weak_params` otherwise) and a pepper (`pepper_len` bytes; NULL
/// with 0 for none).
///
/// # Safety
/// - `pepper`: NULL with `pepper_len` 0, or readable for `pepper_len` bytes.
/// - `hasher_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_hasher_with_params(
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
    pepper: *const u8,
    pepper_len: usize,
    hasher_out: *mut *mut ra_hasher,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `hasher_out`, `error` NULL or writable; `pepper` NULL or `pepper_len` bytes.
        let (out, error, pepper) = unsafe {
            (
                Out::new(hasher_out)?,
                ErrOut::new(error),
                bytes(pepper, pepper_len)?,
            )
        };
        let hasher = Hasher::with_params(m_cost, t_cost, p_cost)
            .map_err(error.fail())?
            .with_pepper(pepper);
        out.write(into_handle(ra_hasher { hasher }));
        Ok(())
    })
}

/// Frees a hasher (its pepper is wiped). NULL is ignored.
///
/// # Safety
/// - `hasher`: NULL, or a live `ra_hasher` from this library that no other thread is using; it is
///   freed, and neither it nor anything borrowed from it may be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_hasher_free(hasher: *mut ra_hasher) {
    ffi::guard((), || {
        // SAFETY: NULL or a hasher from `ra_hasher_new*`, freed once (`# Safety`).
        unsafe { free(hasher) }
    })
}

/// Hashes `password`, in the form `policy` stores it (NFKC for `RA_POLICY_NIST`, as typed
/// for `RA_POLICY_GOSUSLUGI`), with a fresh salt into a PHC string (`$argon2id$v=19$…`) in
/// `buf`; `RA_PHC_BUF_LEN` bytes always suffice. Takes tens of milliseconds by design.
///
/// # Safety
/// - `hasher`: NULL, or a live `ra_hasher` from this library that no other thread changes during
///   the call.
/// - `password`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever
///   comes first.
/// - `buf`: NULL, or writable for `cap` bytes.
/// - `len_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_hash(
    hasher: *const ra_hasher,
    policy: ra_policy,
    password: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: buffer rule; `error` NULL or writable; `hasher` NULL or live (`# Safety`).
        let (buf, error, hasher) = unsafe {
            (
                Buf::new(buf, cap, len_out)?,
                ErrOut::new(error),
                borrow(hasher)?,
            )
        };
        // SAFETY: `password` is NULL or NUL-terminated (`# Safety`).
        let password = self::policy(policy)?.prepare(&Password::from(unsafe { text(password) }?));
        let phc = hasher.hasher.hash(&password).map_err(error.fail())?;
        buf.write(&phc)
    })
}

/// Whether `password`, in the form `policy` stores it, matches the PHC string `phc`:
/// `*match_out` is false for a wrong password; `RA_PASSWORD_ERROR`
/// (`password.malformed_hash`, `password.unsupported_hash`) for a string that is not an
/// Argon2 hash. Constant-time.
///
/// # Safety
/// - `hasher`: NULL, or a live `ra_hasher` from this library that no other thread changes during
///   the call.
/// - `password`, `phc`: each NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes,
///   whichever comes first.
/// - `match_out`, `error`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_verify(
    hasher: *const ra_hasher,
    policy: ra_policy,
    password: *const c_char,
    phc: *const c_char,
    match_out: *mut bool,
    error: *mut ra_error,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `match_out`, `error` NULL or writable; `hasher` NULL or live (`# Safety`).
        let (out, error, hasher) =
            unsafe { (Out::new(match_out)?, ErrOut::new(error), borrow(hasher)?) };
        // SAFETY: both strings NULL or NUL-terminated (`# Safety`).
        let (password, phc) = unsafe { (Password::from(text(password)?), text(phc)?) };
        let password = self::policy(policy)?.prepare(&password);
        let matches = hasher.hasher.verify(&password, phc).map_err(error.fail())?;
        out.write(matches);
        Ok(())
    })
}

/// Whether the stored hash `phc` should be replaced at the next successful login (not
/// Argon2id, or weaker than this hasher). True for anything unreadable.
///
/// # Safety
/// - `hasher`: NULL, or a live `ra_hasher` from this library that no other thread changes during
///   the call.
/// - `phc`: NULL, or readable up to its NUL or for `RA_MAX_INPUT_LEN + 1` bytes, whichever comes
///   first.
/// - `needs_out`: NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ra_password_needs_rehash(
    hasher: *const ra_hasher,
    phc: *const c_char,
    needs_out: *mut bool,
) -> ra_status {
    ffi::status(|| {
        // SAFETY: `needs_out` NULL or writable; `hasher` NULL or live; `phc` NULL or
        // NUL-terminated (`# Safety`).
        let (out, hasher, phc) = unsafe { (Out::new(needs_out)?, borrow(hasher)?, text(phc)?) };
        out.write(hasher.hasher.needs_rehash(phc));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_c_value() {
        let mapped: Vec<Policy> = (0..16).filter_map(|v| policy(v).ok().cloned()).collect();
        let presets: Vec<Policy> = Preset::ALL.iter().map(|p| Policy::preset(*p)).collect();
        assert_eq!(mapped, presets);
    }
}
