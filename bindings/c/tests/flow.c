/* The recovery flow through the C API, driven as a stateless host drives it: every request
 * opens the sealed state, loads the budgets the input spends, handles the input and stores
 * everything back sealed. A whole Госуслуги recovery; the mail-scanner attack on both
 * portals; forged, truncated and foreign states; sealed lengths of known and unknown
 * accounts; budgets bound to their keys and shared across flows; escalation; misuse of every
 * flow function. Part of the `api` test program. */
#include "restore_access.h"
#include "check.h"

#include <string.h>

static const uint8_t SECRET[32] = "0123456789abcdef0123456789abcdef";
static const uint8_t SECRET2[32] = "fedcba9876543210fedcba9876543210";
static const uint64_t T0 = 1800000000;
static const uint64_t VERSION = 41;
static const char BAD_UTF8[] = {(char)0xff, 0};

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* ---- the host ------------------------------------------------------------------------- */

/* Room for any sealed value: a flow's state is about 1 KiB, a budget far less. */
#define SEALED_CAP 2048
#define KEY_CAP 32

/* The server's own store of sealed budgets, by budget key. */
typedef struct {
    char key[KEY_CAP];
    char sealed[SEALED_CAP];
} stored_budget;

typedef struct {
    const ra_config *config;
    stored_budget budgets[16];
    size_t count;
} host;

static host host_of(const ra_config *config) {
    host h;
    memset(&h, 0, sizeof h);
    h.config = config;
    return h;
}

static const char *store_get(const host *h, const char *key) {
    size_t i;
    for (i = 0; i < h->count; i++) {
        if (streq(h->budgets[i].key, key)) {
            return h->budgets[i].sealed;
        }
    }
    return NULL;
}

static void store_put(host *h, const char *key, const char *sealed) {
    size_t i;
    for (i = 0; i < h->count && !streq(h->budgets[i].key, key); i++) {
    }
    CHECK(i < sizeof h->budgets / sizeof h->budgets[0]);
    CHECK(strlen(key) < KEY_CAP && strlen(sealed) < SEALED_CAP);
    strcpy(h->budgets[i].key, key);
    strcpy(h->budgets[i].sealed, sealed);
    if (i == h->count) {
        h->count++;
    }
}

/* One request on an open flow: loads the budgets `input` spends (fresh where the store has
 * none), handles the input, and after RA_OK seals every budget back into the store. */
static ra_status handle(host *h, ra_flow *flow, ra_input input, uint64_t now, ra_step **step,
                        ra_error *err) {
    char keys[4][KEY_CAP];
    size_t n = 9, i, len = 0;
    ra_budgets *set = NULL;
    ra_status status;

    CHECK_STATUS(ra_flow_budget_key_count(flow, &input, &n, err), RA_OK);
    CHECK(n <= 2);
    CHECK_STATUS(ra_budgets_new(&set), RA_OK);
    for (i = 0; i < n; i++) {
        const char *sealed;
        ra_budget *budget = NULL;
        CHECK_STATUS(ra_flow_budget_key(flow, &input, i, keys[i], KEY_CAP, &len, err), RA_OK);
        CHECK(len == 22 && len == strlen(keys[i]));
        sealed = store_get(h, keys[i]);
        if (sealed != NULL) {
            CHECK_STATUS(ra_budget_open(h->config, keys[i], sealed, &budget, err), RA_OK);
        } else {
            CHECK_STATUS(ra_budget_new(&budget), RA_OK);
        }
        CHECK_STATUS(ra_budgets_insert(set, keys[i], budget), RA_OK);
        ra_budget_free(budget);
    }
    CHECK_STATUS(ra_flow_budget_key(flow, &input, n, keys[0], KEY_CAP, &len, err),
                 RA_INVALID_ARGUMENT);
    status = ra_flow_handle(flow, &input, now, set, step, err);
    if (status == RA_OK) {
        for (i = 0; i < n; i++) {
            ra_budget *budget = NULL;
            char sealed[SEALED_CAP];
            CHECK_STATUS(ra_budgets_get(set, keys[i], &budget), RA_OK);
            CHECK_STATUS(ra_budget_seal(budget, h->config, keys[i], sealed, sizeof sealed, &len,
                                        err),
                         RA_OK);
            store_put(h, keys[i], sealed);
            ra_budget_free(budget);
        }
    }
    ra_budgets_free(set);
    return status;
}

/* The shared row a stateless host keeps a flow in: only ever its sealed state. */
typedef struct {
    char sealed[SEALED_CAP];
    size_t len;
} row;

static void seal_into(const ra_flow *flow, row *r) {
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_flow_seal(flow, r->sealed, sizeof r->sealed, &r->len, &err), RA_OK);
    CHECK(r->len == strlen(r->sealed) && r->len > 0);
}

static ra_flow *open_row(const ra_config *config, const row *r) {
    ra_flow *flow = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_flow_open(config, r->sealed, &flow, &err), RA_OK);
    return flow;
}

/* A whole request against the row: open, handle, and on RA_OK seal the state back. */
static ra_status request(host *h, row *r, ra_input input, uint64_t now, ra_step **step,
                         ra_error *err) {
    ra_flow *flow = open_row(h->config, r);
    ra_status status = handle(h, flow, input, now, step, err);
    if (status == RA_OK) {
        seal_into(flow, r);
    }
    ra_flow_free(flow);
    return status;
}

/* A request that must succeed; frees the previous step. */
static ra_step *feed(host *h, row *r, ra_input input, uint64_t now, ra_step *previous) {
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    ra_status status = request(h, r, input, now, &step, &err);
    if (status != RA_OK) {
        fprintf(stderr, "input %u refused: %s %s\n", input.kind, ra_status_name(status),
                err.code ? err.code : "");
        exit(1);
    }
    ra_step_free(previous);
    return step;
}

/* A request that must be refused with `expected` and `code`, writing no step and leaving the
 * row as it was. Returns the error. */
static ra_error refused_with(host *h, row *r, ra_input input, uint64_t now, ra_status expected,
                             const char *code) {
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    row before = *r;
    ra_status status = request(h, r, input, now, &step, &err);
    if (status != expected || !streq(err.code, code)) {
        fprintf(stderr, "input %u: %s %s, expected %s %s\n", input.kind,
                ra_status_name(status), err.code ? err.code : "", ra_status_name(expected),
                code);
        exit(1);
    }
    CHECK(step == NULL && strcmp(before.sealed, r->sealed) == 0);
    return err;
}

/* The flow's own refusal (`flow.*`): RA_FLOW_ERROR. */
static ra_error refused(host *h, row *r, ra_input input, uint64_t now, const char *code) {
    return refused_with(h, r, input, now, RA_FLOW_ERROR, code);
}

/* A new flow in the row; returns its first step. */
static ra_step *start(const ra_config *config, row *r) {
    ra_flow *flow = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_flow_new(config, T0, &flow, &step, &err), RA_OK);
    seal_into(flow, r);
    ra_flow_free(flow);
    return step;
}

/* ---- steps and actions ---------------------------------------------------------------- */

static ra_prompt_info prompt_of(const ra_step *step) {
    ra_prompt_info info;
    memset(&info, 0, sizeof info);
    CHECK_STATUS(ra_step_prompt(step, &info), RA_OK);
    return info;
}

static ra_action_info action_of(const ra_step *step, size_t index) {
    ra_action_info info;
    memset(&info, 0, sizeof info);
    CHECK_STATUS(ra_step_action(step, index, &info), RA_OK);
    return info;
}

