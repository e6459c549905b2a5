/*
 * The Госуслуги recovery flow driven from C, in the terminal.
 *
 * The host's parts are played here: an account directory with one account (its password
 * hash stored by compare-and-set on a credential version), an "SMS gateway" and a "mail
 * server" that print what they would send, sessions and an audit log that print what they
 * would do. As a stateless web host would, every request opens the flow from its sealed
 * state (kept in the person's cookie), loads the budgets the input spends from the server's
 * own store, and seals everything back; the proof the flow hands out after the right code
 * lives apart, in the session. Input is read line by line, so it can be piped; a line
 * `{sms}` stands for the code the gateway just printed, and what is read is echoed only
 * when the input is not a terminal.
 *
 *   cc -std=c11 gosuslugi.c $(pkg-config --cflags --libs restore_access) -o gosuslugi
 *   printf '%s\n' "8 (916) 123-45-67" "45 08 123456" 5 "{sms}" "Sharik1599+" | ./gosuslugi
 *
 * (examples/c/CMakeLists.txt builds it with CMake's find_package(restore_access).)
 */
/* isatty and fileno are POSIX, not C11. */
#define _POSIX_C_SOURCE 200809L

#include <restore_access.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A fixed demo key: a real host loads 32+ random bytes from its secret store. */
static const uint8_t DEMO_KEY[] = "demo-key-demo-key-demo-key-demo-key!";

/* The directory's one account, and how a lookup finds it. */
static const char *const ACCOUNT_PHONE = "+79161234567";
static const char *const ACCOUNT_EMAIL = "ivan.petrov@mail.ru";
static const char *const ACCOUNT_SNILS = "112-233-445 95";

static int same(const char *a, const char *b) { return a != NULL && strcmp(a, b) == 0; }

/* The demo's human check: a question a person answers at once. A real host puts its CAPTCHA
 * here and sends RA_INPUT_HUMAN_CHECK_PASSED only when it is solved. */
static const char *const HUMAN_QUESTION = "Сколько будет 2 + 3? / What is 2 + 3?";
static const char *const HUMAN_ANSWER = "5";

static const char *const CODE_HELP =
    "  resend     прислать код ещё раз / send a new code\n"
    "  nothing    ничего не пришло / nothing arrived\n"
    "  no access  нет доступа к телефону и почте / I have no access to these contacts\n"
    "  help       эта подсказка / this help\n";

/* Prints a phone in E.164 (+79161234567) masked as the Rust demo does: +7 (916) ***-**-67. */
static void print_masked_phone(const char *phone) {
    if (phone != NULL && strlen(phone) == 12 && strncmp(phone, "+7", 2) == 0) {
        printf("+7 (%.3s) ***-**-%s", phone + 2, phone + 10);
    } else {
        printf("***");
    }
}

/* The directory's credential version of the account: changed with every new password. */
static uint64_t account_version = 7;

/* What the host keeps between requests. The cookie holds the flow's sealed state: the
 * person may read, keep or send it back, and can do nothing with it but replay it. The
 * session holds the proof of this browser only. The server's own store holds the budgets,
 * sealed, by budget key (never in a cookie: an older copy would undo what was spent). */
#define SEALED_CAP 2048
static char cookie[SEALED_CAP];
static char session_proof[128];
/* Set when the compare-and-set of a new hash failed: the step then ends with `flow.stale`. */
static int stale;
static struct {
    char key[32];
    char sealed[256];
} budget_store[8];
static size_t budget_count;

static const char *budget_get(const char *key) {
    size_t i;
    for (i = 0; i < budget_count; i++) {
        if (same(budget_store[i].key, key)) {
            return budget_store[i].sealed;
        }
    }
    return NULL;
}

static int budget_put(const char *key, const char *sealed) {
    size_t i;
    for (i = 0; i < budget_count && !same(budget_store[i].key, key); i++) {
    }
    if (i == sizeof budget_store / sizeof budget_store[0] ||
        strlen(key) >= sizeof budget_store[i].key ||
        strlen(sealed) >= sizeof budget_store[i].sealed) {
        return 0;
    }
    snprintf(budget_store[i].key, sizeof budget_store[i].key, "%s", key);
    snprintf(budget_store[i].sealed, sizeof budget_store[i].sealed, "%s", sealed);
    budget_count += i == budget_count;
    return 1;
}

