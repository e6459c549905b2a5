/*
 * The Госуслуги recovery flow driven from C, in the terminal.
 *
 * The host's parts are played here: an account directory with one account, an "SMS gateway"
 * and a "mail server" that print what they would send, sessions and an audit log that print
 * what they would do. Input is read line by line, so it can be piped; a line `{sms}` stands
 * for the code the gateway just printed.
 *
 *   cc -std=c11 gosuslugi.c $(pkg-config --cflags --libs restore_access) -o gosuslugi
 *   printf '%s\n' "8 (916) 123-45-67" "45 08 123456" y "{sms}" "Sharik1599+" | ./gosuslugi
 */
#include <restore_access.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

/* A fixed demo key: a real host loads 32+ random bytes from its secret store. */
static const uint8_t DEMO_KEY[] = "demo-key-demo-key-demo-key-demo-key!";

/* The directory's one account, and how a lookup finds it. */
static const char *const ACCOUNT_PHONE = "+79161234567";
static const char *const ACCOUNT_EMAIL = "ivan.petrov@mail.ru";
static const char *const ACCOUNT_SNILS = "112-233-445 95";

static int same(const char *a, const char *b) { return a != NULL && strcmp(a, b) == 0; }

static ra_account *find_account(const ra_action_info *lookup) {
    ra_account *account = NULL;
    if (!same(lookup->phone, ACCOUNT_PHONE) && !same(lookup->email, ACCOUNT_EMAIL) &&
        !same(lookup->snils, ACCOUNT_SNILS)) {
        return NULL;
    }
    if (ra_account_new("account-42", &account) != RA_OK ||
        ra_account_set_phone(account, ACCOUNT_PHONE, NULL) != RA_OK ||
        ra_account_set_email(account, ACCOUNT_EMAIL, NULL) != RA_OK ||
        ra_account_set_surname(account, "Петров", NULL) != RA_OK ||
        ra_account_add_document(account, "45 08 123456", NULL) != RA_OK ||
        ra_account_add_document(account, ACCOUNT_SNILS, NULL) != RA_OK) {
        ra_account_free(account);
        return NULL;
    }
    return account;
}

/* Prints `code`'s message in Russian and English, with a prefix. */
static void say(const char *prefix, const char *code) {
    char ru[512], en[512];
    size_t len;
    if (ra_message(code, RA_LANG_RU, ru, sizeof ru, &len) != RA_OK ||
        ra_message(code, RA_LANG_EN, en, sizeof en, &len) != RA_OK) {
        printf("%s%s\n", prefix, code);
        return;
    }
    printf("%s%s\n%*s%s\n", prefix, ru, (int)strlen(prefix), "", en);
}

static void show(const ra_step *step) {
    ra_prompt_info prompt;
    size_t i;
    if (ra_step_prompt(step, &prompt) != RA_OK || prompt.kind == RA_PROMPT_AWAITING_HOST) {
        return;
    }
    printf("\n");
    say("» ", prompt.code);
    if (prompt.rejected != NULL) {
        printf("  ✗ %s (attempts left: %u)\n", prompt.rejected, (unsigned)prompt.attempts_left);
    }
    for (i = 0; i < prompt.violation_count; i++) {
        const char *rule;
        if (ra_step_violation(step, i, &rule) == RA_OK) {
            say("  ✗ ", rule);
        }
    }
    for (i = 0; i < prompt.route_count; i++) {
        ra_route_info route;
        if (ra_step_route(step, i, &route) != RA_OK) {
            continue;
        }
        if (route.kind == RA_ROUTE_SUPPORT_FORM) {
            printf("  • support form / форма обратной связи\n");
        } else if (route.kind == RA_ROUTE_PHONE_LINE) {
            printf("  • phone / телефон %s\n", route.phone);
        } else if (route.kind == RA_ROUTE_SERVICE_CENTRE) {
            printf("  • service centre «Мои документы», bring / взять с собой:%s%s\n",
                   route.bring & RA_BRING_PASSPORT ? " паспорт / passport" : "",
                   route.bring & RA_BRING_SNILS ? " СНИЛС / SNILS" : "");
        }
    }
}

/* Carries out the step's actions; returns the account a lookup found (or NULL) through
 * `*answer`, and whether there was a lookup. */
static int carry_out(const ra_step *step, char *secret, size_t secret_cap, ra_account **answer) {
    size_t count = 0, i;
    int looked_up = 0;
    if (ra_step_action_count(step, &count) != RA_OK) {
        return 0;
    }
    for (i = 0; i < count; i++) {
        ra_action_info a;
        if (ra_step_action(step, i, &a) != RA_OK) {
            continue;
        }
        switch (a.kind) {
        case RA_ACTION_LOOK_UP_ACCOUNT:
            *answer = find_account(&a);
            looked_up = 1;
            printf("  [directory] lookup → %s\n", *answer ? "found" : "not found");
            break;
        case RA_ACTION_SEND_SMS_CODE:
            printf("  [sms gateway] to %s: код %s\n", a.phone, a.secret);
            snprintf(secret, secret_cap, "%s", a.secret);
            break;
        case RA_ACTION_SEND_EMAIL_LINK:
            printf("  [mail] to %s: https://portal.example/recover?flow=%s&token=%s\n", a.email,
                   a.flow_id, a.secret);
            snprintf(secret, secret_cap, "%s", a.secret);
            break;
        case RA_ACTION_STORE_PASSWORD_HASH:
            printf("  [directory] %s: new hash %.40s…\n", a.account, a.phc);
            break;
        case RA_ACTION_REVOKE_ALL_SESSIONS:
            printf("  [sessions] %s: every session ended\n", a.account);
            break;
        case RA_ACTION_NOTIFY_PASSWORD_CHANGED:
            printf("  [notify] %s: «Ваш пароль изменён»\n", a.account);
            break;
        case RA_ACTION_AUDIT:
            printf("  [audit] %s %s\n", a.audit_event, a.login ? a.login : "-");
            break;
        default:
            break;
        }
    }
    return looked_up;
}