/* How many actions of `kind` the step has. */
static size_t count_actions(const ra_step *step, ra_action_kind kind) {
    size_t count = 0, i, found = 0;
    CHECK_STATUS(ra_step_action_count(step, &count), RA_OK);
    for (i = 0; i < count; i++) {
        found += action_of(step, i).kind == kind;
    }
    return found;
}

/* The step's first action of `kind`; fails the test if there is none. */
static ra_action_info find_action(const ra_step *step, ra_action_kind kind) {
    size_t count = 0, i;
    CHECK_STATUS(ra_step_action_count(step, &count), RA_OK);
    for (i = 0; i < count; i++) {
        ra_action_info action = action_of(step, i);
        if (action.kind == kind) {
            return action;
        }
    }
    fprintf(stderr, "no action of kind %u\n", kind);
    exit(1);
}

/* The secret of the step's action of `kind` copied out; empty when there is none. */
static void secret_of(const ra_step *step, ra_action_kind kind, char *out, size_t cap) {
    out[0] = 0;
    if (count_actions(step, kind) > 0) {
        ra_action_info action = find_action(step, kind);
        CHECK(action.secret != NULL && strlen(action.secret) > 0 && strlen(action.secret) < cap);
        strcpy(out, action.secret);
    }
}

static ra_input input_of(ra_input_kind kind, const char *text) {
    ra_input input;
    memset(&input, 0, sizeof input);
    input.kind = kind;
    input.text = text;
    return input;
}

static ra_input account_input(const ra_account *account) {
    ra_input input = input_of(RA_INPUT_ACCOUNT, NULL);
    input.account = account;
    return input;
}

static ra_input new_password(const char *password, const char *proof) {
    ra_input input = input_of(RA_INPUT_NEW_PASSWORD, password);
    input.proof = proof;
    return input;
}

