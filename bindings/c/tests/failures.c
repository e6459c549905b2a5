/*
 * tests/data/failures.tsv from C: the same failures the Rust and Python suites check. Each
 * row is performed as its `how` column says, and the refusal's code (`ra_error.code`) and
 * status (by `ra_status_name`) must be the row's `code` and `c_status`.
 *
 * The file and this test cannot drift apart: a case name this test does not know fails, a
 * case it knows that the file no longer has fails, and so does a `how` that no longer reads
 * as the case is performed here. The quoted values in `how` are the inputs: they are read
 * from the file, not repeated here.
 *
 * The file is read from $RA_FAILURES_TSV, or tests/data/failures.tsv relative to the
 * working directory (run.sh runs from the repository root).
 */
#include "restore_access.h"
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_ARGS 4
#define LINE_CAP 2048

static const uint64_t NOW = 1800000000;
static const uint8_t SECRET[32] = "0123456789abcdef0123456789abcdef";

/* The column header the file must have, so that a reordered column fails too. */
static const char COLUMNS[] = "# case\tcode\tc_status\tpython_class\thow";

typedef struct {
    const char *args[MAX_ARGS];
    size_t count;
} args_t;

/* ---- helpers ----------------------------------------------------------------------- */

static ra_keys *new_keys(void) {
    ra_keys *keys = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, &keys, &err), RA_OK);
    return keys;
}

static ra_config *gosuslugi(void) {
    ra_keys *keys = new_keys();
    ra_config *config = NULL;
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &config), RA_OK);
    ra_keys_free(keys);
    return config;
}

static ra_input input_of(ra_input_kind kind, const char *text) {
    ra_input input;
    memset(&input, 0, sizeof input);
    input.kind = kind;
    input.text = text;
    return input;
}

/* Performs `input` on `flow` as a host does: a fresh budget under every key the input
 * spends, then `ra_flow_handle`, whose result is returned (the step in `*step_out`). */
static ra_status advance(ra_flow *flow, ra_input input, ra_step **step_out, ra_error *err) {
    ra_budgets *set = NULL;
    size_t count = 0, i;
    ra_status status;
    CHECK_STATUS(ra_budgets_new(&set), RA_OK);
    /* An input the flow refuses may have no keys to name: then `ra_flow_handle` refuses it
     * with an empty set, and its answer is the one checked. */
    if (ra_flow_budget_key_count(flow, &input, &count, &(ra_error){NULL, 0}) != RA_OK) {
        count = 0;
    }
    for (i = 0; i < count; i++) {
        char key[64];
        size_t len = 0;
        ra_budget *budget = NULL;
        CHECK_STATUS(ra_flow_budget_key(flow, &input, i, key, sizeof key, &len, err), RA_OK);
        CHECK_STATUS(ra_budget_new(&budget), RA_OK);
        CHECK_STATUS(ra_budgets_insert(set, key, budget), RA_OK);
        ra_budget_free(budget);
    }
    status = ra_flow_handle(flow, &input, NOW, set, step_out, err);
    ra_budgets_free(set);
    return status;
}

/* `advance`, which must succeed; the previous step is freed. */
static void advance_ok(ra_flow *flow, ra_input input, ra_step **step) {
    ra_step *next = NULL;
    ra_error err = {NULL, 0};
    ra_status status = advance(flow, input, &next, &err);
    if (status != RA_OK) {
        fprintf(stderr, "failures: input %u refused on the way: %s %s\n", input.kind,
                ra_status_name(status), err.code ? err.code : "");
        exit(1);
    }
    ra_step_free(*step);
    *step = next;
}

static ra_prompt_kind prompt_kind(const ra_step *step) {
    ra_prompt_info info;
    memset(&info, 0, sizeof info);
    CHECK_STATUS(ra_step_prompt(step, &info), RA_OK);
    return info.kind;
}

/* A new Госуслуги flow, then `input`: the answer to the input. */
static ra_status gosuslugi_input(ra_input input, ra_error *err) {
    ra_config *config = gosuslugi();
    ra_flow *flow = NULL;
    ra_step *step = NULL, *next = NULL;
    ra_status status;
    CHECK_STATUS(ra_flow_new(config, NOW, &flow, &step, err), RA_OK);
    status = advance(flow, input, &next, err);
    CHECK(status == RA_OK || next == NULL);
    ra_step_free(next);
    ra_step_free(step);
    ra_flow_free(flow);
    ra_config_free(config);
    return status;
}

/* ---- the cases, each as its `how` reads ------------------------------------------------ */

static ra_status parse_snils(const args_t *a, ra_error *err) {
    char buf[64];
    size_t len = 0;
    return ra_snils_normalize(a->args[0], buf, sizeof buf, &len, err);
}

static ra_status parse_phone(const args_t *a, ra_error *err) {
    char buf[64];
    size_t len = 0;
    return ra_phone_normalize(a->args[0], buf, sizeof buf, &len, err);
}

