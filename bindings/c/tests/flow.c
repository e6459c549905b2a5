/* The recovery flow through the C API: a whole Госуслуги recovery, save and load, refusals,
 * escalation, and misuse of every flow function. Part of the `api` test program. */
#include "restore_access.h"
#include "check.h"

#include <string.h>

static const uint8_t SECRET[32] = "0123456789abcdef0123456789abcdef";
static const uint64_t T0 = 1800000000;
static const char BAD_UTF8[] = {(char)0xff, 0};

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

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

/* Feeds `input` and returns the new step (the previous one is freed). */
static ra_step *feed(ra_flow *flow, ra_budget *budget, ra_input input, uint64_t now,
                     ra_step *previous) {
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    ra_status status = ra_flow_handle(flow, &input, now, budget, &step, &err);
    if (status != RA_OK) {
        fprintf(stderr, "input %u refused: %s %s\n", input.kind, ra_status_name(status),
                err.code ? err.code : "");
        exit(1);
    }
    ra_step_free(previous);
    return step;
}

static ra_input input_of(ra_input_kind kind, const char *text) {
    ra_input input;
    memset(&input, 0, sizeof input);
    input.kind = kind;
    input.text = text;
    return input;
}

static ra_account *the_account(void) {
    ra_account *account = NULL;
    ra_error err = {NULL, 0};
    CHECK_STATUS(ra_account_new("account-42", &account), RA_OK);
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
    CHECK_STATUS(ra_account_new(NULL, &account), RA_NULL_POINTER);
    CHECK_STATUS(ra_account_new("x", NULL), RA_NULL_POINTER);
    return account;
}

/* Walks contact → document → lookup → human check and returns the step with the code. */
static ra_step *to_code(ra_flow *flow, ra_budget *budget, const ra_account *account) {
    ra_step *step = feed(flow, budget, input_of(RA_INPUT_CONTACT, "8 (916) 123-45-67"), T0, NULL);
    CHECK(prompt_of(step).kind == RA_PROMPT_ENTER_DOCUMENT);
    step = feed(flow, budget, input_of(RA_INPUT_DOCUMENT, "4508 123456"), T0, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_AWAITING_HOST);
    {
        ra_action_info lookup = find_action(step, RA_ACTION_LOOK_UP_ACCOUNT);
        CHECK(streq(lookup.phone, "+79161234567") && lookup.email == NULL);
        CHECK(streq(lookup.login, "+79161234567") && lookup.snils == NULL);
    }
    {
        ra_input answer = input_of(RA_INPUT_ACCOUNT, NULL);
        answer.account = account;
        step = feed(flow, budget, answer, T0, step);
    }
    CHECK(prompt_of(step).kind == RA_PROMPT_HUMAN_CHECK);
    return feed(flow, budget, input_of(RA_INPUT_HUMAN_CHECK_PASSED, NULL), T0, step);
}

/* The code in the step's SMS action, copied out; empty when none was sent. */
static void sent_code(const ra_step *step, char *out, size_t cap) {
    size_t count = 0, i;
    out[0] = 0;
    CHECK_STATUS(ra_step_action_count(step, &count), RA_OK);
    for (i = 0; i < count; i++) {
        ra_action_info action = action_of(step, i);
        if (action.kind == RA_ACTION_SEND_SMS_CODE) {
            CHECK(streq(action.account, "account-42") && streq(action.phone, "+79161234567"));
            CHECK(strlen(action.secret) < cap);
            strcpy(out, action.secret);
        }
    }
}

