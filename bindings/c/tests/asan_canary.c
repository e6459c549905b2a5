/* Breaks the contract on purpose, to prove the sanitized run can see inside the library:
 * `nul` passes 4 bytes without a NUL to ra_snils_is_valid, `len` passes 4 bytes as 16 to
 * ra_snils_is_valid_n. Against the library built with -Zsanitizer=address, AddressSanitizer
 * must stop either call with a heap-buffer-overflow in the library's own code; run.sh fails
 * if it does not. Never part of the test program itself. */
#include "restore_access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    char *s = malloc(4);
    bool valid;
    if (s == NULL || argc != 2) {
        return 2;
    }
    memcpy(s, "1122", 4);
    if (strcmp(argv[1], "nul") == 0) {
        valid = ra_snils_is_valid(s);
    } else {
        valid = ra_snils_is_valid_n(s, 16);
    }
    free(s);
    printf("canary: the over-read went unseen (%d)\n", valid);
    return 0;
}