static ra_account *the_account(void) {
    ra_account *account = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_account_new("account-42", &account), RA_OK);
    CHECK_STATUS(ra_account_set_credential_version(account, VERSION), RA_OK);
    CHECK_STATUS(ra_account_set_phone(account, "+79161234567", &err), RA_OK);
    CHECK_STATUS(ra_account_set_email(account, "ivan.petrov@mail.ru", &err), RA_OK);
    CHECK_STATUS(ra_account_set_surname(account, "Петров", &err), RA_OK);
    CHECK_STATUS(ra_account_add_document(account, "45 08 123456", &err), RA_OK);
    CHECK_STATUS(ra_account_add_document(account, "112-233-445 95", &err), RA_OK);
    /* Refusals and misuse of the account setters. */
    CHECK_STATUS(ra_account_set_phone(account, "+7 701 123 45 67", &err), RA_ID_ERROR);
    CHECK(streq(err.code, "phone.kazakhstan"));
    CHECK_STATUS(ra_account_set_email(account, "nobody", &err), RA_ID_ERROR);
    CHECK_STATUS(ra_account_add_document(account, "hello", &err), RA_ID_ERROR);
    CHECK(streq(err.code, "document.format"));
    CHECK_STATUS(ra_account_set_surname(NULL, "x", &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_account_set_surname(account, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_account_set_phone(account, BAD_UTF8, &err), RA_INVALID_UTF8);
    CHECK_STATUS(ra_account_set_credential_version(NULL, 1), RA_NULL_POINTER);
    CHECK_STATUS(ra_account_new(NULL, &account), RA_NULL_POINTER);
    CHECK_STATUS(ra_account_new("x", NULL), RA_NULL_POINTER);
    return account;
}

/* Госуслуги: contact → document → lookup → human check; returns the step with the code. */
static ra_step *to_code(host *h, row *r, const char *contact, const ra_account *account) {
    ra_step *step = feed(h, r, input_of(RA_INPUT_CONTACT, contact), T0, NULL);
    CHECK(prompt_of(step).kind == RA_PROMPT_ENTER_DOCUMENT);
    step = feed(h, r, input_of(RA_INPUT_DOCUMENT, "4508 123456"), T0, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_AWAITING_HOST);
    CHECK(count_actions(step, RA_ACTION_LOOK_UP_ACCOUNT) == 1);
    step = feed(h, r, account_input(account), T0, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_HUMAN_CHECK);
    return feed(h, r, input_of(RA_INPUT_HUMAN_CHECK_PASSED, NULL), T0, step);
}

/* mos.ru: login and surname → lookup; returns the step with the code or link. */
static ra_step *to_code_mosru(host *h, row *r, const char *login, const ra_account *account) {
    ra_input typed = input_of(RA_INPUT_LOGIN_AND_SURNAME, login);
    ra_step *step;
    typed.surname = "Петров";
    step = feed(h, r, typed, T0, NULL);
    CHECK(prompt_of(step).kind == RA_PROMPT_AWAITING_HOST);
    CHECK(count_actions(step, RA_ACTION_LOOK_UP_ACCOUNT) == 1);
    return feed(h, r, account_input(account), T0, step);
}

/* The host's compare-and-set of a store-hash action on an account at `*version`: 1 if it
 * stored (and moved the version on), 0 if it refused as stale. */
static int store_hash(const ra_step *step, uint64_t *version) {
    ra_action_info store = find_action(step, RA_ACTION_STORE_PASSWORD_HASH);
    CHECK(streq(store.account, "account-42") && strncmp(store.phc, "$argon2id$", 10) == 0);
    if (store.expected_version != *version) {
        return 0;
    }
    *version += 1;
    return 1;
}

/* ---- tests ---------------------------------------------------------------------------- */

static void test_recovery(const ra_config *config) {
    host h = host_of(config);
    row r;
    ra_step *step = NULL;
    ra_account *account = the_account();
    ra_prompt_info info;
    char code[16], wrong[16], proof[128], json[4096];
    size_t len = 0, count = 0, i;
    uint64_t version = VERSION;

    step = start(config, &r);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_ENTER_CONTACT && streq(info.code, "prompt.enter_contact"));
    CHECK(!info.is_final);
    ra_step_free(step);

    /* An input that does not fit the step is refused and changes nothing. */
    refused(&h, &r, input_of(RA_INPUT_CODE, "123456"), T0, "flow.unexpected_input");
    /* An identifier's refusal is RA_ID_ERROR from inside a flow too. */
    refused_with(&h, &r, input_of(RA_INPUT_CONTACT, "not a contact"), T0, RA_ID_ERROR,
                 "login.format");
    {
        ra_flow *flow = open_row(config, &r);
        ra_budgets *set = NULL;
        ra_input odd = input_of(99, "x");
        ra_error err = {NULL, 0};
        CHECK_STATUS(ra_budgets_new(&set), RA_OK);
        CHECK_STATUS(ra_flow_handle(flow, &odd, T0, set, &(ra_step *){NULL}, &err),
                     RA_INVALID_ARGUMENT);
        CHECK_STATUS(ra_flow_budget_key_count(flow, &odd, &count, &err), RA_INVALID_ARGUMENT);
        ra_budgets_free(set);
        ra_flow_free(flow);
    }

    step = to_code(&h, &r, "8 (916) 123-45-67", account);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_CODE_SENT && info.channel == RA_CHANNEL_SMS);
    CHECK(info.digits == 6 && info.attempts_left == 5 && info.rejected == NULL);
    CHECK(info.resend_at > T0);
    secret_of(step, RA_ACTION_SEND_SMS_CODE, code, sizeof code);
    CHECK(strlen(code) == 6);
    CHECK(streq(find_action(step, RA_ACTION_SEND_SMS_CODE).phone, "+79161234567"));
    {
        char prompt_json[512];
        CHECK_STATUS(ra_step_prompt_json(step, prompt_json, sizeof prompt_json, &len), RA_OK);
        CHECK(strstr(prompt_json, "\"prompt\":\"code_sent\"") != NULL);
        CHECK(strstr(prompt_json, code) == NULL);
        CHECK_STATUS(ra_step_prompt_json(step, prompt_json, 3, &len), RA_BUFFER_TOO_SMALL);
    }
    /* Neither the sealed state nor its debugging JSON holds the code or the phone. */
    CHECK(strstr(r.sealed, code) == NULL && strstr(r.sealed, "9161234567") == NULL);
    {
        ra_flow *flow = open_row(config, &r);
        CHECK_STATUS(ra_flow_to_json(flow, json, sizeof json, &len), RA_OK);
        CHECK(strstr(json, code) == NULL && len == strlen(json));
        CHECK_STATUS(ra_flow_to_json(flow, json, 8, &len), RA_BUFFER_TOO_SMALL);
        ra_flow_free(flow);
    }

    /* Before the right code, no account is named. */
    {
        ra_flow *opened = open_row(config, &r);
        char id[80];
        CHECK_STATUS(ra_flow_account_id(opened, id, sizeof id, &len), RA_OK);
        CHECK(len == 0 && id[0] == 0);
        ra_flow_free(opened);
    }

    /* Resending at once is too soon, with the time to wait. */
    {
        ra_error err = refused(&h, &r, input_of(RA_INPUT_RESEND, NULL), T0 + 1,
                               "flow.resend_too_soon");
        CHECK(err.retry_after_secs > 0);
    }

    /* A wrong code shows in the prompt; then the right one hands this session its proof. */
    strcpy(wrong, code);
    wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
    step = feed(&h, &r, input_of(RA_INPUT_CODE, wrong), T0 + 5, step);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_CODE_SENT && streq(info.rejected, "code.wrong"));
    CHECK(info.attempts_left == 4);
    CHECK(count_actions(step, RA_ACTION_HOLD_PROOF) == 0);
    step = feed(&h, &r, input_of(RA_INPUT_CODE, code), T0 + 6, step);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_NEW_PASSWORD && info.violation_count == 0);
    CHECK(count_actions(step, RA_ACTION_HOLD_PROOF) == 1);
    {
        ra_action_info hold = find_action(step, RA_ACTION_HOLD_PROOF);
        CHECK(hold.account == NULL && hold.phc == NULL && hold.expected_version == 0);
    }
    secret_of(step, RA_ACTION_HOLD_PROOF, proof, sizeof proof);
    CHECK(strlen(proof) >= 22 && strcmp(proof, code) != 0);
    CHECK(strstr(r.sealed, proof) == NULL);
    /* Now the flow names the account, so a stateless host can load the person's data. */
    {
        ra_flow *opened = open_row(config, &r);
        char id[80];
        CHECK_STATUS(ra_flow_account_id(opened, id, sizeof id, &len), RA_OK);
        CHECK(streq(id, "account-42") && len == strlen(id));
        CHECK_STATUS(ra_flow_account_id(NULL, id, sizeof id, &len), RA_NULL_POINTER);
        ra_flow_free(opened);
    }

    /* A weak password is refused rule by rule (the proof stays good); a good one finishes. */
    {
        ra_personal me;
        const char *rule = NULL;
        ra_input weak = new_password("Petrov2024", proof);
        memset(&me, 0, sizeof me);
        me.surname = "Петров";
        weak.personal = &me;
        step = feed(&h, &r, weak, T0 + 7, step);
        info = prompt_of(step);
        CHECK(info.kind == RA_PROMPT_NEW_PASSWORD && info.violation_count >= 2);
        for (i = 0; i < info.violation_count; i++) {
            CHECK_STATUS(ra_step_violation(step, i, &rule), RA_OK);
            CHECK(strncmp(rule, "password.", 9) == 0);
        }
        CHECK_STATUS(ra_step_violation(step, info.violation_count, &rule), RA_INVALID_ARGUMENT);
        CHECK_STATUS(ra_step_route(step, 0, NULL), RA_NULL_POINTER);
    }
    step = feed(&h, &r, new_password("Sharik1599+", proof), T0 + 8, step);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_DONE && info.is_final);
    CHECK(store_hash(step, &version) && version == VERSION + 1);
    CHECK(count_actions(step, RA_ACTION_REVOKE_ALL_SESSIONS) == 1);
    CHECK(count_actions(step, RA_ACTION_NOTIFY_PASSWORD_CHANGED) == 1);
    CHECK_STATUS(ra_step_action_count(step, &count), RA_OK);
    for (i = 0; i < count; i++) {
        ra_action_info action = action_of(step, i);
        if (action.kind == RA_ACTION_AUDIT) {
            CHECK(strncmp(action.audit_event, "recovery.", 9) == 0 && action.flow_id != NULL);
        }
    }
    CHECK_STATUS(ra_step_action(step, count, &(ra_action_info){0}), RA_INVALID_ARGUMENT);
    ra_step_free(step);

    /* Done is final; the current prompt can be read again at any time. */
    refused(&h, &r, new_password("Sharik1599+", proof), T0 + 9, "flow.unexpected_input");
    {
        ra_flow *flow = open_row(config, &r);
        CHECK_STATUS(ra_flow_prompt(flow, &step), RA_OK);
        CHECK(prompt_of(step).kind == RA_PROMPT_DONE);
        CHECK_STATUS(ra_step_action_count(step, &count), RA_OK);
        CHECK(count == 0);
        ra_step_free(step);
        ra_flow_free(flow);
    }
    ra_account_free(account);
}

/* The mail-scanner attack. The flow's state sits in a row that more than one session can
 * reach (a scanner that follows links, an attacker with the flow id or a copied cookie).
 * The victim opens the link or types the code and is handed a proof; whoever holds only the
 * state — with no proof, a made-up one, the SMS code itself or a proof one character off —
 * cannot set the password, while the victim with the proof can, and the store-hash action
 * carries the credential version for the host's compare-and-set, which refuses a replay. */