/* Reads one line without its newline; 0 at the end of input. */
static int read_line(const char *label, char *line, size_t cap) {
    printf("  %s> ", label);
    fflush(stdout);
    if (fgets(line, (int)cap, stdin) == NULL) {
        return 0;
    }
    line[strcspn(line, "\r\n")] = 0;
    printf("%s\n", line);
    return 1;
}

/* Turns a line typed at `prompt` into an input. */
static ra_input input_for(const ra_prompt_info *prompt, char *line, const char *secret) {
    ra_input input;
    memset(&input, 0, sizeof input);
    input.text = line;
    if (strcmp(line, "{sms}") == 0) {
        input.text = secret;
    }
    if (strcmp(line, "no access") == 0) {
        input.kind = RA_INPUT_NO_ACCESS_TO_CONTACTS;
    } else if (prompt->kind == RA_PROMPT_ENTER_CONTACT) {
        input.kind = RA_INPUT_CONTACT;
    } else if (prompt->kind == RA_PROMPT_ENTER_DOCUMENT) {
        input.kind = RA_INPUT_DOCUMENT;
    } else if (prompt->kind == RA_PROMPT_HUMAN_CHECK) {
        input.kind = RA_INPUT_HUMAN_CHECK_PASSED;
    } else if (prompt->kind == RA_PROMPT_CODE_SENT && strcmp(line, "resend") == 0) {
        input.kind = RA_INPUT_RESEND;
    } else if (prompt->kind == RA_PROMPT_CODE_SENT && strcmp(line, "nothing") == 0) {
        input.kind = RA_INPUT_NOTHING_ARRIVED;
    } else if (prompt->kind == RA_PROMPT_NEW_PASSWORD) {
        input.kind = RA_INPUT_NEW_PASSWORD;
    } else {
        input.kind = RA_INPUT_CODE;
    }
    return input;
}

int main(void) {
    ra_keys *keys = NULL;
    ra_config *config = NULL;
    ra_flow *flow = NULL;
    ra_budget *budget = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    char line[1024], secret[128] = "";
    int status = 1;

    printf("restore-access C demo: gosuslugi (a fixed demo key)\n"
           "The directory holds one account: +7 (916) 123-45-67, ivan.petrov@mail.ru, Петров,\n"
           "passport 45 08 123456, СНИЛС 112-233-445 95. Anything else is an unknown account.\n");
    if (ra_keys_new("demo", DEMO_KEY, sizeof DEMO_KEY - 1, &keys, &err) != RA_OK ||
        ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &config) != RA_OK ||
        ra_budget_new(&budget) != RA_OK ||
        ra_flow_new(config, (uint64_t)time(NULL), &flow, &step, &err) != RA_OK) {
        fprintf(stderr, "start failed: %s\n", err.code ? err.code : "misuse");
        goto done;
    }

    for (int fresh = 1;; ) {
        ra_prompt_info prompt;
        ra_input input;
        ra_account *answer = NULL;
        ra_step *next = NULL;
        /* A step's actions are carried out once, when it arrives. */
        int looked_up = fresh && carry_out(step, secret, sizeof secret, &answer);
        fresh = 0;
        if (looked_up) {
            memset(&input, 0, sizeof input);
            input.kind = RA_INPUT_ACCOUNT;
            input.account = answer;
        } else {
            show(step);
            if (ra_step_prompt(step, &prompt) != RA_OK) {
                goto done;
            }
            if (prompt.is_final) {
                status = 0;
                break;
            }
            if (!read_line(prompt.kind == RA_PROMPT_HUMAN_CHECK ? "I am not a robot [y]"
                           : prompt.kind == RA_PROMPT_CODE_SENT
                               ? "code, or: resend | nothing | no access"
                               : "",
                           line, sizeof line)) {
                printf("(input ended)\n");
                status = 0;
                break;
            }
            input = input_for(&prompt, line, secret);
        }
        if (ra_flow_handle(flow, &input, (uint64_t)time(NULL), budget, &next, &err) == RA_OK) {
            ra_step_free(step);
            step = next;
            fresh = 1;
        } else {
            say("  ✗ ", err.code);
        }
        ra_account_free(answer);
    }

done:
    ra_step_free(step);
    ra_flow_free(flow);
    ra_budget_free(budget);
    ra_config_free(config);
    ra_keys_free(keys);
    return status;
}
