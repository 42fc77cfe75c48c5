/**
 * @file text.c
 * @brief The text rules hackd applies to a request: its strings are valid
 *        UTF-8 (SwiftProtobuf refuses a message otherwise), and the domain's
 *        Validate (Sources/HackDomain/Validation.swift): lengths in Unicode
 *        scalars, no control characters (C0, DEL, C1), not blank, slugs.
 */
#include <stdio.h>
#include <string.h>

#include "cserver.h"

#define NAME_MAX_LENGTH 200  /* InputLimits.nameMaxLength */
#define SHORT_MAX_LENGTH 200 /* InputLimits.shortTextMaxLength */
#define SLUG_MAX_LENGTH 64   /* InputLimits.slugLength */

/* Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
int utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + len;
    while (s < end) {
        /* Eight ASCII bytes at a time: most text. */
        while (end - s >= 8) {
            uint64_t w;
            memcpy(&w, s, 8);
            if (w & 0x8080808080808080ull) {
                break;
            }
            s += 8;
        }
        if (s == end) {
            break;
        }
        unsigned char b = *s;
        if (b < 0x80) {
            s++;
            continue;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            n = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if ((size_t)(end - s) <= n || s[1] < lo || s[1] > hi) {
            return 0;
        }
        for (size_t i = 2; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80) {
                return 0;
            }
        }
        s += n + 1;
    }
    return 1;
}

int message_utf8_valid(const ProtobufCMessage *m)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        const char *member = (const char *)m + f->offset;
        size_t n = 1;
        const void *const *items = (const void *const *)member;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            n = *(const size_t *)((const char *)m + f->quantifier_offset);
            items = *(const void *const *const *)member;
        }
        if (f->type == PROTOBUF_C_TYPE_STRING) {
            for (size_t k = 0; k < n; k++) {
                const char *s = items[k];
                if (s != NULL && !utf8_valid(s, strlen(s))) {
                    return 0;
                }
            }
        } else if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
            for (size_t k = 0; k < n; k++) {
                if (items[k] != NULL && !message_utf8_valid(items[k])) {
                    return 0;
                }
            }
        }
    }
    return 1;
}

/* Unicode scalars of valid UTF-8: the bytes that do not continue one. */
static size_t scalars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return n;
}

/* At most max scalars: text of no more bytes than that passes without counting. */
static int within(const char *s, size_t len, size_t max)
{
    return len <= max || scalars(s, len) <= max;
}

/* Cc: C0, DEL, C1 (0xC2 then 0x80–0x9F). Tab and line breaks allowed in long text. */
static int holds_control(const char *str, size_t len, int allow_breaks)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        uint64_t below20 = (w - ones * 0x20) & ~w & highs;
        uint64_t x7f = w ^ (ones * 0x7F), xc2 = w ^ (ones * 0xC2);
        if (!below20 && !((x7f - ones) & ~x7f & highs) && !((xc2 - ones) & ~xc2 & highs) &&
            !(i > 0 && s[i - 1] == 0xC2)) {
            i += 8;
            continue;
        }
        break;
    }
    int after_c2 = i > 0 && s[i - 1] == 0xC2;
    for (; i < len; i++) {
        unsigned char b = s[i];
        if (after_c2 && b < 0xA0) {
            return 1;
        }
        after_c2 = b == 0xC2;
        if (b == 0x7F || (b < 0x20 && !(allow_breaks && (b == 0x09 || b == 0x0A || b == 0x0D)))) {
            return 1;
        }
    }
    return 0;
}

/* Only white space: a visible ASCII character settles it; else every scalar is White_Space. */
static int blank(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < len; i++) {
        if (s[i] > 0x20 && s[i] < 0x7F) {
            return 0;
        }
    }
    for (size_t i = 0; i < len;) {
        unsigned b = s[i], cp, n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        cp = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
        for (unsigned k = 1; k < n && i + k < len; k++) {
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        i += n;
        int space = (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
                    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
                    cp == 0x205F || cp == 0x3000;
        if (!space) {
            return 0;
        }
    }
    return 1;
}

/* The rule of a text over its limit (the loop's only: one static buffer). */
static const char *too_long(size_t max)
{
    static char rule[64];
    snprintf(rule, sizeof rule, "must be at most %zu characters", max);
    return rule;
}

static const char *single_line(const char *s, size_t max)
{
    size_t len = strlen(s);
    if (!within(s, len, max)) {
        return too_long(max);
    }
    return holds_control(s, len, 0) ? "must not contain control characters" : NULL;
}

const char *check_name(const char *s)
{
    if (blank(s, strlen(s))) {
        return "must not be empty";
    }
    return single_line(s, NAME_MAX_LENGTH);
}

const char *check_short_text(const char *s)
{
    return single_line(s, SHORT_MAX_LENGTH);
}

const char *check_long_text(const char *s, size_t max)
{
    size_t len = strlen(s);
    if (!within(s, len, max)) {
        return too_long(max);
    }
    return holds_control(s, len, 1) ? "must not contain control characters other than tab and line breaks" : NULL;
}

const char *check_slug(const char *s)
{
    size_t len = strlen(s);
    if (len == 0) {
        return "must not be empty";
    }
    if (len > SLUG_MAX_LENGTH) {
        return "must be between 1 and 64 characters";
    }
    int prev_hyphen = 1;
    for (size_t i = 0; i < len; i++) {
        int hyphen = s[i] == '-';
        int alnum = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9');
        if (!(alnum || (hyphen && !prev_hyphen))) {
            return "must be lowercase letters and digits in words joined by single hyphens";
        }
        prev_hyphen = hyphen;
    }
    return prev_hyphen ? "must be lowercase letters and digits in words joined by single hyphens" : NULL;
}