static void mail_scanner_attack(host *h, row *r, ra_step *step, int by_link) {
    ra_action_kind send = by_link ? RA_ACTION_SEND_EMAIL_LINK : RA_ACTION_SEND_SMS_CODE;
    char secret[128], proof[128], forged[128], scanned[128];
    row before_code = *r, before_password;
    uint64_t version = VERSION;

    CHECK(prompt_of(step).kind == RA_PROMPT_CODE_SENT);
    CHECK(prompt_of(step).channel == (by_link ? RA_CHANNEL_EMAIL : RA_CHANNEL_SMS));
    secret_of(step, send, secret, sizeof secret);
    CHECK(secret[0] != 0);

    if (by_link) {
        /* The scanner opens the link first: it is handed a proof it throws away, and the row
         * moves on to the new-password step. Opening consumes nothing, so the person opening
         * the link afterwards is handed a proof too. */
        step = feed(h, r, input_of(RA_INPUT_LINK_OPENED, secret), T0 + 10, step);
        CHECK(prompt_of(step).kind == RA_PROMPT_NEW_PASSWORD);
        secret_of(step, RA_ACTION_HOLD_PROOF, scanned, sizeof scanned);
        CHECK(scanned[0] != 0);
        step = feed(h, r, input_of(RA_INPUT_LINK_OPENED, secret), T0 + 20, step);
    } else {
        step = feed(h, r, input_of(RA_INPUT_CODE, secret), T0 + 20, step);
    }
    CHECK(prompt_of(step).kind == RA_PROMPT_NEW_PASSWORD);
    CHECK(count_actions(step, RA_ACTION_HOLD_PROOF) == 1);
    secret_of(step, RA_ACTION_HOLD_PROOF, proof, sizeof proof);
    CHECK(strstr(r->sealed, proof) == NULL);
    ra_step_free(step);

    /* The attacker holds the same row, and no proof. */
    refused(h, r, new_password("Sharik1599+", NULL), T0 + 30, "flow.proof_invalid");
    refused(h, r, new_password("Sharik1599+", ""), T0 + 30, "flow.proof_invalid");
    refused(h, r, new_password("Sharik1599+", "made-up-proof-made-up-proof-made-up-proo"),
            T0 + 30, "flow.proof_invalid");
    strcpy(forged, proof);
    forged[0] = forged[0] == 'A' ? 'B' : 'A';
    refused(h, r, new_password("Sharik1599+", forged), T0 + 30, "flow.proof_invalid");
    if (!by_link) {
        /* The SMS code is not the proof, and the row as it was before the code is no way in. */
        refused(h, r, new_password("Sharik1599+", secret), T0 + 30, "flow.proof_invalid");
        refused(h, &before_code, new_password("Sharik1599+", proof), T0 + 30,
                "flow.unexpected_input");
    }
    /* A weak password from the attacker is refused for the proof, not for the rules. */
    refused(h, r, new_password("qwerty", NULL), T0 + 30, "flow.proof_invalid");

    /* The victim, in another request on the same row, with the proof. */
    before_password = *r;
    step = feed(h, r, new_password("Sharik1599+", proof), T0 + 40, NULL);
    CHECK(prompt_of(step).kind == RA_PROMPT_DONE);
    CHECK(find_action(step, RA_ACTION_STORE_PASSWORD_HASH).expected_version == VERSION);
    CHECK(store_hash(step, &version));
    ra_step_free(step);
    /* The proof is used up, the row is done; a replay of the older row carries the version
     * the account no longer has, so the host's compare-and-set refuses it. */
    refused(h, r, new_password("Sharik1599+", proof), T0 + 50, "flow.unexpected_input");
    step = feed(h, &before_password, new_password("Sharik1599+", proof), T0 + 50, NULL);
    CHECK(!store_hash(step, &version) && version == VERSION + 1);
    ra_step_free(step);
}

static void test_mail_scanner(const ra_keys *keys) {
    ra_config *gosuslugi = NULL, *mosru = NULL;
    ra_account *account = the_account();
    row r;

    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &gosuslugi), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_MOSRU, keys, &mosru), RA_OK);
    {
        host h = host_of(gosuslugi);
        ra_step_free(start(gosuslugi, &r));
        mail_scanner_attack(&h, &r, to_code(&h, &r, "8 (916) 123-45-67", account), 0);
    }
    {
        host h = host_of(gosuslugi);
        ra_step_free(start(gosuslugi, &r));
        mail_scanner_attack(&h, &r, to_code(&h, &r, "ivan.petrov@mail.ru", account), 1);
    }
    {
        host h = host_of(mosru);
        ra_step_free(start(mosru, &r));
        mail_scanner_attack(&h, &r, to_code_mosru(&h, &r, "ivan.petrov@mail.ru", account), 1);
    }
    {
        host h = host_of(mosru);
        ra_step_free(start(mosru, &r));
        mail_scanner_attack(&h, &r, to_code_mosru(&h, &r, "+7 916 123-45-67", account), 0);
    }
    ra_config_free(gosuslugi);
    ra_config_free(mosru);
    ra_account_free(account);
}

static void expect_state_invalid(const ra_config *config, const char *sealed) {
    ra_flow *flow = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_flow_open(config, sealed, &flow, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid") && flow == NULL);
}

/* A sealed state opens only as it was sealed: every character changed, every truncation,
 * an extension, another portal's configuration, other keys, a budget's seal: all the one
 * code `flow.state_invalid`. A rotated ring still opens it while it holds the old key. */
static void test_forged_states(const ra_keys *keys) {
    ra_config *gosuslugi = NULL, *mosru = NULL, *stranger = NULL, *rotated = NULL;
    ra_keys *other = NULL, *ring = NULL;
    ra_account *account = the_account();
    ra_error err = {NULL, 0};
    char forged[SEALED_CAP];
    size_t i;
    row r, m;

    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &gosuslugi), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_MOSRU, keys, &mosru), RA_OK);
    {
        host h = host_of(gosuslugi);
        ra_step_free(start(gosuslugi, &r));
        ra_step_free(to_code(&h, &r, "8 (916) 123-45-67", account));
        ra_step_free(start(mosru, &m));
    }
    ra_flow_free(open_row(gosuslugi, &r));

    /* One character changed, at every position. */
    for (i = 0; i < r.len; i++) {
        strcpy(forged, r.sealed);
        forged[i] = forged[i] == 'A' ? 'B' : 'A';
        expect_state_invalid(gosuslugi, forged);
    }
    /* Truncated at every length, and one character too long. */
    for (i = 0; i < r.len; i++) {
        memcpy(forged, r.sealed, i);
        forged[i] = 0;
        expect_state_invalid(gosuslugi, forged);
    }
    strcpy(forged, r.sealed);
    strcat(forged, "A");
    expect_state_invalid(gosuslugi, forged);
    /* Another portal's state, both ways. */
    expect_state_invalid(mosru, r.sealed);
    expect_state_invalid(gosuslugi, m.sealed);
    ra_flow_free(open_row(mosru, &m));
    /* Other keys under the same key id. */
    CHECK_STATUS(ra_keys_new("k1", SECRET2, sizeof SECRET2, &other, &err), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, other, &stranger), RA_OK);
    expect_state_invalid(stranger, r.sealed);
    /* A budget's seal is not a flow's. */
    {
        ra_budget *budget = NULL;
        char sealed[SEALED_CAP];
        size_t len = 0;
        CHECK_STATUS(ra_budget_new(&budget), RA_OK);
        CHECK_STATUS(ra_budget_seal(budget, gosuslugi, "AAAAAAAAAAAAAAAAAAAAAA", sealed,
                                    sizeof sealed, &len, &err),
                     RA_OK);
        expect_state_invalid(gosuslugi, sealed);
        ra_budget_free(budget);
    }
    expect_state_invalid(gosuslugi, "");
    expect_state_invalid(gosuslugi, "not a sealed state");
    /* Rotation: a ring that still holds k1 opens it; a ring without k1 does not. */
    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, &ring, &err), RA_OK);
    CHECK_STATUS(ra_keys_rotate(ring, "k2", SECRET2, sizeof SECRET2, &err), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, ring, &rotated), RA_OK);
    ra_flow_free(open_row(rotated, &r));
    ra_config_free(stranger);
    ra_keys_free(other);
    CHECK_STATUS(ra_keys_new("k2", SECRET2, sizeof SECRET2, &other, &err), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, other, &stranger), RA_OK);
    expect_state_invalid(stranger, r.sealed);

    ra_config_free(rotated);
    ra_config_free(stranger);
    ra_config_free(gosuslugi);
    ra_config_free(mosru);
    ra_keys_free(ring);
    ra_keys_free(other);
    ra_account_free(account);
}