static ra_status parse_email(const args_t *a, ra_error *err) {
    char buf[256];
    size_t len = 0;
    return ra_email_normalize(a->args[0], buf, sizeof buf, &len, err);
}

static ra_status flow_input_contact(const args_t *a, ra_error *err) {
    return gosuslugi_input(input_of(RA_INPUT_CONTACT, a->args[0]), err);
}

static ra_status flow_input_code(const args_t *a, ra_error *err) {
    return gosuslugi_input(input_of(RA_INPUT_CODE, a->args[0]), err);
}

static ra_status open_flow(const args_t *a, ra_error *err) {
    ra_config *config = gosuslugi();
    ra_flow *flow = NULL;
    ra_status status = ra_flow_open(config, a->args[0], &flow, err);
    CHECK(status == RA_OK || flow == NULL);
    ra_flow_free(flow);
    ra_config_free(config);
    return status;
}

static ra_status open_budget(const args_t *a, ra_error *err) {
    ra_config *config = gosuslugi();
    ra_budget *budget = NULL;
    ra_status status = ra_budget_open(config, a->args[1], a->args[0], &budget, err);
    CHECK(status == RA_OK || budget == NULL);
    ra_budget_free(budget);
    ra_config_free(config);
    return status;
}

static ra_status open_record(const args_t *a, ra_error *err) {
    ra_keys *keys = new_keys();
    ra_code_record *record = NULL;
    ra_status status = ra_code_record_open(keys, a->args[1], a->args[0], &record, err);
    CHECK(status == RA_OK || record == NULL);
    ra_code_record_free(record);
    ra_keys_free(keys);
    return status;
}

static ra_status keys_with_short_secret(const args_t *a, ra_error *err) {
    ra_keys *keys = NULL;
    ra_status status = ra_keys_new(a->args[0], SECRET, 8, &keys, err);
    CHECK(status == RA_OK || keys == NULL);
    ra_keys_free(keys);
    return status;
}

static ra_status verify_against(const args_t *a, ra_error *err) {
    ra_hasher *hasher = NULL;
    bool matches = true;
    ra_status status;
    CHECK_STATUS(ra_hasher_new(&hasher), RA_OK);
    status = ra_password_verify(hasher, RA_POLICY_GOSUSLUGI, a->args[0], a->args[1], &matches,
                                err);
    ra_hasher_free(hasher);
    return status;
}

/* Contact (a phone), document, the lookup answered with an account that has the phone and
 * the document, the human check: the code is sent. Then Resend at once. */
static ra_status walk_to_code_and_resend(const args_t *a, ra_error *err) {
    ra_config *config = gosuslugi();
    ra_account *account = NULL;
    ra_flow *flow = NULL;
    ra_step *step = NULL, *next = NULL;
    ra_input answer = input_of(RA_INPUT_ACCOUNT, NULL);
    ra_status status;
    (void)a;
    CHECK_STATUS(ra_account_new("acc-1", &account), RA_OK);
    CHECK_STATUS(ra_account_set_phone(account, "+79161234567", err), RA_OK);
    CHECK_STATUS(ra_account_add_document(account, "45 08 123456", err), RA_OK);
    answer.account = account;
    CHECK_STATUS(ra_flow_new(config, NOW, &flow, &step, err), RA_OK);
    advance_ok(flow, input_of(RA_INPUT_CONTACT, "+7 916 123-45-67"), &step);
    advance_ok(flow, input_of(RA_INPUT_DOCUMENT, "45 08 123456"), &step);
    CHECK(prompt_kind(step) == RA_PROMPT_AWAITING_HOST);
    advance_ok(flow, answer, &step);
    CHECK(prompt_kind(step) == RA_PROMPT_HUMAN_CHECK);
    advance_ok(flow, input_of(RA_INPUT_HUMAN_CHECK_PASSED, NULL), &step);
    CHECK(prompt_kind(step) == RA_PROMPT_CODE_SENT);
    status = advance(flow, input_of(RA_INPUT_RESEND, NULL), &next, err);
    CHECK(next == NULL);
    /* The wait comes with the refusal. */
    CHECK(status != RA_FLOW_ERROR || err->retry_after_secs > 0);
    ra_step_free(step);
    ra_flow_free(flow);
    ra_account_free(account);
    ra_config_free(config);
    return status;
}

