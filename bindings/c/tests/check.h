/* A minimal assertion for the C tests: report the line and stop. */
#ifndef RA_TEST_CHECK_H
#define RA_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

/* `call` returns `expected`, printed by name when it does not. */
#define CHECK_STATUS(call, expected)                                           \
    do {                                                                       \
        ra_status got_ = (call);                                               \
        if (got_ != (expected)) {                                              \
            fprintf(stderr, "%s:%d: %s gave %s, expected %s\n", __FILE__,      \
                    __LINE__, #call, ra_status_name(got_),                     \
                    ra_status_name(expected));                                 \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

#endif