/* Known and unknown accounts leave sealed states of one length at every step, the code step
 * included, on both portals; and a СНИЛС login names two budgets whether or not its account
 * exists. */
static void test_sealed_lengths(const ra_keys *keys) {
    ra_config *gosuslugi = NULL, *mosru = NULL;
    ra_account *account = the_account();
    size_t lengths[2][6];
    int known;

    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &gosuslugi), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_MOSRU, keys, &mosru), RA_OK);
    for (known = 0; known < 2; known++) {
        const ra_account *found = known ? account : NULL;
        host h = host_of(gosuslugi);
        ra_step *step;
        row r;
        step = start(gosuslugi, &r);
        lengths[known][0] = r.len;
        step = feed(&h, &r, input_of(RA_INPUT_CONTACT, "112 233 445 95"), T0, step);
        lengths[known][1] = r.len;
        step = feed(&h, &r, input_of(RA_INPUT_DOCUMENT, "4508 123456"), T0, step);
        lengths[known][2] = r.len;
        step = feed(&h, &r, account_input(found), T0, step);
        lengths[known][3] = r.len;
        {
            ra_flow *flow = open_row(gosuslugi, &r);
            ra_input passed = input_of(RA_INPUT_HUMAN_CHECK_PASSED, NULL);
            size_t n = 0;
            CHECK_STATUS(ra_flow_budget_key_count(flow, &passed, &n, NULL), RA_OK);
            CHECK(n == 2);
            ra_flow_free(flow);
        }
        step = feed(&h, &r, input_of(RA_INPUT_HUMAN_CHECK_PASSED, NULL), T0, step);
        CHECK(prompt_of(step).kind == RA_PROMPT_CODE_SENT);
        CHECK(count_actions(step, RA_ACTION_SEND_SMS_CODE) == (size_t)known);
        lengths[known][4] = r.len;
        ra_step_free(step);

        h = host_of(mosru);
        ra_step_free(start(mosru, &r));
        step = to_code_mosru(&h, &r, "ivan.petrov@mail.ru", found);
        CHECK(prompt_of(step).kind == RA_PROMPT_CODE_SENT);
        CHECK(count_actions(step, RA_ACTION_SEND_EMAIL_LINK) == (size_t)known);
        lengths[known][5] = r.len;
        ra_step_free(step);
    }
    CHECK(memcmp(lengths[0], lengths[1], sizeof lengths[0]) == 0);
    CHECK(lengths[0][0] == lengths[0][4] && lengths[0][0] == lengths[0][5]);
    CHECK(lengths[0][0] > 0 && lengths[0][0] < SEALED_CAP);
    ra_config_free(gosuslugi);
    ra_config_free(mosru);
    ra_account_free(account);
}

/* Budgets: sealed to their key, one length spent or fresh, shared by every flow and every
 * spelling of one phone (sends and the lockout), required by the flow. */