static void test_recovery(const ra_config *config) {
    ra_flow *flow = NULL, *loaded = NULL;
    ra_budget *budget = NULL, *budget2 = NULL;
    ra_step *step = NULL;
    ra_account *account = the_account();
    ra_error err = {NULL, 0};
    ra_prompt_info info;
    char code[16], json[4096], budget_key[128];
    size_t len = 0, count = 0, i;
    int stored = 0, revoked = 0;

    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_flow_new(config, T0, &flow, &step, &err), RA_OK);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_ENTER_CONTACT && streq(info.code, "prompt.enter_contact"));
    CHECK(!info.is_final);
    ra_step_free(step);

    /* An input that does not fit the step is refused and changes nothing. */
    {
        ra_input early = input_of(RA_INPUT_CODE, "123456");
        step = NULL;
        CHECK_STATUS(ra_flow_handle(flow, &early, T0, budget, &step, &err), RA_FLOW_ERROR);
        CHECK(streq(err.code, "flow.unexpected_input") && step == NULL);
        early = input_of(RA_INPUT_CONTACT, "not a contact");
        CHECK_STATUS(ra_flow_handle(flow, &early, T0, budget, &step, &err), RA_FLOW_ERROR);
        CHECK(streq(err.code, "login.format"));
        early = input_of(99, "x");
        CHECK_STATUS(ra_flow_handle(flow, &early, T0, budget, &step, &err), RA_INVALID_ARGUMENT);
    }

    step = to_code(flow, budget, account);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_CODE_SENT && info.channel == RA_CHANNEL_SMS);
    CHECK(info.digits == 6 && info.attempts_left == 5 && info.rejected == NULL);
    CHECK(info.resend_at > T0);
    sent_code(step, code, sizeof code);
    CHECK(strlen(code) == 6);
    {
        char prompt_json[512];
        CHECK_STATUS(ra_step_prompt_json(step, prompt_json, sizeof prompt_json, &len), RA_OK);
        CHECK(strstr(prompt_json, "\"prompt\":\"code_sent\"") != NULL);
        CHECK(strstr(prompt_json, code) == NULL);
        CHECK_STATUS(ra_step_prompt_json(step, prompt_json, 3, &len), RA_BUFFER_TOO_SMALL);
    }

    /* Resending at once is too soon, with the time to wait. */
    {
        ra_input resend = input_of(RA_INPUT_RESEND, NULL);
        ra_step *none = NULL;
        CHECK_STATUS(ra_flow_handle(flow, &resend, T0 + 1, budget, &none, &err), RA_FLOW_ERROR);
        CHECK(streq(err.code, "flow.resend_too_soon") && err.retry_after_secs > 0);
    }

    /* The state and the budget survive a round trip through JSON. */
    CHECK_STATUS(ra_flow_budget_key(flow, budget_key, sizeof budget_key, &len), RA_OK);
    CHECK(len > 0);
    CHECK_STATUS(ra_flow_to_json(flow, json, sizeof json, &len), RA_OK);
    CHECK(strstr(json, code) == NULL && strstr(json, "\"v\":1") != NULL);
    CHECK_STATUS(ra_flow_to_json(flow, json, 8, &len), RA_BUFFER_TOO_SMALL);
    CHECK_STATUS(ra_flow_to_json(flow, json, sizeof json, &len), RA_OK);
    CHECK_STATUS(ra_flow_from_json(config, json, &loaded, &err), RA_OK);
    ra_flow_free(flow);
    flow = loaded;
    CHECK_STATUS(ra_budget_to_json(budget, json, sizeof json, &len), RA_OK);
    CHECK_STATUS(ra_budget_from_json(json, &budget2, &err), RA_OK);
    ra_budget_free(budget);
    budget = budget2;

    /* A wrong code shows in the prompt; then the right one. */
    step = feed(flow, budget, input_of(RA_INPUT_CODE, "000000"), T0 + 5, step);
    info = prompt_of(step);
    if (strcmp(code, "000000") != 0) {
        CHECK(info.kind == RA_PROMPT_CODE_SENT && streq(info.rejected, "code.wrong"));
        CHECK(info.attempts_left == 4);
        step = feed(flow, budget, input_of(RA_INPUT_CODE, code), T0 + 6, step);
    }
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_NEW_PASSWORD && info.violation_count == 0);

    /* A weak password is refused rule by rule; a good one finishes. */
    {
        ra_personal me;
        const char *rule = NULL;
        ra_input weak = input_of(RA_INPUT_NEW_PASSWORD, "Petrov2024");
        memset(&me, 0, sizeof me);
        me.surname = "Петров";
        weak.personal = &me;
        step = feed(flow, budget, weak, T0 + 7, step);
        info = prompt_of(step);
        CHECK(info.kind == RA_PROMPT_NEW_PASSWORD && info.violation_count >= 2);
        for (i = 0; i < info.violation_count; i++) {
            CHECK_STATUS(ra_step_violation(step, i, &rule), RA_OK);
            CHECK(strncmp(rule, "password.", 9) == 0);
        }
        CHECK_STATUS(ra_step_violation(step, info.violation_count, &rule), RA_INVALID_ARGUMENT);
        CHECK_STATUS(ra_step_route(step, 0, NULL), RA_NULL_POINTER);
    }
    step = feed(flow, budget, input_of(RA_INPUT_NEW_PASSWORD, "Sharik1599+"), T0 + 8, step);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_DONE && info.is_final);
    CHECK_STATUS(ra_step_action_count(step, &count), RA_OK);
    for (i = 0; i < count; i++) {
        ra_action_info action = action_of(step, i);
        if (action.kind == RA_ACTION_STORE_PASSWORD_HASH) {
            stored = strncmp(action.phc, "$argon2id$", 10) == 0 && streq(action.account, "account-42");
        } else if (action.kind == RA_ACTION_REVOKE_ALL_SESSIONS) {
            revoked = 1;
        } else if (action.kind == RA_ACTION_AUDIT) {
            CHECK(strncmp(action.audit_event, "recovery.", 9) == 0 && action.flow_id != NULL);
        }
    }
    CHECK(stored && revoked);
    CHECK_STATUS(ra_step_action(step, count, &(ra_action_info){0}), RA_INVALID_ARGUMENT);
    ra_step_free(step);

    /* The current prompt can be read again at any time. */
    CHECK_STATUS(ra_flow_prompt(flow, &step), RA_OK);
    CHECK(prompt_of(step).kind == RA_PROMPT_DONE);
    CHECK_STATUS(ra_step_action_count(step, &count), RA_OK);
    CHECK(count == 0);
    ra_step_free(step);

    ra_flow_free(flow);
    ra_budget_free(budget);
    ra_account_free(account);
}

