/*
 * The C API from C: every function, every status, NULL for every pointer parameter,
 * too-small buffers, invalid UTF-8 and over-long input. Run under AddressSanitizer and
 * UBSan, and again under valgrind, by bindings/c/tests/run.sh.
 */
#include "restore_access.h"
#include "check.h"

#include <stdint.h>
#include <string.h>

static const uint8_t SECRET[32] = "0123456789abcdef0123456789abcdef";
static const uint8_t SECRET2[32] = "fedcba9876543210fedcba9876543210";
static const uint64_t NOW = 1800000000;

/* Bytes that are not UTF-8 (a lone continuation byte), and an input one byte too long. */
static const char BAD_UTF8[] = {'1', (char)0x80, '2', 0};
static char *too_long(void) {
    char *s = malloc(RA_MAX_INPUT_LEN + 2);
    CHECK(s != NULL);
    memset(s, '1', RA_MAX_INPUT_LEN + 1);
    s[RA_MAX_INPUT_LEN + 1] = 0;
    return s;
}

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static void test_status_names(void) {
    CHECK(streq(ra_status_name(RA_OK), "RA_OK"));
    CHECK(streq(ra_status_name(RA_NULL_POINTER), "RA_NULL_POINTER"));
    CHECK(streq(ra_status_name(RA_INVALID_UTF8), "RA_INVALID_UTF8"));
    CHECK(streq(ra_status_name(RA_INPUT_TOO_LONG), "RA_INPUT_TOO_LONG"));
    CHECK(streq(ra_status_name(RA_BUFFER_TOO_SMALL), "RA_BUFFER_TOO_SMALL"));
    CHECK(streq(ra_status_name(RA_INVALID_ARGUMENT), "RA_INVALID_ARGUMENT"));
    CHECK(streq(ra_status_name(RA_UNKNOWN_CODE), "RA_UNKNOWN_CODE"));
    CHECK(streq(ra_status_name(RA_PANIC), "RA_PANIC"));
    CHECK(streq(ra_status_name(RA_ID_ERROR), "RA_ID_ERROR"));
    CHECK(streq(ra_status_name(RA_PASSWORD_ERROR), "RA_PASSWORD_ERROR"));
    CHECK(streq(ra_status_name(RA_CODE_ERROR), "RA_CODE_ERROR"));
    CHECK(streq(ra_status_name(RA_FLOW_ERROR), "RA_FLOW_ERROR"));
    CHECK(streq(ra_status_name(99), "RA_UNKNOWN_STATUS"));
}

static void test_is_valid(void) {
    char *long_input = too_long();
    CHECK(ra_snils_is_valid("112-233-445 95"));
    CHECK(!ra_snils_is_valid("112-233-445 96"));
    CHECK(ra_inn_is_valid("500100732259"));
    CHECK(!ra_inn_is_valid("500100732258"));
    CHECK(ra_passport_is_valid("45 08 123456"));
    CHECK(!ra_passport_is_valid("00 08 123456"));
    CHECK(ra_phone_is_valid("8 (916) 123-45-67"));
    CHECK(!ra_phone_is_valid("+7 701 123 45 67"));
    CHECK(ra_email_is_valid("ivan.petrov@mail.ru"));
    CHECK(!ra_email_is_valid("ivan@localhost"));
    /* NULL, invalid UTF-8 and over-long input are simply not valid. */
    CHECK(!ra_snils_is_valid(NULL) && !ra_inn_is_valid(NULL) && !ra_passport_is_valid(NULL));
    CHECK(!ra_phone_is_valid(NULL) && !ra_email_is_valid(NULL));
    CHECK(!ra_snils_is_valid(BAD_UTF8) && !ra_inn_is_valid(long_input));
    free(long_input);
}

