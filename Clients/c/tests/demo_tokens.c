/**
 * @file demo_tokens.c
 * @brief A tiny, bounds-checked JSON reader for `hackd --demo-tokens` files.
 */
#include <stdio.h>
#include <string.h>

#include "demo_tokens.h"

struct json_cursor {
    const char *p;
    const char *end;
};

#define JSON_MAX_DEPTH 16

static void json_skip_ws(struct json_cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) {
        c->p++;
    }
}

/* Consumes `ch` (after whitespace) if it comes next. */
static int json_eat(struct json_cursor *c, char ch)
{
    json_skip_ws(c);
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

static int json_hex4(struct json_cursor *c, unsigned *out)
{
    if (c->end - c->p < 4) {
        return -1;
    }
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char h = *c->p++;
        v <<= 4;
        if (h >= '0' && h <= '9') {
            v |= (unsigned)(h - '0');
        } else if (h >= 'a' && h <= 'f') {
            v |= (unsigned)(h - 'a' + 10);
        } else if (h >= 'A' && h <= 'F') {
            v |= (unsigned)(h - 'A' + 10);
        } else {
            return -1;
        }
    }
    *out = v;
    return 0;
}

/* Appends one byte to out[0, cap) unless full; *truncated records overflow. */
static void json_put(char *out, size_t cap, size_t *len, int *truncated, unsigned char b)
{
    if (out == NULL) {
        return;
    }
    if (*len + 1 < cap) {
        out[(*len)++] = (char)b;
    } else {
        *truncated = 1;
    }
}

/*
 * Reads a JSON string (the cursor is on its opening quote) into out (NUL-
 * terminated, cap bytes; out may be NULL to skip). The whole string is
 * always consumed. @return 0, TOKENS_TOO_LONG, or TOKENS_MALFORMED.
 */