/* An unknown account sees the same prompts; "no access" leads to the service centre. */
static void test_unknown_and_escalation(const ra_config *config) {
    ra_flow *flow = NULL;
    ra_budget *budget = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    ra_prompt_info info;
    ra_route_info route;
    char code[16];

    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_flow_new(config, T0, &flow, &step, &err), RA_OK);
    ra_step_free(step);
    step = to_code(flow, budget, NULL);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_CODE_SENT && info.channel == RA_CHANNEL_SMS);
    sent_code(step, code, sizeof code);
    CHECK(code[0] == 0);
    step = feed(flow, budget, input_of(RA_INPUT_NO_ACCESS_TO_CONTACTS, NULL), T0, step);
    info = prompt_of(step);
    CHECK(info.kind == RA_PROMPT_ESCALATION && info.is_final);
    CHECK(info.escalation == RA_ESCALATION_NO_ACCESS && info.route_count == 1);
    CHECK_STATUS(ra_step_route(step, 0, &route), RA_OK);
    CHECK(route.kind == RA_ROUTE_SERVICE_CENTRE && route.phone == NULL);
    CHECK(route.bring == (RA_BRING_PASSPORT | RA_BRING_SNILS));
    CHECK_STATUS(ra_step_route(step, 1, &route), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_step_violation(step, 0, &(const char *){NULL}), RA_INVALID_ARGUMENT);
    ra_step_free(step);
    ra_flow_free(flow);
    ra_budget_free(budget);
}

/* mos.ru: login and surname on one form; its escalation routes include the phone line. */
static void test_mosru(const ra_keys *keys) {
    ra_config *config = NULL;
    ra_flow *flow = NULL;
    ra_budget *budget = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    ra_route_info route;
    ra_input login = input_of(RA_INPUT_LOGIN_AND_SURNAME, "ivan.petrov@mail.ru");
    login.surname = "Петров";

    CHECK_STATUS(ra_config_new(RA_PORTAL_MOSRU, keys, &config), RA_OK);
    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_flow_new(config, T0, &flow, &step, &err), RA_OK);
    ra_config_free(config); /* flows keep what they need */
    CHECK(prompt_of(step).kind == RA_PROMPT_ENTER_LOGIN_AND_SURNAME);
    step = feed(flow, budget, login, T0, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_AWAITING_HOST);
    CHECK(streq(find_action(step, RA_ACTION_LOOK_UP_ACCOUNT).email, "ivan.petrov@mail.ru"));
    login.surname = NULL;
    CHECK_STATUS(ra_flow_handle(flow, &login, T0, budget, &(ra_step *){NULL}, &err),
                 RA_NULL_POINTER);
    step = feed(flow, budget, input_of(RA_INPUT_ACCOUNT, NULL), T0, step);
    CHECK(prompt_of(step).kind == RA_PROMPT_CODE_SENT);
    CHECK(prompt_of(step).channel == RA_CHANNEL_EMAIL);
    step = feed(flow, budget, input_of(RA_INPUT_NOTHING_ARRIVED, NULL), T0 + 2 * 3600, step);
    CHECK(prompt_of(step).escalation == RA_ESCALATION_NOTHING_ARRIVED);
    CHECK(prompt_of(step).route_count == 3);
    CHECK_STATUS(ra_step_route(step, 1, &route), RA_OK);
    CHECK(route.kind == RA_ROUTE_PHONE_LINE && streq(route.phone, "+74955395555"));
    CHECK_STATUS(ra_step_route(step, 0, &route), RA_OK);
    CHECK(route.kind == RA_ROUTE_SUPPORT_FORM);
    ra_step_free(step);
    ra_flow_free(flow);
    ra_budget_free(budget);
}

