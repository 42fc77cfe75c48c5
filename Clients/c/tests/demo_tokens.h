/**
 * @file demo_tokens.h
 * @brief Reads the secrets of `hackd --demo-tokens` files (test support).
 *
 * hackd --demo-tokens writes a JSON array of objects such as
 *   {"role":"observer","scope":"parcours-france-2017","name":"…","secret":"hk_…"}.
 * tokens_secret_for_role() walks that text as JSON (strings with escapes,
 * nested values skipped), so a "role" inside a name cannot fool it, and
 * never reads outside json[0, len): the text need not be NUL-terminated.
 */
#ifndef HACKCLIENT_TESTS_DEMO_TOKENS_H
#define HACKCLIENT_TESTS_DEMO_TOKENS_H

#include <stddef.h>

/** Results of the readers. */
enum tokens_result {
    TOKENS_FOUND = 0,
    TOKENS_MALFORMED = -1,    /* not the expected JSON shape */
    TOKENS_NO_SUCH_ROLE = -2, /* no object with that role and a string secret */
    TOKENS_TOO_LONG = -3      /* the secret does not fit in the caller's buffer */
};

/**
 * Finds the first object of the array whose "role" is @p role and copies its
 * "secret" into secret[0, cap) (NUL-terminated).
 * @return a tokens_result value
 */
int tokens_secret_for_role(const char *json, size_t len, const char *role, char *secret, size_t cap);

/**
 * Reads the secret of @p role from the tokens file at @p path.
 * @return a tokens_result value, or TOKENS_MALFORMED when the file cannot be read
 */
int read_token_file(const char *path, const char *role, char *secret, size_t cap);

#endif /* HACKCLIENT_TESTS_DEMO_TOKENS_H */