static int json_string(struct json_cursor *c, char *out, size_t cap)
{
    size_t len = 0;
    int truncated = 0;
    if (!json_eat(c, '"')) {
        return TOKENS_MALFORMED;
    }
    for (;;) {
        if (c->p >= c->end) {
            return TOKENS_MALFORMED;
        }
        unsigned char ch = (unsigned char)*c->p++;
        if (ch == '"') {
            break;
        }
        if (ch < 0x20) {
            return TOKENS_MALFORMED;
        }
        if (ch != '\\') {
            json_put(out, cap, &len, &truncated, ch);
            continue;
        }
        if (c->p >= c->end) {
            return TOKENS_MALFORMED;
        }
        char e = *c->p++;
        unsigned cp;
        switch (e) {
        case '"': case '\\': case '/': json_put(out, cap, &len, &truncated, (unsigned char)e); continue;
        case 'b': json_put(out, cap, &len, &truncated, '\b'); continue;
        case 'f': json_put(out, cap, &len, &truncated, '\f'); continue;
        case 'n': json_put(out, cap, &len, &truncated, '\n'); continue;
        case 'r': json_put(out, cap, &len, &truncated, '\r'); continue;
        case 't': json_put(out, cap, &len, &truncated, '\t'); continue;
        case 'u':
            if (json_hex4(c, &cp) != 0) {
                return TOKENS_MALFORMED;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* a surrogate pair */
                unsigned lo;
                if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u') {
                    return TOKENS_MALFORMED;
                }
                c->p += 2;
                if (json_hex4(c, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
                    return TOKENS_MALFORMED;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return TOKENS_MALFORMED;
            }
            if (cp < 0x80) {
                json_put(out, cap, &len, &truncated, (unsigned char)cp);
            } else if (cp < 0x800) {
                json_put(out, cap, &len, &truncated, (unsigned char)(0xC0 | (cp >> 6)));
                json_put(out, cap, &len, &truncated, (unsigned char)(0x80 | (cp & 0x3F)));
            } else if (cp < 0x10000) {
                json_put(out, cap, &len, &truncated, (unsigned char)(0xE0 | (cp >> 12)));
                json_put(out, cap, &len, &truncated, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
                json_put(out, cap, &len, &truncated, (unsigned char)(0x80 | (cp & 0x3F)));
            } else {
                json_put(out, cap, &len, &truncated, (unsigned char)(0xF0 | (cp >> 18)));
                json_put(out, cap, &len, &truncated, (unsigned char)(0x80 | ((cp >> 12) & 0x3F)));
                json_put(out, cap, &len, &truncated, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
                json_put(out, cap, &len, &truncated, (unsigned char)(0x80 | (cp & 0x3F)));
            }
            continue;
        default:
            return TOKENS_MALFORMED;
        }
    }
    if (out != NULL && cap > 0) {
        out[len] = '\0';
    }
    return truncated ? TOKENS_TOO_LONG : 0;
}

/* Skips any JSON value (string, number, literal, object, array). */
static int json_skip_value(struct json_cursor *c, int depth)
{
    if (depth > JSON_MAX_DEPTH) {
        return TOKENS_MALFORMED;
    }
    json_skip_ws(c);
    if (c->p >= c->end) {
        return TOKENS_MALFORMED;
    }
    char open = *c->p;
    if (open == '"') {
        return json_string(c, NULL, 0);
    }
    if (open == '{' || open == '[') {
        char close = open == '{' ? '}' : ']';
        c->p++;
        if (json_eat(c, close)) {
            return 0;
        }
        do {
            if (open == '{' && (json_string(c, NULL, 0) != 0 || !json_eat(c, ':'))) {
                return TOKENS_MALFORMED;
            }
            if (json_skip_value(c, depth + 1) != 0) {
                return TOKENS_MALFORMED;
            }
        } while (json_eat(c, ','));
        return json_eat(c, close) ? 0 : TOKENS_MALFORMED;
    }
    /* number, true, false, null */
    const char *start = c->p;
    while (c->p < c->end && (strchr("+-.0123456789eEtruefalsn", *c->p) != NULL)) {
        c->p++;
    }
    return c->p > start ? 0 : TOKENS_MALFORMED;
}

/*
 * Finds the first object of the array whose "role" is @p role and copies its
 * "secret" into secret[0, cap) (NUL-terminated).
 * @return a tokens_result value
 */
int tokens_secret_for_role(const char *json, size_t len, const char *role, char *secret, size_t cap)
{
    struct json_cursor c = { json, json + len };
    if (!json_eat(&c, '[')) {
        return TOKENS_MALFORMED;
    }
    if (json_eat(&c, ']')) {
        return TOKENS_NO_SUCH_ROLE;
    }
    do {
        if (!json_eat(&c, '{')) {
            return TOKENS_MALFORMED;
        }
        char this_role[64] = "";
        int role_ok = 0;   /* a string "role" that fit in this_role */
        int secret_rc = 1; /* 1: no string "secret" seen */
        if (!json_eat(&c, '}')) {
            do {
                char key[16];
                int krc = json_string(&c, key, sizeof key);
                if ((krc != 0 && krc != TOKENS_TOO_LONG) || !json_eat(&c, ':')) {
                    return TOKENS_MALFORMED;
                }
                json_skip_ws(&c);
                int is_string = c.p < c.end && *c.p == '"';
                if (krc == 0 && is_string && strcmp(key, "role") == 0) {
                    int rrc = json_string(&c, this_role, sizeof this_role);
                    if (rrc == TOKENS_MALFORMED) {
                        return TOKENS_MALFORMED;
                    }
                    role_ok = rrc == 0;
                } else if (krc == 0 && is_string && strcmp(key, "secret") == 0) {
                    secret_rc = json_string(&c, secret, cap);
                    if (secret_rc == TOKENS_MALFORMED) {
                        return TOKENS_MALFORMED;
                    }
                } else if (json_skip_value(&c, 1) != 0) {
                    return TOKENS_MALFORMED;
                }
            } while (json_eat(&c, ','));
            if (!json_eat(&c, '}')) {
                return TOKENS_MALFORMED;
            }
        }
        if (role_ok && strcmp(this_role, role) == 0 && secret_rc != 1) {
            return secret_rc; /* 0 (TOKENS_FOUND) or TOKENS_TOO_LONG */
        }
    } while (json_eat(&c, ','));
    return json_eat(&c, ']') ? TOKENS_NO_SUCH_ROLE : TOKENS_MALFORMED;
}

/*
 * Reads the secret of @p role from the tokens file at @p path.
 * @return a tokens_result value, or TOKENS_MALFORMED when the file cannot be read
 */
int read_token_file(const char *path, const char *role, char *secret, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return TOKENS_MALFORMED;
    }
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    int complete = feof(f) && !ferror(f);
    fclose(f);
    if (!complete) {
        return TOKENS_MALFORMED; /* unreadable, or over 1 MiB */
    }
    return tokens_secret_for_role(buf, len, role, secret, cap);
}