static void test_normalize(void) {
    char buf[64];
    size_t len = 0;
    ra_error err = {NULL, 0};
    char *long_input = too_long();

    CHECK_STATUS(ra_snils_normalize("11223344595", buf, sizeof buf, &len, &err), RA_OK);
    CHECK(streq(buf, "112-233-445 95") && len == strlen(buf));
    CHECK_STATUS(ra_inn_normalize(" 5001 0073 2259 ", buf, sizeof buf, &len, NULL), RA_OK);
    CHECK(streq(buf, "500100732259"));
    CHECK_STATUS(ra_passport_normalize("4508 № 123456", buf, sizeof buf, &len, NULL), RA_OK);
    CHECK(streq(buf, "45 08 123456"));
    CHECK_STATUS(ra_phone_normalize("8 (916) 123-45-67", buf, sizeof buf, &len, NULL), RA_OK);
    CHECK(streq(buf, "+79161234567") && len == 12);
    CHECK_STATUS(ra_email_normalize("ivan@MAIL.ru", buf, sizeof buf, &len, NULL), RA_OK);
    CHECK(streq(buf, "ivan@mail.ru"));

    /* A refusal names its code; the message comes in both languages. */
    CHECK_STATUS(ra_snils_normalize("112-233-445 96", buf, sizeof buf, &len, &err), RA_ID_ERROR);
    CHECK(streq(err.code, "snils.checksum") && err.retry_after_secs == 0);
    CHECK_STATUS(ra_phone_normalize("+7 701 123 45 67", buf, sizeof buf, &len, &err), RA_ID_ERROR);
    CHECK(streq(err.code, "phone.kazakhstan"));
    CHECK_STATUS(ra_message(err.code, RA_LANG_RU, buf, sizeof buf, &len), RA_BUFFER_TOO_SMALL);
    {
        char message[512];
        CHECK_STATUS(ra_message(err.code, RA_LANG_EN, message, sizeof message, &len), RA_OK);
        CHECK(strstr(message, "Kazakhstan") != NULL && len == strlen(message));
        CHECK_STATUS(ra_message("snils.checksum", RA_LANG_RU, message, sizeof message, &len), RA_OK);
        CHECK(strstr(message, "СНИЛС") != NULL);
        CHECK_STATUS(ra_message("no.such_code", RA_LANG_RU, message, sizeof message, &len),
                     RA_UNKNOWN_CODE);
        CHECK_STATUS(ra_message("snils.checksum", 7, message, sizeof message, &len),
                     RA_INVALID_ARGUMENT);
        CHECK_STATUS(ra_message(NULL, RA_LANG_RU, message, sizeof message, &len), RA_NULL_POINTER);
        CHECK_STATUS(ra_message("snils.checksum", RA_LANG_RU, NULL, sizeof message, &len),
                     RA_NULL_POINTER);
        CHECK_STATUS(ra_message("snils.checksum", RA_LANG_RU, message, sizeof message, NULL),
                     RA_NULL_POINTER);
        CHECK_STATUS(ra_message(BAD_UTF8, RA_LANG_RU, message, sizeof message, &len),
                     RA_INVALID_UTF8);
    }

    /* Buffers: the length is reported when the string does not fit, and the buffer is left
     * alone; exactly length + 1 fits; NULL with 0 asks for the length. */
    memset(buf, 'x', sizeof buf);
    len = 0;
    CHECK_STATUS(ra_snils_normalize("11223344595", buf, 14, &len, NULL), RA_BUFFER_TOO_SMALL);
    CHECK(len == 14 && buf[0] == 'x');
    CHECK_STATUS(ra_snils_normalize("11223344595", buf, 15, &len, NULL), RA_OK);
    CHECK(streq(buf, "112-233-445 95"));
    len = 0;
    CHECK_STATUS(ra_snils_normalize("11223344595", NULL, 0, &len, NULL), RA_BUFFER_TOO_SMALL);
    CHECK(len == 14);

    /* Misuse: NULL for each pointer, invalid UTF-8, over-long input. Nothing is written. */
    err.code = NULL;
    CHECK_STATUS(ra_snils_normalize(NULL, buf, sizeof buf, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_snils_normalize("11223344595", NULL, sizeof buf, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_snils_normalize("11223344595", buf, sizeof buf, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_snils_normalize(BAD_UTF8, buf, sizeof buf, &len, &err), RA_INVALID_UTF8);
    CHECK_STATUS(ra_inn_normalize(long_input, buf, sizeof buf, &len, &err), RA_INPUT_TOO_LONG);
    CHECK(err.code == NULL);
    CHECK_STATUS(ra_inn_normalize(NULL, buf, sizeof buf, &len, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_passport_normalize(NULL, buf, sizeof buf, &len, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_phone_normalize(NULL, buf, sizeof buf, &len, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_email_normalize(NULL, buf, sizeof buf, &len, NULL), RA_NULL_POINTER);
    free(long_input);
}

static void test_password_check(void) {
    ra_password_report *report = NULL;
    bool ok = true;
    size_t count = 0;
    const char *code = NULL;
    uint8_t score = 9;
    double log10 = -1;
    ra_personal me = {0};
    me.surname = "Шелестов";
    me.phone = "+7 916 123-45-67";

    CHECK_STATUS(ra_password_check(RA_POLICY_GOSUSLUGI, "Shelestov4567!", &me, &report), RA_OK);
    CHECK_STATUS(ra_password_report_is_ok(report, &ok), RA_OK);
    CHECK(!ok);
    CHECK_STATUS(ra_password_report_count(report, &count), RA_OK);
    CHECK(count == 2);
    CHECK_STATUS(ra_password_report_code(report, 0, &code), RA_OK);
    CHECK(streq(code, "password.contains_surname"));
    CHECK_STATUS(ra_password_report_code(report, 1, &code), RA_OK);
    CHECK(streq(code, "password.contains_phone"));
    CHECK_STATUS(ra_password_report_code(report, 2, &code), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_password_report_strength(report, &score, &log10), RA_OK);
    CHECK(score <= 4 && log10 >= 0);
    /* NULL for each pointer of the report readers. */
    CHECK_STATUS(ra_password_report_is_ok(NULL, &ok), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_is_ok(report, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_count(NULL, &count), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_count(report, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_code(NULL, 0, &code), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_code(report, 0, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_strength(NULL, &score, &log10), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_strength(report, NULL, &log10), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_report_strength(report, &score, NULL), RA_NULL_POINTER);
    {
        char latin[32];
        size_t len = 1;
        CHECK_STATUS(ra_password_report_latin(report, latin, sizeof latin, &len), RA_OK);
        CHECK(len == 0 && latin[0] == 0); /* the layout was not the problem */
        CHECK_STATUS(ra_password_report_latin(NULL, latin, sizeof latin, &len), RA_NULL_POINTER);
        CHECK_STATUS(ra_password_report_latin(report, latin, sizeof latin, NULL), RA_NULL_POINTER);
        ra_password_report_free(report);
        /* Typed with the Russian layout on: the Latin reading for the form. */
        CHECK_STATUS(ra_password_check(RA_POLICY_GOSUSLUGI,
                                       "\xD0\xAB\xD1\x80\xD1\x84\xD0\xBA\xD1\x88\xD0\xBB" "1599+",
                                       NULL, &report), RA_OK);
        CHECK_STATUS(ra_password_report_latin(report, latin, 4, &len), RA_BUFFER_TOO_SMALL);
        CHECK(len == 11);
        CHECK_STATUS(ra_password_report_latin(report, latin, sizeof latin, &len), RA_OK);
        CHECK(streq(latin, "Sharik1599+"));
    }
    ra_password_report_free(report);
    ra_password_report_free(NULL);

    /* A good password without personal data; the NIST policy; misuse. */
    report = NULL;
    CHECK_STATUS(ra_password_check(RA_POLICY_GOSUSLUGI, "Sharik1599+", NULL, &report), RA_OK);
    CHECK_STATUS(ra_password_report_is_ok(report, &ok), RA_OK);
    CHECK(ok);
    ra_password_report_free(report);
    CHECK_STATUS(ra_password_check(RA_POLICY_NIST, "Sharik1599+", NULL, &report), RA_OK);
    CHECK_STATUS(ra_password_report_code(report, 0, &code), RA_OK);
    CHECK(streq(code, "password.too_short"));
    ra_password_report_free(report);
    report = NULL;
    CHECK_STATUS(ra_password_check(9, "Sharik1599+", NULL, &report), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_password_check(RA_POLICY_GOSUSLUGI, NULL, NULL, &report), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_check(RA_POLICY_GOSUSLUGI, "Sharik1599+", NULL, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_check(RA_POLICY_GOSUSLUGI, BAD_UTF8, NULL, &report), RA_INVALID_UTF8);
    {
        /* A portal's own rule: built once, its id and message in the report. */
        ra_policy_builder *builder = NULL;
        ra_password_policy *custom = NULL;
        ra_error perr = {NULL, 0};
        char text[256];
        size_t len = 0;
        CHECK_STATUS(ra_policy_builder_new(RA_POLICY_GOSUSLUGI, &builder), RA_OK);
        CHECK_STATUS(ra_policy_builder_add_rule(builder, RA_RULE_FORBID, "portal.name",
                                                "(?i)gosuslugi", "Без названия портала.",
                                                "Not the portal's name.", &perr), RA_OK);
        CHECK_STATUS(ra_policy_builder_add_rule(builder, RA_RULE_FORBID, "portal.name", "x",
                                                "р", "e", &perr), RA_PASSWORD_ERROR);
        CHECK(streq(perr.code, "password.invalid_policy"));
        CHECK_STATUS(ra_policy_builder_add_rule(builder, RA_RULE_REQUIRE, "bad", "(", "р", "e",
                                                &perr), RA_PASSWORD_ERROR);
        CHECK(streq(perr.code, "password.invalid_policy"));
        CHECK_STATUS(ra_policy_builder_add_rule(builder, 7, "k", "x", "р", "e", &perr),
                     RA_INVALID_ARGUMENT);
        CHECK_STATUS(ra_policy_builder_add_rule(builder, RA_RULE_FORBID, NULL, "x", "р", "e",
                                                &perr), RA_NULL_POINTER);
        CHECK_STATUS(ra_policy_builder_build(builder, &custom, &perr), RA_OK);
        ra_policy_builder_free(builder);
        CHECK_STATUS(ra_password_policy_check(custom, "MyGosuslugi_73!", NULL, &report), RA_OK);
        CHECK_STATUS(ra_password_report_count(report, &count), RA_OK);
        CHECK(count == 1);
        CHECK_STATUS(ra_password_report_code(report, 0, &code), RA_OK);
        CHECK(streq(code, "password.custom"));
        CHECK_STATUS(ra_password_report_rule_id(report, 0, text, sizeof text, &len), RA_OK);
        CHECK(streq(text, "portal.name") && len == 11);
        CHECK_STATUS(ra_password_report_message(report, 0, RA_LANG_EN, text, sizeof text, &len),
                     RA_OK);
        CHECK(streq(text, "Not the portal's name."));
        CHECK_STATUS(ra_password_report_message(report, 1, RA_LANG_EN, text, sizeof text, &len),
                     RA_INVALID_ARGUMENT);
        CHECK_STATUS(ra_password_report_message(report, 0, 9, text, sizeof text, &len),
                     RA_INVALID_ARGUMENT);
        ra_password_report_free(report);
        report = NULL;
        CHECK_STATUS(ra_password_policy_check(NULL, "x", NULL, &report), RA_NULL_POINTER);
        CHECK_STATUS(ra_password_policy_check(custom, "Sharik1599+", NULL, &report), RA_OK);
        CHECK_STATUS(ra_password_report_is_ok(report, &ok), RA_OK);
        CHECK(ok);
        CHECK_STATUS(ra_password_report_rule_id(report, 0, text, sizeof text, &len),
                     RA_INVALID_ARGUMENT);
        ra_password_report_free(report);
        ra_password_policy_free(custom);
        ra_password_policy_free(NULL);
        ra_policy_builder_free(NULL);
        report = NULL;
    }
    me.first_name = BAD_UTF8;
    CHECK_STATUS(ra_password_check(RA_POLICY_GOSUSLUGI, "Sharik1599+", &me, &report),
                 RA_INVALID_UTF8);
    CHECK(report == NULL);
}

static void test_hashing(void) {
    ra_hasher *hasher = NULL, *strong = NULL;
    char phc[RA_PHC_BUF_LEN];
    size_t len = 0;
    bool flag = false;
    ra_error err = {NULL, 0};

    CHECK_STATUS(ra_hasher_new(&hasher), RA_OK);
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_GOSUSLUGI, "koloBok_15!", phc, sizeof phc, &len, &err), RA_OK);
    CHECK(strncmp(phc, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0 && len == strlen(phc));
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, "koloBok_15!", phc, &flag, &err), RA_OK);
    CHECK(flag);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, "koloBok_16!", phc, &flag, &err), RA_OK);
    CHECK(!flag);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, "koloBok_15!", "$bcrypt$nonsense", &flag, &err),
                 RA_PASSWORD_ERROR);
    CHECK(streq(err.code, "password.malformed_hash"));
    CHECK_STATUS(ra_password_needs_rehash(hasher, phc, &flag), RA_OK);
    CHECK(!flag);
    /* NIST stores the NFKC form: full-width digits verify as ASCII ones; as typed they do not. */
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_NIST, "tram battery staple \xEF\xBC\x91\xEF\xBC\x95",
                                  phc, sizeof phc, &len, &err), RA_OK);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_NIST, "tram battery staple 15", phc, &flag, &err),
                 RA_OK);
    CHECK(flag);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI,
                                    "tram battery staple \xEF\xBC\x91\xEF\xBC\x95", phc, &flag, &err),
                 RA_OK);
    CHECK(!flag);
    CHECK_STATUS(ra_password_hash(hasher, 9, "x", phc, sizeof phc, &len, &err), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_password_verify(hasher, 9, "x", phc, &flag, &err), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_GOSUSLUGI, "koloBok_15!", phc, sizeof phc, &len, &err), RA_OK);
    CHECK_STATUS(ra_password_needs_rehash(hasher, "plain", &flag), RA_OK);
    CHECK(flag);

    /* A stronger hasher: the old hash needs a rehash. Weak parameters are refused. */
    CHECK_STATUS(ra_hasher_with_params(19456, 3, 1, SECRET, sizeof SECRET, &strong, &err), RA_OK);
    CHECK_STATUS(ra_password_needs_rehash(strong, phc, &flag), RA_OK);
    CHECK(flag);
    ra_hasher_free(strong);
    strong = NULL;
    CHECK_STATUS(ra_hasher_with_params(1024, 2, 1, NULL, 0, &strong, &err), RA_PASSWORD_ERROR);
    CHECK(streq(err.code, "password.weak_params") && strong == NULL);
    CHECK_STATUS(ra_hasher_with_params(19456, 2, 1, NULL, 5, &strong, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_hasher_with_params(19456, 2, 1, NULL, 0, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_hasher_new(NULL), RA_NULL_POINTER);

    /* Too small a buffer: the length of the PHC string is reported. */
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_GOSUSLUGI, "koloBok_15!", phc, 10, &len, &err), RA_BUFFER_TOO_SMALL);
    CHECK(len > 10 && len < RA_PHC_BUF_LEN);
    /* NULL for each pointer. */
    CHECK_STATUS(ra_password_hash(NULL, RA_POLICY_GOSUSLUGI, "x", phc, sizeof phc, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_GOSUSLUGI, NULL, phc, sizeof phc, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_GOSUSLUGI, "x", NULL, sizeof phc, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_hash(hasher, RA_POLICY_GOSUSLUGI, "x", phc, sizeof phc, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_verify(NULL, RA_POLICY_GOSUSLUGI, "x", phc, &flag, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, NULL, phc, &flag, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, "x", NULL, &flag, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, "x", phc, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_needs_rehash(NULL, phc, &flag), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_needs_rehash(hasher, NULL, &flag), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_needs_rehash(hasher, phc, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, BAD_UTF8, phc, &flag, &err), RA_INVALID_UTF8);
    ra_hasher_free(hasher);
    ra_hasher_free(NULL);
}

static void test_codes(void) {
    ra_keys *keys = NULL;
    ra_code_record *record = NULL, *loaded = NULL;
    ra_error err = {NULL, 0};
    char code[16], token[64], json[512], sealed[256], forged[256];
    size_t len = 0, sealed_len = 0, i;

    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, &keys, &err), RA_OK);
    CHECK_STATUS(ra_keys_new("k1", SECRET, 10, &keys, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.key_length"));
    CHECK_STATUS(ra_keys_new("bad id!", SECRET, sizeof SECRET, &keys, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.key_id"));
    CHECK_STATUS(ra_keys_new(NULL, SECRET, sizeof SECRET, &keys, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_keys_new("k1", NULL, sizeof SECRET, &keys, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, NULL, &err), RA_NULL_POINTER);

    /* Generation: lengths as asked, digits only. */
    CHECK_STATUS(ra_sms_code_generate(6, code, sizeof code, &len, &err), RA_OK);
    CHECK(len == 6 && strspn(code, "0123456789") == 6);
    CHECK_STATUS(ra_sms_code_generate(3, code, sizeof code, &len, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.digits"));
    CHECK_STATUS(ra_sms_code_generate(8, code, 8, &len, &err), RA_BUFFER_TOO_SMALL);
    CHECK(len == 8);
    CHECK_STATUS(ra_link_token_generate(256, token, sizeof token, &len, &err), RA_OK);
    CHECK(len == 43 && len == strlen(token));
    CHECK_STATUS(ra_link_token_generate(100, token, sizeof token, &len, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.token_bits"));
    CHECK_STATUS(ra_sms_code_generate(6, NULL, sizeof code, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_link_token_generate(256, token, sizeof token, NULL, &err), RA_NULL_POINTER);

    /* Issue, a wrong guess (counted and stored), the right code once, never twice. */
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, "flow-1", RA_PURPOSE_RECOVERY, NOW, code,
                               sizeof code, &len, &record, &err),
                 RA_OK);
    CHECK(len == 6);
    CHECK_STATUS(ra_code_record_verify(record, keys, "flow-1", RA_PURPOSE_RECOVERY, "000000x",
                                       NOW, &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.wrong"));
    /* The debugging view shows the counted attempt, never the code. */
    CHECK_STATUS(ra_code_record_to_json(record, json, sizeof json, &len), RA_OK);
    CHECK(strstr(json, "\"tries\":1") != NULL && strstr(json, code) == NULL);
    CHECK_STATUS(ra_code_record_to_json(record, json, 4, &len), RA_BUFFER_TOO_SMALL);
    /* Sealed for the store: one length, bound to the flow id; forged, truncated or another
     * flow's: `code.state_invalid`. */
    CHECK_STATUS(ra_code_record_seal(record, keys, "flow-1", sealed, sizeof sealed, &len, &err),
                 RA_OK);
    sealed_len = len;
    CHECK(len > 100 && len < 200 && len == strlen(sealed) && strstr(sealed, code) == NULL);
    CHECK_STATUS(ra_code_record_seal(record, keys, "flow-1", sealed, sealed_len, &len, &err),
                 RA_BUFFER_TOO_SMALL);
    CHECK(len == sealed_len);
    CHECK_STATUS(ra_code_record_seal(record, keys, "flow-1", sealed, sizeof sealed, &len, &err),
                 RA_OK);
    CHECK_STATUS(ra_code_record_open(keys, "flow-2", sealed, &loaded, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.state_invalid") && loaded == NULL);
    for (i = 0; i < len; i++) {
        strcpy(forged, sealed);
        forged[i] = forged[i] == 'A' ? 'B' : 'A';
        CHECK_STATUS(ra_code_record_open(keys, "flow-1", forged, &loaded, &err), RA_CODE_ERROR);
        forged[i] = 0;
        CHECK_STATUS(ra_code_record_open(keys, "flow-1", forged, &loaded, &err), RA_CODE_ERROR);
    }
    CHECK(loaded == NULL);
    CHECK_STATUS(ra_code_record_open(keys, "flow-1", sealed, &loaded, &err), RA_OK);
    /* Another flow's id, another purpose: refused. Expired: refused. */
    CHECK_STATUS(ra_code_record_verify(loaded, keys, "flow-2", RA_PURPOSE_RECOVERY, code, NOW,
                                       &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.wrong"));
    CHECK_STATUS(ra_code_record_verify(loaded, keys, "flow-1", RA_PURPOSE_SIGN_UP, code, NOW,
                                       &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.wrong_purpose"));
    CHECK_STATUS(ra_code_record_verify(loaded, keys, "flow-1", RA_PURPOSE_RECOVERY, code,
                                       NOW + 3600, &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.expired"));
    CHECK_STATUS(ra_code_record_verify(loaded, keys, "flow-1", RA_PURPOSE_RECOVERY, code, NOW,
                                       &err),
                 RA_OK);
    CHECK_STATUS(ra_code_record_verify(loaded, keys, "flow-1", RA_PURPOSE_RECOVERY, code, NOW,
                                       &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.used"));
    CHECK_STATUS(ra_code_record_verify(loaded, keys, "flow-1", 42, code, NOW, &err),
                 RA_INVALID_ARGUMENT);
    /* The used record seals to the same length, and opens used. */
    CHECK_STATUS(ra_code_record_seal(loaded, keys, "flow-1", sealed, sizeof sealed, &len, &err),
                 RA_OK);
    CHECK(len == sealed_len);
    ra_code_record_free(loaded);
    loaded = NULL;
    CHECK_STATUS(ra_code_record_open(keys, "flow-1", sealed, &loaded, &err), RA_OK);
    CHECK_STATUS(ra_code_record_verify(loaded, keys, "flow-1", RA_PURPOSE_RECOVERY, code, NOW,
                                       &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.used"));
    ra_code_record_free(loaded);
    ra_code_record_free(record);
    ra_code_record_free(NULL);
    loaded = NULL;
    CHECK_STATUS(ra_code_record_open(keys, "flow-1", "{\"not\":\"a record\"}", &loaded, &err),
                 RA_CODE_ERROR);
    CHECK(streq(err.code, "code.state_invalid") && loaded == NULL);

    /* After rotation codes are issued with the new key; the old key still verifies. */
    CHECK_STATUS(ra_keys_rotate(keys, "k2", SECRET2, sizeof SECRET2, &err), RA_OK);
    CHECK_STATUS(ra_keys_rotate(keys, "k2", SECRET2, sizeof SECRET2, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.key_duplicate"));
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_EMAIL, "flow-1", RA_PURPOSE_RECOVERY, NOW, token,
                               sizeof token, &len, &record, &err),
                 RA_OK);
    CHECK(len == 43);
    CHECK_STATUS(ra_code_record_to_json(record, json, sizeof json, &len), RA_OK);
    CHECK(strstr(json, "\"key\":\"k2\"") != NULL);
    CHECK_STATUS(ra_code_record_verify(record, keys, "flow-1", RA_PURPOSE_RECOVERY, token, NOW,
                                       &err),
                 RA_OK);
    /* A record sealed under k1 still opens while k1 is in the ring, and not without it. */
    {
        ra_keys *only_k2 = NULL;
        CHECK_STATUS(ra_code_record_seal(record, keys, "flow-1", sealed, sizeof sealed, &len,
                                         &err),
                     RA_OK);
        CHECK_STATUS(ra_keys_new("k2", SECRET2, sizeof SECRET2, &only_k2, &err), RA_OK);
        CHECK_STATUS(ra_code_record_open(only_k2, "flow-1", sealed, &loaded, &err), RA_OK);
        ra_code_record_free(loaded);
        loaded = NULL;
        ra_keys_free(only_k2);
    }
    ra_code_record_free(record);
    record = NULL;

    /* Misuse of issue and verify: NULL for each pointer, a bad channel, a small buffer. */
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_EMAIL, "f", RA_PURPOSE_RECOVERY, NOW, token, 10,
                               &len, &record, &err),
                 RA_BUFFER_TOO_SMALL);
    CHECK(len == 43 && record == NULL);
    CHECK_STATUS(ra_code_issue(keys, 9, "f", RA_PURPOSE_RECOVERY, NOW, code, sizeof code, &len,
                               &record, &err),
                 RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_code_issue(NULL, RA_CHANNEL_SMS, "f", 0, NOW, code, sizeof code, &len,
                               &record, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, NULL, 0, NOW, code, sizeof code, &len,
                               &record, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, "f", 0, NOW, NULL, sizeof code, &len,
                               &record, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, "f", 0, NOW, code, sizeof code, NULL,
                               &record, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, "f", 0, NOW, code, sizeof code, &len, NULL,
                               &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_issue(keys, RA_CHANNEL_SMS, "f", 0, NOW, code, sizeof code, &len,
                               &record, NULL),
                 RA_OK);
    CHECK_STATUS(ra_code_record_verify(NULL, keys, "f", 0, "1", NOW, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_verify(record, NULL, "f", 0, "1", NOW, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_verify(record, keys, NULL, 0, "1", NOW, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_verify(record, keys, "f", 0, NULL, NOW, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_verify(record, keys, "f", 0, BAD_UTF8, NOW, &err),
                 RA_INVALID_UTF8);
    CHECK_STATUS(ra_code_record_to_json(NULL, json, sizeof json, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_to_json(record, json, sizeof json, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_seal(NULL, keys, "f", sealed, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_seal(record, NULL, "f", sealed, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_seal(record, keys, NULL, sealed, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_seal(record, keys, "f", NULL, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_seal(record, keys, "f", sealed, sizeof sealed, NULL, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_seal(record, keys, BAD_UTF8, sealed, sizeof sealed, &len, &err),
                 RA_INVALID_UTF8);
    CHECK_STATUS(ra_code_record_seal(record, keys, "f", sealed, sizeof sealed, &len, NULL), RA_OK);
    CHECK_STATUS(ra_code_record_open(NULL, "f", sealed, &loaded, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_open(keys, NULL, sealed, &loaded, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_open(keys, "f", NULL, &loaded, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_open(keys, "f", sealed, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_code_record_open(keys, "f", BAD_UTF8, &loaded, &err), RA_INVALID_UTF8);
    CHECK(loaded == NULL);
    CHECK_STATUS(ra_keys_rotate(NULL, "k3", SECRET, sizeof SECRET, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_keys_rotate(keys, NULL, SECRET, sizeof SECRET, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_keys_rotate(keys, "k3", NULL, sizeof SECRET, &err), RA_NULL_POINTER);
    ra_code_record_free(record);
    ra_keys_free(keys);
    ra_keys_free(NULL);
}

/* Budgets across flows: the key hides the identifier; the limit holds on both sides. */
static void test_limiter(void) {
    /* Key texts that are not limiter keys: too short, empty, not base64url, one too long. */
    static const char *const MALFORMED[] = {"short", "", "AAAAAAAAAAAAAAAAAAAAA!",
                                            "AAAAAAAAAAAAAAAAAAAAAAA"};
    ra_keys *keys = NULL;
    ra_limiter *limiter = NULL, *loaded = NULL;
    ra_error err = {NULL, 0};
    char key[32], again[32], other[3][32], rotated[32], json[128], sealed[256], forged[256];
    size_t len = 0, fresh_len = 0, i;
    uint64_t idle = 0;

    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, &keys, &err), RA_OK);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, "+79161234567", again,
                                sizeof again, &len, &err), RA_OK);
    CHECK(len == 22 && strstr(again, "9161234567") == NULL);
    CHECK_STATUS(ra_limiter_key(keys, 9, RA_CHANNEL_SMS, "x", again, sizeof again, &len, &err),
                 RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_NONE, "x", again, sizeof again,
                                &len, &err), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_limiter_key(NULL, RA_BUCKET_SEND, RA_CHANNEL_SMS, "x", again, sizeof again,
                                &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, NULL, again, sizeof again,
                                &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, BAD_UTF8, again,
                                sizeof again, &len, &err), RA_INVALID_UTF8);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, "x", again, 4, &len, &err),
                 RA_BUFFER_TOO_SMALL);
    /* The same identifier gives the same key; another identifier, bucket or channel another. */
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, "+79161234567", key,
                                sizeof key, &len, &err), RA_OK);
    CHECK(len == 22 && strcmp(key, again) == 0);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, "+79161234568", other[0],
                                sizeof other[0], &len, &err), RA_OK);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_WRONG_CODE, RA_CHANNEL_SMS, "+79161234567",
                                other[1], sizeof other[1], &len, &err), RA_OK);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_EMAIL, "+79161234567", other[2],
                                sizeof other[2], &len, &err), RA_OK);
    for (i = 0; i < 3; i++) {
        CHECK(strcmp(key, other[i]) != 0);
    }
    CHECK(strcmp(other[0], other[1]) != 0 && strcmp(other[1], other[2]) != 0 &&
          strcmp(other[0], other[2]) != 0);

    /* One SMS per 60 s: refused at 59 s with the wait, allowed at 60 s. */
    CHECK_STATUS(ra_limiter_new(&limiter), RA_OK);
    CHECK_STATUS(ra_limiter_check(limiter, RA_RATES_SMS_SEND, NOW, &err), RA_OK);
    CHECK_STATUS(ra_limiter_check(limiter, RA_RATES_SMS_SEND, NOW + 59, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.rate_limited") && err.retry_after_secs == 1);
    CHECK_STATUS(ra_limiter_to_json(limiter, json, sizeof json, &len), RA_OK);
    CHECK(json[0] == '[' && len == strlen(json));
    /* Sealed for the store under the identifier's limiter key: a fresh and a spent state have
     * one length; the key of another identifier, bucket or channel, a forged or a truncated
     * state: `code.state_invalid`. */
    CHECK_STATUS(ra_limiter_new(&loaded), RA_OK);
    CHECK_STATUS(ra_limiter_seal(loaded, keys, key, sealed, sizeof sealed, &fresh_len, &err),
                 RA_OK);
    ra_limiter_free(loaded);
    loaded = NULL;
    CHECK_STATUS(ra_limiter_seal(limiter, keys, key, sealed, sizeof sealed, &len, &err), RA_OK);
    CHECK(len == fresh_len && len == strlen(sealed));
    for (i = 0; i < 3; i++) {
        err.code = NULL;
        CHECK_STATUS(ra_limiter_open(keys, other[i], sealed, &loaded, &err), RA_CODE_ERROR);
        CHECK(streq(err.code, "code.state_invalid") && loaded == NULL);
    }
    for (i = 0; i < len; i++) {
        strcpy(forged, sealed);
        forged[i] = forged[i] == 'A' ? 'B' : 'A';
        CHECK_STATUS(ra_limiter_open(keys, key, forged, &loaded, &err), RA_CODE_ERROR);
        forged[i] = 0;
        CHECK_STATUS(ra_limiter_open(keys, key, forged, &loaded, &err), RA_CODE_ERROR);
    }
    CHECK(loaded == NULL);
    /* A key text that is not a limiter key: the core refuses it as a state it cannot open
     * (`code.state_invalid`), and the status is that code's domain. */
    for (i = 0; i < sizeof MALFORMED / sizeof MALFORMED[0]; i++) {
        err.code = NULL;
        CHECK_STATUS(ra_limiter_open(keys, MALFORMED[i], sealed, &loaded, &err),
                     RA_CODE_ERROR);
        CHECK(streq(err.code, "code.state_invalid"));
        err.code = NULL;
        CHECK_STATUS(ra_limiter_seal(limiter, keys, MALFORMED[i], forged, sizeof forged, &len,
                                     &err), RA_CODE_ERROR);
        CHECK(streq(err.code, "code.state_invalid"));
    }
    CHECK(loaded == NULL);
    CHECK_STATUS(ra_limiter_open(keys, key, sealed, &loaded, &err), RA_OK);
    /* The opened state remembers the send: still refused at 59 s, allowed at 60 s. */
    CHECK_STATUS(ra_limiter_check(loaded, RA_RATES_SMS_SEND, NOW + 59, &err), RA_CODE_ERROR);
    CHECK_STATUS(ra_limiter_check(loaded, RA_RATES_SMS_SEND, NOW + 60, &err), RA_OK);
    CHECK_STATUS(ra_limiter_idle_at(loaded, &idle), RA_OK);
    CHECK(idle > NOW + 60);
    CHECK_STATUS(ra_limiter_check(loaded, 7, NOW, &err), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_limiter_check(NULL, RA_RATES_SMS_SEND, NOW, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_idle_at(NULL, &idle), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_idle_at(loaded, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_to_json(NULL, json, sizeof json, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_to_json(limiter, json, 1, &len), RA_BUFFER_TOO_SMALL);
    ra_limiter_free(loaded);
    loaded = NULL;
    err.code = NULL;
    CHECK_STATUS(ra_limiter_open(keys, key, "[1,2]", &loaded, &err), RA_CODE_ERROR);
    CHECK(streq(err.code, "code.state_invalid") && loaded == NULL);
    CHECK_STATUS(ra_limiter_open(NULL, key, sealed, &loaded, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_open(keys, NULL, sealed, &loaded, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_open(keys, key, NULL, &loaded, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_open(keys, key, sealed, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_open(keys, BAD_UTF8, sealed, &loaded, &err), RA_INVALID_UTF8);
    CHECK_STATUS(ra_limiter_open(keys, key, BAD_UTF8, &loaded, &err), RA_INVALID_UTF8);
    CHECK(loaded == NULL);
    CHECK_STATUS(ra_limiter_seal(NULL, keys, key, sealed, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_seal(limiter, NULL, key, sealed, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_seal(limiter, keys, NULL, sealed, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_seal(limiter, keys, key, NULL, sizeof sealed, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_seal(limiter, keys, key, sealed, sizeof sealed, NULL, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_limiter_seal(limiter, keys, BAD_UTF8, sealed, sizeof sealed, &len, &err),
                 RA_INVALID_UTF8);
    CHECK_STATUS(ra_limiter_seal(limiter, keys, key, sealed, 3, &len, &err),
                 RA_BUFFER_TOO_SMALL);
    CHECK(len == fresh_len);
    /* After a rotation the identifier's limiter key is a new one: the host finds nothing
     * under it and starts afresh, and the state sealed under the old key does not open
     * under the new one. Under the old key it still opens while the ring holds k1. */
    CHECK_STATUS(ra_limiter_seal(limiter, keys, key, sealed, sizeof sealed, &len, NULL), RA_OK);
    CHECK_STATUS(ra_keys_rotate(keys, "k2", SECRET2, sizeof SECRET2, &err), RA_OK);
    CHECK_STATUS(ra_limiter_key(keys, RA_BUCKET_SEND, RA_CHANNEL_SMS, "+79161234567", rotated,
                                sizeof rotated, &len, &err), RA_OK);
    CHECK(strcmp(rotated, key) != 0);
    CHECK_STATUS(ra_limiter_open(keys, rotated, sealed, &loaded, &err), RA_CODE_ERROR);
    CHECK(loaded == NULL);
    CHECK_STATUS(ra_limiter_open(keys, key, sealed, &loaded, &err), RA_OK);
    CHECK_STATUS(ra_limiter_new(NULL), RA_NULL_POINTER);
    ra_limiter_free(limiter);
    ra_limiter_free(loaded);
    ra_limiter_free(NULL);
    ra_keys_free(keys);
}

int run_flow_tests(void);
int run_bounds_tests(void);
int run_failures_tests(void);

int main(void) {
    test_status_names();
    test_is_valid();
    test_normalize();
    test_password_check();
    test_hashing();
    test_codes();
    test_limiter();
    run_flow_tests();
    run_bounds_tests();
    run_failures_tests();
    printf("api: all checks passed\n");
    return 0;
}