static ra_account *find_account(const ra_action_info *lookup) {
    ra_account *account = NULL;
    if (!same(lookup->phone, ACCOUNT_PHONE) && !same(lookup->email, ACCOUNT_EMAIL) &&
        !same(lookup->snils, ACCOUNT_SNILS)) {
        return NULL;
    }
    if (ra_account_new("account-42", &account) != RA_OK ||
        ra_account_set_credential_version(account, account_version) != RA_OK ||
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

/* The columns `s` takes in a terminal: its UTF-8 characters (no wide ones here). */
static size_t width(const char *s) {
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
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
    printf("%s%s\n%*s%s\n", prefix, ru, (int)width(prefix), "", en);
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
    if (prompt.kind == RA_PROMPT_NEW_PASSWORD && prompt.violation_count == 0) {
        /* The rules before the first try (Policy::gosuslugi), not only after a failure. */
        printf("  Пароль: от 8 до 64 символов — латинские буквы, цифры и знаки препинания;\n"
               "  нужны заглавная и строчная буква, цифра и знак. Не подойдут распространённые\n"
               "  пароли и ваши данные (фамилия, телефон, СНИЛС, дата рождения).\n"
               "  Password: 8 to 64 Latin letters, digits and punctuation, with an upper- and a\n"
               "  lower-case letter, a digit and a symbol; no common password, nothing of your own "
               "data.\n");
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
    for (i = 0; i < count && !stale; i++) {
        /* A failed compare-and-set ends the step: none of its other actions are done. */
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
            printf("  [sms gateway] to ");
            print_masked_phone(a.phone);
            printf(": код %s\n", a.secret);
            snprintf(secret, secret_cap, "%s", a.secret);
            break;
        case RA_ACTION_SEND_EMAIL_LINK:
            printf("  [mail] to %s: https://portal.example/recover?flow=%s&token=%s\n", a.email,
                   a.flow_id, a.secret);
            snprintf(secret, secret_cap, "%s", a.secret);
            break;
        case RA_ACTION_HOLD_PROOF:
            /* This browser's session only, never the cookie with the state. */
            snprintf(session_proof, sizeof session_proof, "%s", a.secret);
            printf("  [session] proof kept for this browser\n");
            break;
        case RA_ACTION_STORE_PASSWORD_HASH:
            if (a.expected_version != account_version) {
                say("  [directory] ✗ ", "flow.stale");
                stale = 1;
                break;
            }
            account_version++;
            printf("  [directory] %s: new hash %.40s… (version %llu)\n", a.account, a.phc,
                   (unsigned long long)account_version);
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

/* Reads one line without its newline, `{sms}` replaced by the last code delivered; echoed
 * when the input is not a terminal (a terminal shows what is typed already). 0 at the end
 * of input. */
static int read_line(const char *label, char *line, size_t cap, const char *secret) {
    printf("  %s> ", label);
    fflush(stdout);
    if (fgets(line, (int)cap, stdin) == NULL) {
        return 0;
    }
    line[strcspn(line, "\r\n")] = 0;
    if (strcmp(line, "{sms}") == 0) {
        snprintf(line, cap, "%s", secret);
    }
    if (!isatty(fileno(stdin))) {
        printf("%s\n", line);
    }
    return 1;
}

/* Whether `line` can be a typed code: digits, perhaps grouped with spaces or dashes. */
static int looks_like_code(const char *line) {
    int digits = 0;
    for (; *line; line++) {
        if (isdigit((unsigned char)*line)) {
            digits++;
        } else if (*line != ' ' && *line != '-') {
            return 0;
        }
    }
    return digits > 0;
}

/* Turns a line typed at `prompt` into an input; 0 when the line is answered here (a
 * command's help, a wrong answer) and must be asked again, never sent to the flow. */
static int input_for(const ra_prompt_info *prompt, char *line, ra_input *input) {
    memset(input, 0, sizeof *input);
    input->text = line;
    if (strcmp(line, "no access") == 0) {
        input->kind = RA_INPUT_NO_ACCESS_TO_CONTACTS;
    } else if (prompt->kind == RA_PROMPT_ENTER_CONTACT) {
        input->kind = RA_INPUT_CONTACT;
    } else if (prompt->kind == RA_PROMPT_ENTER_DOCUMENT) {
        input->kind = RA_INPUT_DOCUMENT;
    } else if (prompt->kind == RA_PROMPT_HUMAN_CHECK) {
        if (strcmp(line, HUMAN_ANSWER) != 0) {
            printf("  ✗ Неверно, попробуйте ещё раз. / Wrong, try again.\n");
            return 0;
        }
        input->kind = RA_INPUT_HUMAN_CHECK_PASSED;
    } else if (prompt->kind == RA_PROMPT_CODE_SENT) {
        if (strcmp(line, "help") == 0 || strcmp(line, "?") == 0) {
            printf("%s", CODE_HELP);
            return 0;
        } else if (strcmp(line, "resend") == 0) {
            input->kind = RA_INPUT_RESEND;
        } else if (strcmp(line, "nothing") == 0) {
            input->kind = RA_INPUT_NOTHING_ARRIVED;
        } else if (looks_like_code(line)) {
            input->kind = RA_INPUT_CODE;
        } else {
            /* Not sent: a typo of a command must not cost a code attempt. */
            printf("  ✗ Это не код и не команда, см. help. / Not a code or a command: type help.\n");
            return 0;
        }
    } else if (prompt->kind == RA_PROMPT_NEW_PASSWORD) {
        input->kind = RA_INPUT_NEW_PASSWORD;
        input->proof = session_proof[0] ? session_proof : NULL;
    } else {
        input->kind = RA_INPUT_CODE;
    }
    return 1;
}

/* One request, as a stateless server handles it: open the flow from the cookie, load the
 * budgets the input spends, handle it, store the budgets and the new state back. */
static ra_status request(const ra_config *config, const ra_input *input, ra_step **step,
                         ra_error *err) {
    ra_flow *flow = NULL;
    ra_budgets *budgets = NULL;
    char keys[4][32], sealed[SEALED_CAP];
    size_t count = 0, i, len;
    uint64_t now = (uint64_t)time(NULL);
    ra_status status = ra_flow_open(config, cookie, &flow, err);
    if (status == RA_OK) {
        status = ra_flow_budget_key_count(flow, input, &count, err);
    }
    if (status == RA_OK && count > sizeof keys / sizeof keys[0]) {
        status = RA_INVALID_ARGUMENT;
    }
    if (status == RA_OK) {
        status = ra_budgets_new(&budgets);
    }
    for (i = 0; status == RA_OK && i < count; i++) {
        ra_budget *budget = NULL;
        const char *stored;
        status = ra_flow_budget_key(flow, input, i, keys[i], sizeof keys[i], &len, err);
        if (status != RA_OK) {
            break;
        }
        stored = budget_get(keys[i]);
        status = stored ? ra_budget_open(config, keys[i], stored, &budget, err)
                        : ra_budget_new(&budget);
        if (status == RA_OK) {
            status = ra_budgets_insert(budgets, keys[i], budget);
        }
        ra_budget_free(budget);
    }
    if (status == RA_OK) {
        status = ra_flow_handle(flow, input, now, budgets, step, err);
    }
    for (i = 0; status == RA_OK && i < count; i++) {
        ra_budget *budget = NULL;
        status = ra_budgets_get(budgets, keys[i], &budget);
        if (status == RA_OK) {
            status = ra_budget_seal(budget, config, keys[i], sealed, sizeof sealed, &len, err);
        }
        if (status == RA_OK && !budget_put(keys[i], sealed)) {
            status = RA_INVALID_ARGUMENT;
        }
        ra_budget_free(budget);
    }
    if (status == RA_OK) {
        status = ra_flow_seal(flow, cookie, sizeof cookie, &len, err);
    }
    ra_budgets_free(budgets);
    ra_flow_free(flow);
    return status;
}

int main(void) {
    ra_keys *keys = NULL;
    ra_config *config = NULL;
    ra_flow *flow = NULL;
    ra_step *step = NULL;
    ra_error err = {NULL, 0};
    char line[1024], secret[128] = "";
    size_t len;
    int status = 1;

    printf("restore-access C demo: gosuslugi (a fixed demo key)\n"
           "The directory holds one account: +7 (916) 123-45-67, ivan.petrov@mail.ru, Петров,\n"
           "passport 45 08 123456, СНИЛС 112-233-445 95. Anything else is an unknown account.\n");
    if (ra_keys_new("demo", DEMO_KEY, sizeof DEMO_KEY - 1, &keys, &err) != RA_OK ||
        ra_config_new(RA_PORTAL_GOSUSLUGI, keys, &config) != RA_OK ||
        ra_flow_new(config, (uint64_t)time(NULL), &flow, &step, &err) != RA_OK ||
        ra_flow_seal(flow, cookie, sizeof cookie, &len, &err) != RA_OK) {
        fprintf(stderr, "start failed: %s\n", err.code ? err.code : "misuse");
        goto done;
    }
    ra_flow_free(flow);
    flow = NULL;
    printf("  [cookie] the sealed state, %zu characters\n", len);

    for (int fresh = 1;; ) {
        ra_prompt_info prompt;
        ra_input input;
        ra_account *answer = NULL;
        ra_step *next = NULL;
        /* A step's actions are carried out once, when it arrives. */
        int looked_up = fresh && carry_out(step, secret, sizeof secret, &answer);
        fresh = 0;
        if (stale) {
            break;
        }
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
            const char *label = prompt.kind == RA_PROMPT_HUMAN_CHECK ? HUMAN_QUESTION
                                : prompt.kind == RA_PROMPT_CODE_SENT
                                    ? "code, or: resend | nothing | no access | help"
                                    : "";
            int ready = 0;
            while (!ready) {
                if (!read_line(label, line, sizeof line, secret)) {
                    break;
                }
                ready = input_for(&prompt, line, &input);
            }
            if (!ready) {
                printf("(input ended)\n");
                status = 0;
                break;
            }
        }
        err.code = NULL;
        err.retry_after_secs = 0;
        ra_status result = request(config, &input, &next, &err);
        if (result == RA_OK) {
            ra_step_free(step);
            step = next;
            fresh = 1;
        } else if (err.code != NULL) {
            say("  ✗ ", err.code);
            if (err.retry_after_secs > 0) {
                printf("    Подождите %llu с. / Wait %llu s.\n",
                       (unsigned long long)err.retry_after_secs,
                       (unsigned long long)err.retry_after_secs);
            }
        } else {
            printf("  ✗ %s\n", ra_status_name(result));
        }
        ra_account_free(answer);
    }

done:
    ra_step_free(step);
    ra_flow_free(flow);
    ra_config_free(config);
    ra_keys_free(keys);
    return status;
}
