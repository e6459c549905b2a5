/* How far the library reads caller memory. Every string parameter of every entry point gets
 * an unterminated buffer of exactly RA_MAX_INPUT_LEN + 1 bytes from malloc, so reading one
 * byte more is a heap overflow that AddressSanitizer (the C side and, in the sanitized run,
 * the Rust library itself) and valgrind report; each call must say RA_INPUT_TOO_LONG (false
 * for the _is_valid functions). The `_n` forms get a length over the limit with a one-byte
 * buffer (nothing may be read), and exact-length buffers without a NUL (nothing past the
 * length may be read); every `_n` form opens what the NUL-terminated form's seal wrote.
 * Part of the `api` test program. */
#include "restore_access.h"
#include "check.h"

#include <stdint.h>
#include <string.h>

static const uint8_t SECRET[32] = "0123456789abcdef0123456789abcdef";
static const uint64_t NOW = 1800000000;
/* A budget key and a limiter key have this form (22 URL-safe characters). */
static const char *const KEY = "AAAAAAAAAAAAAAAAAAAAAA";

/* Exactly RA_MAX_INPUT_LEN + 1 bytes, none of them NUL. */
static char *unterminated(char fill) {
    char *s = malloc(RA_MAX_INPUT_LEN + 1);
    CHECK(s != NULL);
    memset(s, fill, RA_MAX_INPUT_LEN + 1);
    return s;
}

/* A heap copy of `s` without its NUL: reading s[len] is an overflow. */
static char *exact(const char *s, size_t len) {
    char *copy = malloc(len ? len : 1);
    CHECK(copy != NULL);
    memcpy(copy, s, len);
    return copy;
}

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static ra_input input_of(ra_input_kind kind, const char *text) {
    ra_input input;
    memset(&input, 0, sizeof input);
    input.kind = kind;
    input.text = text;
    return input;
}