/* NULL for every pointer parameter of the flow functions; bad JSON; bad enumerations. */
/* «СНИЛС уже зарегистрирован» at sign-up: recovery starts with that СНИЛС as the login. */
static void test_signup_conflict(const ra_config *config) {
    ra_flow *flow = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};

    CHECK_STATUS(ra_flow_after_signup_conflict(config, "112 233 445 95", T0, &flow, &step, &err),
                 RA_OK);
    CHECK(prompt_of(step).kind == RA_PROMPT_AWAITING_HOST);
    CHECK(streq(find_action(step, RA_ACTION_LOOK_UP_ACCOUNT).snils, "112-233-445 95"));
    ra_step_free(step);
    ra_flow_free(flow);

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

static void test_misuse(const ra_config *config, const ra_keys *keys) {
    ra_config *other = NULL;
    ra_flow *flow = NULL;
    ra_budget *budget = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    ra_input input = input_of(RA_INPUT_CONTACT, "8 916 123 45 67");
    char buf[256];
    size_t len = 0, count = 0;
    ra_prompt_info info;
    ra_action_info action;

    CHECK_STATUS(ra_config_new(7, keys, &other), RA_INVALID_ARGUMENT);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, NULL, &other), RA_NULL_POINTER);
    CHECK_STATUS(ra_config_new(RA_PORTAL_GOSUSLUGI, keys, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_new(NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_new(&budget), RA_OK);
    CHECK_STATUS(ra_flow_new(NULL, T0, &flow, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_new(config, T0, NULL, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_new(config, T0, &flow, NULL, &err), RA_NULL_POINTER);
    CHECK(flow == NULL && step == NULL);
    CHECK_STATUS(ra_flow_new(config, T0, &flow, &step, NULL), RA_OK);

    CHECK_STATUS(ra_flow_handle(NULL, &input, T0, budget, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_handle(flow, NULL, T0, budget, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, NULL, &step, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, budget, NULL, &err), RA_NULL_POINTER);
    input.text = NULL;
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, budget, &step, &err), RA_NULL_POINTER);
    input.text = BAD_UTF8;
    CHECK_STATUS(ra_flow_handle(flow, &input, T0, budget, &step, &err), RA_INVALID_UTF8);
    /* A flow that has lived too long refuses input. */
    input.text = "8 916 123 45 67";
    CHECK_STATUS(ra_flow_handle(flow, &input, T0 + 2 * 86400, budget, &(ra_step *){NULL}, &err),
                 RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.expired"));

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
    CHECK_STATUS(ra_flow_budget_key(NULL, buf, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_budget_key(flow, buf, sizeof buf, &len), RA_OK);
    CHECK(len == 0 && buf[0] == 0); /* no login typed yet */
    CHECK_STATUS(ra_flow_to_json(NULL, buf, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_to_json(flow, buf, sizeof buf, NULL), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_from_json(NULL, "{}", &flow, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_from_json(config, NULL, &flow, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_from_json(config, "{}", NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_flow_from_json(config, "{\"v\":1}", &(ra_flow *){NULL}, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid"));
    CHECK_STATUS(ra_flow_from_json(config, "{\"v\":99}", &(ra_flow *){NULL}, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_version"));
    CHECK_STATUS(ra_flow_from_json(config, BAD_UTF8, &(ra_flow *){NULL}, &err), RA_INVALID_UTF8);
    CHECK_STATUS(ra_budget_to_json(NULL, buf, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_to_json(budget, NULL, sizeof buf, &len), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_to_json(budget, buf, 1, &len), RA_BUFFER_TOO_SMALL);
    CHECK_STATUS(ra_budget_from_json(NULL, &budget, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_from_json("{}", NULL, &err), RA_NULL_POINTER);
    CHECK_STATUS(ra_budget_from_json("[1,2]", &(ra_budget *){NULL}, &err), RA_FLOW_ERROR);
    CHECK(streq(err.code, "flow.state_invalid"));
    {
        /* Stored state has its own, larger limit. */
        size_t big = RA_MAX_JSON_LEN + 1;
        char *json = malloc(big + 1);
        CHECK(json != NULL);
        memset(json, ' ', big);
        json[big] = 0;
        CHECK_STATUS(ra_flow_from_json(config, json, &(ra_flow *){NULL}, &err), RA_INPUT_TOO_LONG);
        free(json);
    }
    ra_step_free(step);
    ra_flow_free(flow);
    ra_budget_free(budget);
    ra_flow_free(NULL);
    ra_budget_free(NULL);
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
    test_unknown_and_escalation(config);
    test_mosru(keys);
    test_signup_conflict(config);
    test_misuse(config, keys);
    ra_config_free(config);
    ra_keys_free(keys);
    return 0;
}
