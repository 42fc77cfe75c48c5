/**
 * @file status.c
 * @brief Status names and hack_error helpers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const grpc_names[] = {
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
};

/* Indexed by -status. */
static const char *const local_names[] = {
    NULL,
    "IO_ERROR",
    "PROTOCOL_ERROR",
    "DECODE_ERROR",
    "OUT_OF_MEMORY",
    "TIMEOUT",
    "BAD_ARGUMENT",
    "CONNECTION_CLOSED",
    "RESOLVE_ERROR",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *hack_status_name(int status)
{
    if (status >= 0 && (size_t)status < COUNT(grpc_names)) {
        return grpc_names[status];
    }
    if (status < 0 && status > -(int)COUNT(local_names)) {
        return local_names[-status];
    }
    return "UNRECOGNIZED_STATUS";
}

/* Cuts a string of length len at the start of a trailing incomplete UTF-8 sequence. */
static void trim_partial_utf8(char *s, size_t len)
{
    if (len == 0) {
        return;
    }
    size_t start = len - 1;
    while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80) {
        start--;
    }
    unsigned char lead = (unsigned char)s[start];
    size_t need = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
    if (start + need > len) {
        s[start] = '\0';
    }
}

int hack_set_error(hack_error *err, int status, const char *fmt, ...)
{
    if (err == NULL) {
        return status;
    }
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n < 0) {
        err->message[0] = '\0';
    } else if ((size_t)n >= sizeof err->message) {
        trim_partial_utf8(err->message, sizeof err->message - 1);
    }
    return status;
}

void hack_clear_error(hack_error *err)
{
    if (err != NULL) {
        err->status = HACK_STATUS_OK;
        err->message[0] = '\0';
    }
}