static void test_nul_terminated_bound(const ra_keys *keys_in) {
    char *big = unterminated('1');
    char buf[256];
    size_t len = 0, count = 0;
    bool flag = false;
    ra_error err = {NULL, 0};
    ra_keys *keys = NULL;
    ra_config *config = NULL;
    ra_budget *budget = NULL;
    ra_budgets *set = NULL;
    ra_account *account = NULL;
    ra_flow *flow = NULL;
    ra_step *step = NULL;
    ra_code_record *record = NULL;
    ra_limiter *limiter = NULL;
    ra_hasher *hasher = NULL;
    ra_password_report *report = NULL;
    char sealed[2048];
    char secret[64];

    /* Valid objects for every other parameter, so the call gets as far as the string. */
    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, &keys, &err), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys_in, &config), RA_OK);
    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_budgets_new(&set), RA_OK);
    CHECK_STATUS(ra_budgets_insert(set, KEY, budget), RA_OK);
    CHECK_STATUS(ra_account_new("account-1", &account), RA_OK);
    CHECK_STATUS(ra_flow_new(config, NOW, &flow, &step, &err), RA_OK);
    ra_step_free(step);
    step = NULL;
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, "flow-1", RA_PURPOSE_RECOVERY, NOW, secret,
                               sizeof secret, &len, &record, &err),
                 RA_OK);
    CHECK_STATUS(ra_code_record_seal(record, keys, "flow-1", sealed, sizeof sealed, &len, &err),
                 RA_OK);
    CHECK_STATUS(ra_limiter_new(&limiter), RA_OK);
    CHECK_STATUS(ra_hasher_new(&hasher), RA_OK);

    /* Identifiers. */
    CHECK(!ra_snils_is_valid(big) && !ra_inn_is_valid(big) && !ra_passport_is_valid(big));
    CHECK(!ra_phone_is_valid(big) && !ra_email_is_valid(big));
    CHECK_STATUS(ra_snils_normalize(big, buf, sizeof buf, &len, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_inn_normalize(big, buf, sizeof buf, &len, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_passport_normalize(big, buf, sizeof buf, &len, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_phone_normalize(big, buf, sizeof buf, &len, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_email_normalize(big, buf, sizeof buf, &len, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_message(big, RA_LANG_RU, buf, sizeof buf, &len), RA_INPUT_TOO_LONG);

    /* Keys, codes, limiters. */
    CHECK_STATUS(ra_keys_new(big, SECRET, sizeof SECRET, &(ra_keys *){NULL}, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_keys_rotate(keys, big, SECRET, sizeof SECRET, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, big, RA_PURPOSE_RECOVERY, NOW, secret,
                               sizeof secret, &len, &(ra_code_record *){NULL}, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_code_record_verify(record, keys, big, RA_PURPOSE_RECOVERY, secret, NOW, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_code_record_verify(record, keys, "flow-1", RA_PURPOSE_RECOVERY, big, NOW, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_code_record_seal(record, keys, big, buf, sizeof buf, &len, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_code_record_open(keys, big, sealed, &(ra_code_record *){NULL}, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_code_record_open(keys, "flow-1", big, &(ra_code_record *){NULL}, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, big, buf, sizeof buf, &len,
                                &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_limiter_seal(limiter, keys, big, sealed, sizeof sealed, &len, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_limiter_open(keys, big, sealed, &(ra_limiter *){NULL}, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_limiter_open(keys, KEY, big, &(ra_limiter *){NULL}, &err), RA_INPUT_TOO_LONG);

    /* Passwords: the password, every field of the person's data, the stored hash. */
    CHECK_STATUS(ra_password_check(RA_POLICY_NIST, big, NULL, &report), RA_INPUT_TOO_LONG);
    {
        const char **fields[7];
        size_t i;
        ra_personal me;
        memset(&me, 0, sizeof me);
        fields[0] = &me.login;
        fields[1] = &me.email;
        fields[2] = &me.phone;
        fields[3] = &me.snils;
        fields[4] = &me.first_name;
        fields[5] = &me.surname;
        fields[6] = &me.old_hash;
        for (i = 0; i < 7; i++) {
            memset(&me, 0, sizeof me);
            *fields[i] = big;
            CHECK_STATUS(ra_password_check(RA_POLICY_NIST, "correct horse battery", &me, &report),
                         RA_INPUT_TOO_LONG);
        }
        CHECK(report == NULL);
    }
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_NIST, big, buf, sizeof buf, &len, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_NIST, big, "$argon2id$", &flag, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_NIST, "x", big, &flag, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_password_needs_rehash(hasher, big, &flag), RA_INPUT_TOO_LONG);

    /* Budgets, accounts, flows: every key, value, sealed state and input field. */
    CHECK_STATUS(ra_budget_seal(budget, config, big, sealed, sizeof sealed, &len, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_budget_open(config, big, "x", &(ra_budget *){NULL}, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_budget_open(config, KEY, big, &(ra_budget *){NULL}, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_budgets_insert(set, big, budget), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_budgets_get(set, big, &(ra_budget *){NULL}), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_account_new(big, &(ra_account *){NULL}), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_account_set_phone(account, big, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_account_set_email(account, big, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_account_set_surname(account, big, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_account_add_document(account, big, &err), RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_flow_after_signup_conflict(config, big, NOW, &(ra_flow *){NULL},
                                               &(ra_step *){NULL}, &err),
                 RA_INPUT_TOO_LONG);
    CHECK_STATUS(ra_flow_open(config, big, &(ra_flow *){NULL}, &err), RA_INPUT_TOO_LONG);
    {
        ra_input inputs[8];
        size_t i;
        ra_personal me;
        memset(&me, 0, sizeof me);
        me.surname = big;
        inputs[0] = input_of(RA_INPUT_CONTACT, big);
        inputs[1] = input_of(RA_INPUT_LOGIN_AND_SURNAME, big);
        inputs[1].surname = "Петров";
        inputs[2] = input_of(RA_INPUT_LOGIN_AND_SURNAME, "ivan");
        inputs[2].surname = big;
        inputs[3] = input_of(RA_INPUT_DOCUMENT, big);
        inputs[4] = input_of(RA_INPUT_CODE, big);
        inputs[5] = input_of(RA_INPUT_LINK_OPENED, big);
        inputs[6] = input_of(RA_INPUT_NEW_PASSWORD, "Sharik1599+");
        inputs[6].proof = big;
        inputs[7] = input_of(RA_INPUT_NEW_PASSWORD, "Sharik1599+");
        inputs[7].personal = &me;
        for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
            CHECK_STATUS(ra_flow_handle(flow, &inputs[i], NOW, set, &step, &err),
                         RA_INPUT_TOO_LONG);
            CHECK_STATUS(ra_flow_budget_key_count(flow, &inputs[i], &count, &err),
                         RA_INPUT_TOO_LONG);
            CHECK_STATUS(ra_flow_budget_key(flow, &inputs[i], 0, buf, sizeof buf, &len, &err),
                         RA_INPUT_TOO_LONG);
        }
        CHECK(step == NULL);
        inputs[0].kind = RA_INPUT_NEW_PASSWORD; /* the password itself */
        CHECK_STATUS(ra_flow_handle(flow, &inputs[0], NOW, set, &step, &err), RA_INPUT_TOO_LONG);
    }

    ra_password_report_free(report);
    ra_hasher_free(hasher);
    ra_limiter_free(limiter);
    ra_code_record_free(record);
    ra_flow_free(flow);
    ra_account_free(account);
    ra_budgets_free(set);
    ra_budget_free(budget);
    ra_config_free(config);
    ra_keys_free(keys);
    free(big);
}

/* A length over the limit is refused before a byte is read: the buffer behind it has one. */
static void test_length_over_the_limit(const ra_keys *keys) {
    char *one = malloc(1);
    const size_t lens[2] = {RA_MAX_INPUT_LEN + 1, SIZE_MAX};
    char buf[64];
    size_t len = 0, i;
    ra_error err = {NULL, 0};
    ra_config *config = NULL;
    CHECK(one != NULL);
    one[0] = '1';
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &config), RA_OK);
    for (i = 0; i < 2; i++) {
        size_t n = lens[i];
        CHECK(!ra_snils_is_valid_n(one, n) && !ra_inn_is_valid_n(one, n));
        CHECK(!ra_passport_is_valid_n(one, n) && !ra_phone_is_valid_n(one, n));
        CHECK(!ra_email_is_valid_n(one, n));
        err.code = NULL;
        CHECK_STATUS(ra_snils_normalize_n(one, n, buf, sizeof buf, &len, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_inn_normalize_n(one, n, buf, sizeof buf, &len, &err), RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_passport_normalize_n(one, n, buf, sizeof buf, &len, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_phone_normalize_n(one, n, buf, sizeof buf, &len, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_email_normalize_n(one, n, buf, sizeof buf, &len, &err),
                     RA_INPUT_TOO_LONG);
        CHECK(err.code == NULL);
        CHECK_STATUS(ra_flow_open_n(config, one, n, &(ra_flow *){NULL}, &err), RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_budget_open_n(config, one, n, one, 1, &(ra_budget *){NULL}, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_budget_open_n(config, KEY, 22, one, n, &(ra_budget *){NULL}, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_code_record_open_n(keys, one, n, one, 1, &(ra_code_record *){NULL}, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_code_record_open_n(keys, "f", 1, one, n, &(ra_code_record *){NULL}, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_limiter_open_n(keys, one, n, one, 1, &(ra_limiter *){NULL}, &err),
                     RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_limiter_open_n(keys, KEY, 22, one, n, &(ra_limiter *){NULL}, &err),
                     RA_INPUT_TOO_LONG);
    }
    /* Exactly the limit is taken (and then refused as an identifier). */
    {
        char *full = unterminated('1');
        CHECK(!ra_inn_is_valid_n(full, RA_MAX_INPUT_LEN));
        CHECK_STATUS(ra_inn_normalize_n(full, RA_MAX_INPUT_LEN, buf, sizeof buf, &len, &err),
                     RA_ID_ERROR);
        free(full);
    }
    ra_config_free(config);
    free(one);
}

/* The `_n` identifier functions: what they accept is what the NUL-terminated ones accept. */
static void test_identifiers_with_length(void) {
    static const char *const valid[5] = {"112-233-445 95", "500100732259", "45 08 123456",
                                         "8 (916) 123-45-67", "ivan.petrov@mail.ru"};
    static const char *const canonical[5] = {"112-233-445 95", "500100732259", "45 08 123456",
                                             "+79161234567", "ivan.petrov@mail.ru"};
    typedef bool (*valid_n)(const char *, size_t);
    typedef ra_status (*normalize_n)(const char *, size_t, char *, size_t, size_t *, ra_error *);
    const valid_n is_valid[5] = {ra_snils_is_valid_n, ra_inn_is_valid_n, ra_passport_is_valid_n,
                                 ra_phone_is_valid_n, ra_email_is_valid_n};
    const normalize_n normalize[5] = {ra_snils_normalize_n, ra_inn_normalize_n,
                                      ra_passport_normalize_n, ra_phone_normalize_n,
                                      ra_email_normalize_n};
    char buf[64];
    size_t len = 0, i;
    ra_error err = {NULL, 0};

    for (i = 0; i < 5; i++) {
        size_t n = strlen(valid[i]);
        char *s = exact(valid[i], n);
        CHECK(is_valid[i](s, n));
        CHECK_STATUS(normalize[i](s, n, buf, sizeof buf, &len, &err), RA_OK);
        CHECK(streq(buf, canonical[i]) && len == strlen(canonical[i]));
        /* A prefix is another string: the bytes after the length are not looked at. */
        CHECK(!is_valid[i](s, n / 2));
        CHECK_STATUS(normalize[i](s, n / 2, buf, sizeof buf, &len, &err), RA_ID_ERROR);
        /* A NUL inside is refused, not read as the end. */
        s[n - 1] = 0;
        CHECK(!is_valid[i](s, n));
        err.code = NULL;
        CHECK_STATUS(normalize[i](s, n, buf, sizeof buf, &len, &err), RA_INVALID_ARGUMENT);
        CHECK(err.code == NULL);
        /* NULL is the empty string with 0 and misuse otherwise; the buffer rules hold. */
        CHECK(!is_valid[i](NULL, 0) && !is_valid[i](NULL, 1));
        CHECK_STATUS(normalize[i](NULL, 0, buf, sizeof buf, &len, &err), RA_ID_ERROR);
        CHECK_STATUS(normalize[i](NULL, 3, buf, sizeof buf, &len, &err), RA_NULL_POINTER);
        CHECK_STATUS(normalize[i](valid[i], n, NULL, sizeof buf, &len, &err), RA_NULL_POINTER);
        CHECK_STATUS(normalize[i](valid[i], n, buf, sizeof buf, NULL, &err), RA_NULL_POINTER);
        CHECK_STATUS(normalize[i](valid[i], n, NULL, 0, &len, &err), RA_BUFFER_TOO_SMALL);
        CHECK(len == strlen(canonical[i]));
        free(s);
    }
    CHECK_STATUS(ra_snils_normalize_n("", 0, buf, sizeof buf, &len, &err), RA_ID_ERROR);
    CHECK(streq(err.code, "snils.length"));
    CHECK_STATUS(ra_snils_normalize_n("1\x80", 2, buf, sizeof buf, &len, &err), RA_INVALID_UTF8);
    /* A NUL-terminated string's own NUL is not part of it. */
    CHECK(!ra_snils_is_valid_n("112-233-445 95", 15));
}

/* Seal with the NUL-terminated functions, open with exact-length copies, no NUL anywhere. */
static void test_open_with_length(const ra_keys *keys) {
    char sealed[2048], key[32], secret[64];
    size_t len = 0, key_len = 0;
    ra_error err = {NULL, 0};
    ra_config *config = NULL;
    ra_flow *flow = NULL, *opened_flow = NULL;
    ra_step *step = NULL;
    ra_budget *budget = NULL, *opened_budget = NULL;
    ra_code_record *record = NULL, *opened_record = NULL;
    ra_limiter *limiter = NULL, *opened_limiter = NULL;
    char *copy, *key_copy, *id_copy;

    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &config), RA_OK);

    /* A flow. */
    CHECK_STATUS(ra_flow_new(config, NOW, &flow, &step, &err), RA_OK);
    CHECK_STATUS(ra_flow_seal(flow, sealed, sizeof sealed, &len, &err), RA_OK);
    copy = exact(sealed, len);
    CHECK_STATUS(ra_flow_open_n(config, copy, len, &opened_flow, &err), RA_OK);
    ra_flow_free(opened_flow);
    CHECK_STATUS(ra_flow_open_n(config, copy, len - 1, &opened_flow, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid"));
    copy[len / 2] = 0;
    err.code = NULL;
    CHECK_STATUS(ra_flow_open_n(config, copy, len, &opened_flow, &err), RA_INVALID_ARGUMENT);
    CHECK(err.code == NULL);
    CHECK_STATUS(ra_flow_open_n(config, NULL, 0, &opened_flow, &err), RA_FLOW_ERROR);
    CHECK_STATUS(ra_flow_open_n(config, NULL, 1, &opened_flow, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_open_n(NULL, sealed, len, &opened_flow, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_open_n(config, sealed, len, NULL, &err), RA_NULL_POINTER);
    free(copy);

    /* A budget, under its key. */
    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_budget_seal(budget, config, KEY, sealed, sizeof sealed, &len, &err), RA_OK);
    copy = exact(sealed, len);
    key_copy = exact(KEY, strlen(KEY));
    CHECK_STATUS(ra_budget_open_n(config, key_copy, strlen(KEY), copy, len, &opened_budget, &err),
                 RA_OK);
    ra_budget_free(opened_budget);
    /* One byte short is not a budget key: the core's `flow.state_invalid`. */
    err.code = NULL;
    CHECK_STATUS(ra_budget_open_n(config, key_copy, strlen(KEY) - 1, copy, len, &opened_budget,
                                  &err),
                 RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid"));
    key_copy[0] = 'B';
    CHECK_STATUS(ra_budget_open_n(config, key_copy, strlen(KEY), copy, len, &opened_budget, &err),
                 RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid"));
    free(key_copy);
    free(copy);

    /* A code record, for its flow id. */
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, "flow-1", RA_PURPOSE_RECOVERY, NOW, secret,
                               sizeof secret, &len, &record, &err),
                 RA_OK);
    CHECK_STATUS(ra_code_record_seal(record, keys, "flow-1", sealed, sizeof sealed, &len, &err),
                 RA_OK);
    copy = exact(sealed, len);
    id_copy = exact("flow-1", 6);
    CHECK_STATUS(ra_code_record_open_n(keys, id_copy, 6, copy, len, &opened_record, &err), RA_OK);
    CHECK_STATUS(ra_code_record_verify(opened_record, keys, "flow-1", RA_PURPOSE_RECOVERY, secret,
                                       NOW, &err),
                 RA_OK);
    ra_code_record_free(opened_record);
    CHECK_STATUS(ra_code_record_open_n(keys, id_copy, 5, copy, len, &opened_record, &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.state_invalid"));
    free(id_copy);
    free(copy);

    /* A limiter, under its key. */
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, "+79161234567", key,
                                sizeof key, &key_len, &err),
                 RA_OK);
    CHECK_STATUS(ra_limiter_new(&limiter), RA_OK);
    CHECK_STATUS(ra_limiter_check(limiter, RA_RATES_SMS_SEND, NOW, &err), RA_OK);
    CHECK_STATUS(ra_limiter_seal(limiter, keys, key, sealed, sizeof sealed, &len, &err), RA_OK);
    copy = exact(sealed, len);
    key_copy = exact(key, key_len);
    CHECK_STATUS(ra_limiter_open_n(keys, key_copy, key_len, copy, len, &opened_limiter, &err),
                 RA_OK);
    CHECK_STATUS(ra_limiter_check(opened_limiter, RA_RATES_SMS_SEND, NOW, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.rate_limited"));
    ra_limiter_free(opened_limiter);
    CHECK_STATUS(ra_limiter_open_n(keys, KEY, strlen(KEY), copy, len, &opened_limiter, &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.state_invalid"));
    free(key_copy);
    free(copy);

    ra_limiter_free(limiter);
    ra_code_record_free(record);
    ra_budget_free(budget);
    ra_step_free(step);
    ra_flow_free(flow);
    ra_config_free(config);
}

int run_bounds_tests(void) {
    ra_keys *keys = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, &keys, &err), RA_OK);
    test_nul_terminated_bound(keys);
    test_length_over_the_limit(keys);
    test_identifiers_with_length();
    test_open_with_length(keys);
    ra_keys_free(keys);
    return 0;
}