/* Every case, with its `how` as a template: each `""` stands for one quoted value. */
static const struct {
    const char *name;
    const char *how;
    ra_status (*perform)(const args_t *, ra_error *);
} CASES[] = {
    {"snils_checksum", "parse the СНИЛС \"\"", parse_snils},
    {"phone_short", "parse the phone \"\"", parse_phone},
    {"email_address_literal", "parse the e-mail \"\"", parse_email},
    {"flow_contact_phone_short", "start a Госуслуги flow, input Contact \"\"",
     flow_input_contact},
    {"flow_code_at_start", "start a Госуслуги flow, input Code \"\"", flow_input_code},
    {"flow_open_garbage", "open \"\" as a sealed Госуслуги flow", open_flow},
    {"budget_open_garbage", "open \"\" as a sealed budget under the key \"\"", open_budget},
    {"record_open_garbage", "open \"\" as a sealed code record of flow \"\"", open_record},
    {"keys_short_secret", "build keys with id \"\" and an 8-byte secret",
     keys_with_short_secret},
    {"password_malformed_hash", "verify \"\" against the stored hash \"\"", verify_against},
    {"flow_resend_too_soon",
     "walk a Госуслуги flow to the code (account with a phone) and input Resend at once",
     walk_to_code_and_resend},
};
#define CASE_COUNT (sizeof CASES / sizeof CASES[0])
static int seen[CASE_COUNT];

/* Splits `how` in place into its template (quoted values emptied, written to `template`)
 * and the values (pointers into `how`). False for an unclosed quote or too many values. */
static int split_how(char *how, char *template, size_t cap, args_t *args) {
    size_t t = 0;
    char *p = how;
    args->count = 0;
    while (*p) {
        if (t + 3 > cap) {
            return 0;
        }
        if (*p != '"') {
            template[t++] = *p++;
            continue;
        }
        char *end = strchr(p + 1, '"');
        if (end == NULL || args->count == MAX_ARGS) {
            return 0;
        }
        *end = 0;
        args->args[args->count++] = p + 1;
        template[t++] = '"';
        template[t++] = '"';
        p = end + 1;
    }
    template[t] = 0;
    return 1;
}

/* Splits a row at its tabs into exactly `n` fields. */
static int split_tabs(char *line, char **fields, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        fields[i] = line;
        char *tab = strchr(line, '\t');
        if (tab == NULL) {
            return i == n - 1;
        }
        if (i == n - 1) {
            return 0;
        }
        *tab = 0;
        line = tab + 1;
    }
    return 0;
}

int run_failures_tests(void) {
    const char *path = getenv("RA_FAILURES_TSV");
    char line[LINE_CAP];
    size_t performed = 0, i;
    int columns_seen = 0;
    FILE *file;
    if (path == NULL || *path == 0) {
        path = "tests/data/failures.tsv";
    }
    file = fopen(path, "r");
    if (file == NULL) {
        fprintf(stderr, "failures: cannot open %s\n", path);
        exit(1);
    }
    while (fgets(line, sizeof line, file)) {
        size_t len = strlen(line);
        char *fields[5];
        char template[LINE_CAP];
        args_t args;
        ra_error err = {NULL, 0};
        ra_status status;
        const char *name;
        CHECK(len > 0 && line[len - 1] == '\n'); /* a line longer than the buffer fails */
        line[--len] = 0;
        if (len > 0 && line[len - 1] == '\r') {
            line[--len] = 0;
        }
        if (strcmp(line, COLUMNS) == 0) {
            columns_seen = 1;
            continue;
        }
        if (len == 0 || line[0] == '#') {
            continue;
        }
        if (!columns_seen || !split_tabs(line, fields, 5)) {
            fprintf(stderr, "failures: %s: a row before the column header or not of 5 "
                            "columns: %s\n", path, line);
            exit(1);
        }
        name = fields[0];
        for (i = 0; i < CASE_COUNT && strcmp(CASES[i].name, name) != 0; i++) {
        }
        if (i == CASE_COUNT) {
            fprintf(stderr, "failures: unknown case %s (add it to bindings/c/tests/failures.c)\n",
                    name);
            exit(1);
        }
        if (seen[i]) {
            fprintf(stderr, "failures: case %s is in the file twice\n", name);
            exit(1);
        }
        if (!split_how(fields[4], template, sizeof template, &args) ||
            strcmp(template, CASES[i].how) != 0) {
            fprintf(stderr, "failures: %s: `how` reads \"%s\", this test performs \"%s\"\n",
                    name, template, CASES[i].how);
            exit(1);
        }
        status = CASES[i].perform(&args, &err);
        seen[i] = 1;
        performed++;
        if (strcmp(ra_status_name(status), fields[2]) != 0 || err.code == NULL ||
            strcmp(err.code, fields[1]) != 0) {
            fprintf(stderr, "failures: %s: got %s %s, the file says %s %s\n", name,
                    ra_status_name(status), err.code ? err.code : "(no code)", fields[2],
                    fields[1]);
            exit(1);
        }
        printf("failures: %-26s %-18s %s\n", name, fields[2], fields[1]);
    }
    CHECK(!ferror(file));
    fclose(file);
    CHECK(columns_seen);
    for (i = 0; i < CASE_COUNT; i++) {
        if (!seen[i]) {
            fprintf(stderr, "failures: case %s is no longer in %s (remove it here too)\n",
                    CASES[i].name, path);
            exit(1);
        }
    }
    printf("failures: all %zu cases of %s performed\n", performed, path);
    return 0;
}
