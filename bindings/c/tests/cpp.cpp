// The header from C++17: it compiles with -Wall -Wextra -Werror -pedantic, and a few calls
// work with C++ types around them.
#include "restore_access.h"

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace {

int failures = 0;

void check(bool ok, const char *what) {
    if (!ok) {
        std::fprintf(stderr, "cpp: check failed: %s\n", what);
        ++failures;
    }
}

// A C string out of the library into std::string, growing the buffer once if needed.
template <typename F> std::string read_string(F call) {
    std::string out(16, '\0');
    size_t len = 0;
    ra_status status = call(out.data(), out.size(), &len);
    if (status == RA_BUFFER_TOO_SMALL) {
        out.resize(len + 1);
        status = call(out.data(), out.size(), &len);
    }
    check(status == RA_OK, "read_string");
    out.resize(len);
    return out;
}

}  // namespace

int main() {
    check(ra_snils_is_valid("112-233-445 95"), "valid snils");
    check(!ra_snils_is_valid(nullptr), "null snils");
    // The _n forms take a string_view as it is: no NUL needed, none allowed inside.
    std::string_view typed = "112-233-445 95 and more";
    check(ra_snils_is_valid_n(typed.data(), 14), "valid snils_n");
    check(!ra_snils_is_valid_n(typed.data(), typed.size()), "longer snils_n");
    check(!ra_snils_is_valid_n(std::string_view("112-233-445 95\0", 15).data(), 15),
          "NUL inside snils_n");
    check(ra_status_name(RA_FLOW_ERROR) == std::string("RA_FLOW_ERROR"), "status name");

    ra_error err{};
    std::string phone = read_string([](char *buf, size_t cap, size_t *len) {
        return ra_phone_normalize("8 (916) 123-45-67", buf, cap, len, nullptr);
    });
    check(phone == "+79161234567", "phone");
    check(ra_inn_normalize("500100732258", nullptr, 0, nullptr, &err) == RA_NULL_POINTER,
          "null len_out");
    std::string message = read_string([](char *buf, size_t cap, size_t *len) {
        return ra_message("snils.checksum", RA_LANG_EN, buf, cap, len);
    });
    check(message.find("SNILS") != std::string::npos, "message");

    // Handles in unique_ptr with their free function.
    ra_password_report *raw = nullptr;
    check(ra_password_check(RA_POLICY_GOSUSLUGI, "qwerty", nullptr, &raw) == RA_OK, "check");
    std::unique_ptr<ra_password_report, decltype(&ra_password_report_free)> report(
        raw, &ra_password_report_free);
    size_t count = 0;
    check(ra_password_report_count(report.get(), &count) == RA_OK && count >= 4, "violations");

    // A flow's state leaves the library sealed and comes back through ra_flow_open.
    ra_keys *keys = nullptr;
    const uint8_t secret[32] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
                                7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
    check(ra_keys_new("k1", secret, sizeof secret, &keys, &err) == RA_OK, "keys");
    std::unique_ptr<ra_keys, decltype(&ra_keys_free)> ring(keys, &ra_keys_free);
    ra_config *raw_config = nullptr;
    check(ra_config_new(RA_PORTAL_MOSRU, ring.get(), &raw_config) == RA_OK, "config");
    std::unique_ptr<ra_config, decltype(&ra_config_free)> config(raw_config, &ra_config_free);
    ra_flow *raw_flow = nullptr;
    ra_step *raw_step = nullptr;
    check(ra_flow_new(config.get(), 1800000000, &raw_flow, &raw_step, &err) == RA_OK, "flow");
    std::unique_ptr<ra_flow, decltype(&ra_flow_free)> flow(raw_flow, &ra_flow_free);
    std::unique_ptr<ra_step, decltype(&ra_step_free)> step(raw_step, &ra_step_free);
    std::string sealed = read_string([&](char *buf, size_t cap, size_t *len) {
        return ra_flow_seal(flow.get(), buf, cap, len, nullptr);
    });
    ra_flow *reopened = nullptr;
    check(ra_flow_open(config.get(), sealed.c_str(), &reopened, &err) == RA_OK, "open");
    ra_flow_free(reopened);
    check(ra_flow_open_n(config.get(), sealed.data(), sealed.size(), &reopened, &err) == RA_OK,
          "open_n");
    ra_flow_free(reopened);
    sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == 'A' ? 'B' : 'A';
    check(ra_flow_open(config.get(), sealed.c_str(), &reopened, &err) == RA_FLOW_ERROR &&
              err.code == std::string("flow.state_invalid"),
          "forged");

    // The input's fields by name, the proof among them.
    ra_input input{};
    input.kind = RA_INPUT_NEW_PASSWORD;
    input.text = "Sharik1599+";
    input.proof = nullptr;
    ra_budgets *raw_budgets = nullptr;
    check(ra_budgets_new(&raw_budgets) == RA_OK, "budgets");
    std::unique_ptr<ra_budgets, decltype(&ra_budgets_free)> budgets(raw_budgets,
                                                                   &ra_budgets_free);
    ra_step *next = nullptr;
    check(ra_flow_handle(flow.get(), &input, 1800000000, budgets.get(), &next, &err) ==
                  RA_FLOW_ERROR &&
              err.code == std::string("flow.unexpected_input") && next == nullptr,
          "unexpected");

    if (failures == 0) {
        std::puts("cpp: all checks passed");
    }
    return failures == 0 ? 0 : 1;
}