static void test_budgets(const ra_config *config) {
    ra_account *account = the_account();
    ra_budget *budget = NULL, *copy = NULL;
    ra_budgets *set = NULL;
    ra_error err = {NULL, 0};
    char key_a[KEY_CAP], key_b[KEY_CAP], sealed[SEALED_CAP], forged[SEALED_CAP];
    char fresh[SEALED_CAP], code[16];
    size_t len = 0, fresh_len = 0, i;
    uint64_t idle = 0;
    ra_step *step;
    host h = host_of(config);
    row r;

    /* Two identities, two keys. */
    {
        ra_input a = input_of(RA_INPUT_CONTACT, "8 (916) 123-45-67");
        ra_input b = input_of(RA_INPUT_CONTACT, "8 (916) 123-45-68");
        ra_flow *flow;
        step = start(config, &r);
        ra_step_free(step);
        flow = open_row(config, &r);
        CHECK_STATUS(ra_flow_budget_key_count(flow, &a, &len, &err), RA_OK);
        CHECK(len == 0); /* typing the contact spends nothing */
        ra_flow_free(flow);
        step = to_code(&h, &r, "8 (916) 123-45-67", account);
        ra_step_free(step);
        flow = open_row(config, &r);
        a = input_of(RA_INPUT_RESEND, NULL);
        CHECK_STATUS(ra_flow_budget_key(flow, &a, 0, key_a, sizeof key_a, &len, &err), RA_OK);
        CHECK(len == 22 && strstr(key_a, "916") == NULL);
        CHECK(store_get(&h, key_a) != NULL);
        ra_flow_free(flow);
        {
            host other = host_of(config);
            row s;
            ra_step_free(start(config, &s));
            ra_step_free(to_code(&other, &s, b.text, NULL));
            flow = open_row(config, &s);
            CHECK_STATUS(ra_flow_budget_key(flow, &a, 0, key_b, sizeof key_b, &len, &err),
                         RA_OK);
            ra_flow_free(flow);
        }
        CHECK(strcmp(key_a, key_b) != 0);
    }

    /* A budget sealed under one key opens under it, and under no other. */
    CHECK_STATUS(ra_budget_open(config, key_a, store_get(&h, key_a), &budget, &err), RA_OK);
    CHECK_STATUS(ra_budget_idle_at(budget, &idle), RA_OK);
    CHECK(idle > T0);
    CHECK_STATUS(ra_budget_seal(budget, config, key_a, sealed, sizeof sealed, &len, &err), RA_OK);
    CHECK(len == strlen(sealed) && strcmp(sealed, store_get(&h, key_a)) != 0);
    CHECK_STATUS(ra_budget_open(config, key_a, sealed, &copy, &err), RA_OK);
    ra_budget_free(copy);
    copy = NULL;
    CHECK_STATUS(ra_budget_open(config, key_b, sealed, &copy, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid") && copy == NULL);
    for (i = 0; i < len; i += 7) {
        strcpy(forged, sealed);
        forged[i] = forged[i] == 'A' ? 'B' : 'A';
        CHECK_STATUS(ra_budget_open(config, key_a, forged, &copy, &err), RA_FLOW_ERROR);
    }
    sealed[len / 2] = 0;
    CHECK_STATUS(ra_budget_open(config, key_a, sealed, &copy, &err), RA_FLOW_ERROR);
    CHECK(copy == NULL);
    /* A spent budget and a fresh one seal to one length. */
    {
        ra_budget *empty = NULL;
        CHECK_STATUS(ra_budget_new(&empty), RA_OK);
        CHECK_STATUS(ra_budget_idle_at(empty, &idle), RA_OK);
        CHECK(idle == 0);
        CHECK_STATUS(ra_budget_seal(empty, config, key_a, fresh, sizeof fresh, &fresh_len, &err),
                     RA_OK);
        CHECK(fresh_len == strlen(store_get(&h, key_a)));
        ra_budget_free(empty);
    }
    /* A key that is not a budget key opens nothing and seals nothing: the core's
     * `flow.state_invalid`, so RA_FLOW_ERROR. */
    err.code = NULL;
    CHECK_STATUS(ra_budget_open(config, "short", fresh, &copy, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid") && copy == NULL);
    CHECK_STATUS(ra_budget_open(config, "AAAAAAAAAAAAAAAAAAAAA!", fresh, &copy, &err),
                 RA_FLOW_ERROR);
    err.code = NULL;
    CHECK_STATUS(ra_budget_seal(budget, config, "", fresh, sizeof fresh, &len, &err),
                 RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid"));

    /* The set: copies in, copies out, replaced by key; a missing key is misuse. */
    CHECK_STATUS(ra_budgets_new(&set), RA_OK);
    CHECK_STATUS(ra_budgets_get(set, key_a, &copy), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_budgets_insert(set, key_a, budget), RA_OK);
    ra_budget_free(budget);
    budget = NULL;
    CHECK_STATUS(ra_budgets_get(set, key_a, &copy), RA_OK);
    CHECK_STATUS(ra_budget_idle_at(copy, &idle), RA_OK);
    CHECK(idle > T0);
    ra_budget_free(copy);
    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_budgets_insert(set, key_a, budget), RA_OK);
    CHECK_STATUS(ra_budgets_get(set, key_a, &copy), RA_OK);
    CHECK_STATUS(ra_budget_idle_at(copy, &idle), RA_OK);
    CHECK(idle == 0);
    ra_budget_free(copy);
    CHECK_STATUS(ra_budgets_get(set, key_b, &copy), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_budgets_insert(set, "bad key", budget), RA_FLOW_ERROR);
    CHECK_STATUS(ra_budgets_get(set, "bad key", &copy), RA_FLOW_ERROR);
    ra_budget_free(budget);
    ra_budgets_free(set);

    /* The flow refuses to run without the budgets it spends, and changes nothing. */
    {
        ra_flow *flow = open_row(config, &r);
        ra_input resend = input_of(RA_INPUT_RESEND, NULL);
        CHECK_STATUS(ra_budgets_new(&set), RA_OK);
        CHECK_STATUS(ra_flow_handle(flow, &resend, T0 + 120, set, &(ra_step *){NULL}, &err),
                     RA_FLOW_ERROR);
        CHECK(streq(err.code, "flow.budget_missing"));
        CHECK_STATUS(ra_flow_prompt(flow, &step), RA_OK);
        CHECK(prompt_of(step).kind == RA_PROMPT_CODE_SENT && prompt_of(step).resend_at == T0 + 60);
        ra_step_free(step);
        ra_flow_free(flow);
        ra_budgets_free(set);
    }

    /* Another flow for the same phone, spelled otherwise, within the minute: the send budget
     * is the same one, so the code is refused with the time to wait. */
    {
        row s;
        ra_error e;
        ra_step_free(start(config, &s));
        step = feed(&h, &s, input_of(RA_INPUT_CONTACT, "+7 916 123 45 67"), T0, NULL);
        step = feed(&h, &s, input_of(RA_INPUT_DOCUMENT, "4508 123456"), T0, step);
        step = feed(&h, &s, account_input(account), T0, step);
        ra_step_free(step);
        e = refused(&h, &s, input_of(RA_INPUT_HUMAN_CHECK_PASSED, NULL), T0 + 1,
                    "flow.send_limited");
        CHECK(e.retry_after_secs > 0 && e.retry_after_secs <= 60);
    }

    /* Five wrong codes lock the flow and the budget: a new flow for the phone is locked too. */
    {
        host lock = host_of(config);
        row s;
        ra_error e;
        ra_step_free(start(config, &s));
        step = to_code(&lock, &s, "8 (916) 123-45-67", account);
        secret_of(step, RA_ACTION_SEND_SMS_CODE, code, sizeof code);
        code[0] = code[0] == '9' ? '0' : (char)(code[0] + 1);
        for (i = 0; i < 5; i++) {
            step = feed(&lock, &s, input_of(RA_INPUT_CODE, code), T0 + 10 + i, step);
        }
        CHECK(prompt_of(step).kind == RA_PROMPT_LOCKED && prompt_of(step).is_final);
        CHECK(prompt_of(step).retry_at > T0);
        ra_step_free(step);
        ra_step_free(start(config, &s));
        step = feed(&lock, &s, input_of(RA_INPUT_CONTACT, "89161234567"), T0 + 100, NULL);
        step = feed(&lock, &s, input_of(RA_INPUT_DOCUMENT, "4508 123456"), T0 + 100, step);
        step = feed(&lock, &s, account_input(account), T0 + 100, step);
        ra_step_free(step);
        e = refused(&lock, &s, input_of(RA_INPUT_HUMAN_CHECK_PASSED, NULL), T0 + 100,
                    "flow.locked");
        CHECK(e.retry_after_secs > 0 && e.retry_after_secs <= 3600);
    }
    ra_account_free(account);
}

/* An unknown account sees the same prompts; "no access" leads to the service centre. */
static void test_unknown_and_escalation(const ra_config *config) {
    host h = host_of(config);
    row r;
    ra_step *step = NULL;
    ra_prompt_info info;
    ra_route_info route;
    char code[16];

    ra_step_free(start(config, &r));
    step = to_code(&h, &r, "8 (916) 123-45-67", NULL);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_CODE_SENT && info.channel == RA_CHANNEL_SMS);
    secret_of(step, RA_ACTION_SEND_SMS_CODE, code, sizeof code);
    CHECK(code[0] == 0);
    /* A guessed code of the decoy is as wrong as any other, and hands out no proof. */
    step = feed(&h, &r, input_of(RA_INPUT_CODE, "123456"), T0 + 1, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_CODE_SENT);
    CHECK(count_actions(step, RA_ACTION_HOLD_PROOF) == 0);
    step = feed(&h, &r, input_of(RA_INPUT_NO_ACCESS_TO_CONTACTS, NULL), T0, step);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_ESCALATION && info.is_final);
    CHECK(info.escalation == RA_ESCALATION_NO_ACCESS && info.route_count == 1);
    CHECK_STATUS(ra_step_route(step, 0, &route), RA_OK);
    CHECK(route.kind == RA_ROUTE_SERVICE_CENTRE && route.phone == NULL);
    CHECK(route.bring == (RA_BRING_PASSPORT | RA_BRING_SNILS));
    CHECK_STATUS(ra_step_route(step, 1, &route), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_step_violation(step, 0, &(const char *){NULL}), RA_INVALID_ARGUMENT);
    ra_step_free(step);
}

/* mos.ru: login and surname on one form; its escalation routes include the phone line. */
static void test_mosru(const ra_keys *keys) {
    ra_config *config = NULL;
    ra_flow *flow = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    ra_route_info route;
    ra_input login = input_of(RA_INPUT_LOGIN_AND_SURNAME, "ivan.petrov@mail.ru");
    host h;
    row r;
    login.surname = "Петров";

    CHECK_STATUS(ra_config_new(RA_PORTAL_MOSRU, keys, &config), RA_OK);
    h = host_of(config);
    step = start(config, &r);
    CHECK(prompt_of(step).kind == RA_PROMPT_ENTER_LOGIN_AND_SURNAME);
    step = feed(&h, &r, login, T0, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_AWAITING_HOST);
    CHECK(streq(find_action(step, RA_ACTION_LOOK_UP_ACCOUNT).email, "ivan.petrov@mail.ru"));
    login.surname = NULL;
    flow = open_row(config, &r);
    {
        ra_budgets *set = NULL;
        CHECK_STATUS(ra_budgets_new(&set), RA_OK);
        CHECK_STATUS(ra_flow_handle(flow, &login, T0, set, &(ra_step *){NULL}, &err),
                     RA_NULL_POINTER);
        ra_budgets_free(set);
    }
    ra_flow_free(flow);
    /* A flow keeps what it needs of the configuration it was opened with. */
    {
        ra_config *gone = NULL;
        ra_step *next = NULL;
        CHECK_STATUS(ra_config_new(RA_PORTAL_MOSRU, keys, &gone), RA_OK);
        flow = open_row(gone, &r);
        ra_config_free(gone);
        CHECK_STATUS(handle(&h, flow, input_of(RA_INPUT_ACCOUNT, NULL), T0, &next, &err), RA_OK);
        seal_into(flow, &r);
        ra_flow_free(flow);
        ra_step_free(step);
        step = next;
    }
    CHECK(prompt_of(step).kind == RA_PROMPT_CODE_SENT);
    CHECK(prompt_of(step).channel == RA_CHANNEL_EMAIL);
    step = feed(&h, &r, input_of(RA_INPUT_NOTHING_ARRIVED, NULL), T0 + 2 * 3600, step);
    CHECK(prompt_of(step).escalation == RA_ESCALATION_NOTHING_ARRIVED);
    CHECK(prompt_of(step).route_count == 3);
    CHECK_STATUS(ra_step_route(step, 1, &route), RA_OK);
    CHECK(route.kind == RA_ROUTE_PHONE_LINE && streq(route.phone, "+74955395555"));
    CHECK_STATUS(ra_step_route(step, 0, &route), RA_OK);
    CHECK(route.kind == RA_ROUTE_SUPPORT_FORM);
    ra_step_free(step);
    ra_config_free(config);
}

/* Account ids the flow cannot hold: empty, or longer than RA_MAX_ACCOUNT_ID_LEN bytes. */
static void test_account_ids(const ra_config *config) {
    char id[RA_MAX_ACCOUNT_ID_LEN + 2];
    const size_t lengths[] = {0, RA_MAX_ACCOUNT_ID_LEN + 1, RA_MAX_ACCOUNT_ID_LEN};
    size_t i;
    for (i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        host h = host_of(config);
        ra_account *account = NULL;
        ra_error err = {NULL, 0};
        ra_step *step;
        row r;
        memset(id, 'a', lengths[i]);
        id[lengths[i]] = 0;
        CHECK_STATUS(ra_account_new(id, &account), RA_OK);
        CHECK_STATUS(ra_account_set_phone(account, "+79161234567", &err), RA_OK);
        CHECK_STATUS(ra_account_add_document(account, "45 08 123456", &err), RA_OK);
        ra_step_free(start(config, &r));
        step = feed(&h, &r, input_of(RA_INPUT_CONTACT, "+79161234567"), T0, NULL);
        step = feed(&h, &r, input_of(RA_INPUT_DOCUMENT, "4508 123456"), T0, step);
        if (lengths[i] == RA_MAX_ACCOUNT_ID_LEN) {
            step = feed(&h, &r, account_input(account), T0, step);
            CHECK(prompt_of(step).kind == RA_PROMPT_HUMAN_CHECK);
        } else {
            refused(&h, &r, account_input(account), T0, "flow.account_id");
        }
        ra_step_free(step);
        ra_account_free(account);
    }
}

/* «СНИЛС уже зарегистрирован» at sign-up: Госуслуги asks for a document with that СНИЛС as
 * the login; mos.ru starts as usual. */
static void test_signup_conflict(const ra_config *config, const ra_keys *keys) {
    ra_config *mosru = NULL;
    ra_flow *flow = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    host h = host_of(config);
    row r;

    CHECK_STATUS(ra_flow_after_signup_conflict(config, "112 233 445 95", T0, &flow, &step, &err),
                 RA_OK);
    CHECK(prompt_of(step).kind == RA_PROMPT_ENTER_DOCUMENT);
    CHECK(count_actions(step, RA_ACTION_LOOK_UP_ACCOUNT) == 0);
    seal_into(flow, &r);
    ra_flow_free(flow);
    step = feed(&h, &r, input_of(RA_INPUT_DOCUMENT, "4508 123456"), T0, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_AWAITING_HOST);
    CHECK(streq(find_action(step, RA_ACTION_LOOK_UP_ACCOUNT).snils, "112-233-445 95"));
    ra_step_free(step);

    CHECK_STATUS(ra_config_new(RA_PORTAL_MOSRU, keys, &mosru), RA_OK);
    flow = NULL;
    step = NULL;
    CHECK_STATUS(ra_flow_after_signup_conflict(mosru, "112 233 445 95", T0, &flow, &step, &err),
                 RA_OK);
    CHECK(prompt_of(step).kind == RA_PROMPT_ENTER_LOGIN_AND_SURNAME);
    ra_step_free(step);
    ra_flow_free(flow);
    ra_config_free(mosru);

    flow = NULL;
    step = NULL;
    CHECK_STATUS(ra_flow_after_signup_conflict(config, "112-233-445 96", T0, &flow, &step, &err),
                 RA_ID_ERROR);
    CHECK(streq(err.code, "snils.checksum") && flow == NULL && step == NULL);
    CHECK_STATUS(ra_flow_after_signup_conflict(NULL, "112 233 445 95", T0, &flow, &step, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_after_signup_conflict(config, NULL, T0, &flow, &step, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_after_signup_conflict(config, BAD_UTF8, T0, &flow, &step, &err),
                 RA_INVALID_UTF8);
    CHECK_STATUS(ra_flow_after_signup_conflict(config, "112 233 445 95", T0, NULL, &step, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_after_signup_conflict(config, "112 233 445 95", T0, &flow, NULL, &err),
                 RA_NULL_POINTER);
    CHECK(flow == NULL && step == NULL);
}

/* NULL for every pointer parameter of the flow functions; small buffers; bad enumerations;
 * over-long sealed input. */
static void test_misuse(const ra_config *config, const ra_keys *keys) {
    ra_config *other = NULL;
    ra_flow *flow = NULL;
    ra_budget *budget = NULL;
    ra_budgets *set = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    ra_input input = input_of(RA_INPUT_CONTACT, "8 916 123 45 67");
    const char *key = "AAAAAAAAAAAAAAAAAAAAAA";
    char buf[SEALED_CAP];
    size_t len = 0, count = 0;
    uint64_t idle = 0;
    ra_prompt_info info;
    ra_action_info action;

    CHECK_STATUS(ra_config_new(7, keys, &other), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, NULL, &other), RA_NULL_POINTER);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_new(NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_budgets_new(NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_budgets_new(&set), RA_OK);
    CHECK_STATUS(ra_flow_new(NULL, T0, &flow, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_new(config, T0, NULL, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_new(config, T0, &flow, NULL, &err), RA_NULL_POINTER);
    CHECK(flow == NULL && step == NULL);
    CHECK_STATUS(ra_flow_new(config, T0, &flow, &step, NULL), RA_OK);

    CHECK_STATUS(ra_flow_handle(NULL, &input, T0, set, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_handle(flow, NULL, T0, set, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, NULL, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, set, NULL, &err), RA_NULL_POINTER);
    input.text = NULL;
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, set, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key_count(flow, &input, &count, &err), RA_NULL_POINTER);
    input.text = BAD_UTF8;
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, set, &step, &err), RA_INVALID_UTF8);
    {
        ra_input password = new_password("Sharik1599+", BAD_UTF8);
        CHECK_STATUS(ra_flow_handle(flow, &password, T0, set, &step, &err), RA_INVALID_UTF8);
    }
    /* A flow that has lived too long refuses input. */
    input.text = "8 916 123 45 67";
    CHECK_STATUS(ra_flow_handle(flow, &input, T0 + 2 * 86400, set, &(ra_step *){NULL}, &err),
                 RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.expired"));

    CHECK_STATUS(ra_flow_budget_key_count(NULL, &input, &count, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key_count(flow, NULL, &count, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key_count(flow, &input, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key_count(flow, &input, &count, NULL), RA_OK);
    CHECK(count == 0);
    CHECK_STATUS(ra_flow_budget_key(NULL, &input, 0, buf, sizeof buf, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key(flow, NULL, 0, buf, sizeof buf, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key(flow, &input, 0, NULL, sizeof buf, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key(flow, &input, 0, buf, sizeof buf, NULL, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key(flow, &input, 0, buf, sizeof buf, &len, &err),
                 RA_INVALID_ARGUMENT); /* no budget for typing the contact */

    CHECK_STATUS(ra_step_prompt(NULL, &info), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_prompt(step, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_prompt_json(NULL, buf, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_prompt_json(step, NULL, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_prompt_json(step, buf, sizeof buf, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_violation(NULL, 0, &(const char *){NULL}), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_violation(step, 0, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_route(NULL, 0, &(ra_route_info){0}), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_action_count(NULL, &count), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_action_count(step, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_action(NULL, 0, &action), RA_NULL_POINTER);
    CHECK_STATUS(ra_step_action(step, 0, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_prompt(NULL, &step), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_prompt(flow, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_id(NULL, buf, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_id(flow, NULL, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_id(flow, buf, sizeof buf, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_id(flow, buf, sizeof buf, &len), RA_OK);
    CHECK(len >= 20 && len == strlen(buf));
    CHECK_STATUS(ra_flow_id(flow, buf, 2, &len), RA_BUFFER_TOO_SMALL);
    CHECK_STATUS(ra_flow_to_json(NULL, buf, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_to_json(flow, buf, sizeof buf, NULL), RA_NULL_POINTER);

    /* Seal: the length alone with NULL and 0, too small a buffer, NULL pointers. */
    CHECK_STATUS(ra_flow_seal(NULL, buf, sizeof buf, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_seal(flow, NULL, sizeof buf, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_seal(flow, buf, sizeof buf, NULL, &err), RA_NULL_POINTER);
    len = 0;
    CHECK_STATUS(ra_flow_seal(flow, NULL, 0, &len, &err), RA_BUFFER_TOO_SMALL);
    CHECK(len > 0 && len < sizeof buf);
    {
        size_t needed = len;
        memset(buf, 'x', sizeof buf);
        CHECK_STATUS(ra_flow_seal(flow, buf, needed, &len, &err), RA_BUFFER_TOO_SMALL);
        CHECK(len == needed && buf[0] == 'x');
        CHECK_STATUS(ra_flow_seal(flow, buf, needed + 1, &len, NULL), RA_OK);
        CHECK(len == needed && strlen(buf) == needed);
    }
    /* Open: NULL pointers, bad UTF-8, over-long input. */
    CHECK_STATUS(ra_flow_open(NULL, buf, &(ra_flow *){NULL}, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_open(config, NULL, &(ra_flow *){NULL}, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_open(config, buf, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_open(config, BAD_UTF8, &(ra_flow *){NULL}, &err), RA_INVALID_UTF8);
    {
        char *big = malloc(RA_MAX_INPUT_LEN + 2);
        CHECK(big != NULL);
        memset(big, 'A', RA_MAX_INPUT_LEN + 1);
        big[RA_MAX_INPUT_LEN + 1] = 0;
        CHECK_STATUS(ra_flow_open(config, big, &(ra_flow *){NULL}, &err), RA_INPUT_TOO_LONG);
        CHECK_STATUS(ra_budget_open(config, key, big, &(ra_budget *){NULL}, &err),
                     RA_INPUT_TOO_LONG);
        free(big);
    }
    {
        ra_flow *opened = NULL;
        CHECK_STATUS(ra_flow_open(config, buf, &opened, NULL), RA_OK);
        ra_flow_free(opened);
    }

    /* Budgets. */
    CHECK_STATUS(ra_budget_seal(NULL, config, key, buf, sizeof buf, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_seal(budget, NULL, key, buf, sizeof buf, &len, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_seal(budget, config, NULL, buf, sizeof buf, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_seal(budget, config, key, NULL, sizeof buf, &len, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_seal(budget, config, key, buf, sizeof buf, NULL, &err),
                 RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_seal(budget, config, key, buf, 4, &len, &err), RA_BUFFER_TOO_SMALL);
    CHECK(len > 4);
    CHECK_STATUS(ra_budget_seal(budget, config, key, buf, sizeof buf, &len, NULL), RA_OK);
    CHECK_STATUS(ra_budget_open(NULL, key, buf, &(ra_budget *){NULL}, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_open(config, NULL, buf, &(ra_budget *){NULL}, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_open(config, key, NULL, &(ra_budget *){NULL}, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_open(config, key, buf, NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_open(config, key, BAD_UTF8, &(ra_budget *){NULL}, &err),
                 RA_INVALID_UTF8);
    CHECK_STATUS(ra_budget_open(config, BAD_UTF8, buf, &(ra_budget *){NULL}, &err),
                 RA_INVALID_UTF8);
    CHECK_STATUS(ra_budget_open(config, key, "{}", &(ra_budget *){NULL}, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid"));
    CHECK_STATUS(ra_budget_idle_at(NULL, &idle), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_idle_at(budget, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_to_json(NULL, buf, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_to_json(budget, NULL, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_to_json(budget, buf, 1, &len), RA_BUFFER_TOO_SMALL);
    CHECK_STATUS(ra_budget_to_json(budget, buf, sizeof buf, &len), RA_OK);
    CHECK(len == strlen(buf));
    CHECK_STATUS(ra_budgets_insert(NULL, key, budget), RA_NULL_POINTER);
    CHECK_STATUS(ra_budgets_insert(set, NULL, budget), RA_NULL_POINTER);
    CHECK_STATUS(ra_budgets_insert(set, key, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_budgets_insert(set, BAD_UTF8, budget), RA_INVALID_UTF8);
    CHECK_STATUS(ra_budgets_insert(set, key, budget), RA_OK);
    CHECK_STATUS(ra_budgets_get(NULL, key, &(ra_budget *){NULL}), RA_NULL_POINTER);
    CHECK_STATUS(ra_budgets_get(set, NULL, &(ra_budget *){NULL}), RA_NULL_POINTER);
    CHECK_STATUS(ra_budgets_get(set, key, NULL), RA_NULL_POINTER);

    ra_step_free(step);
    ra_flow_free(flow);
    ra_budget_free(budget);
    ra_budgets_free(set);
    ra_flow_free(NULL);
    ra_budget_free(NULL);
    ra_budgets_free(NULL);
    ra_step_free(NULL);
    ra_config_free(NULL);
    ra_account_free(NULL);
}

int run_flow_tests(void) {
    ra_keys *keys = NULL;
    ra_config *config = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_keys_new("k1", SECRET, sizeof SECRET, &keys, &err), RA_OK);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &config), RA_OK);
    test_recovery(config);
    test_mail_scanner(keys);
    test_forged_states(keys);
    test_sealed_lengths(keys);
    test_budgets(config);
    test_unknown_and_escalation(config);
    test_mosru(keys);
    test_account_ids(config);
    test_signup_conflict(config, keys);
    test_misuse(config, keys);
    ra_config_free(config);
    ra_keys_free(keys);
    return 0;
}
