/**
 * @file pbscan.c
 * @brief Reading one or two top-level fields of a protobuf body without
 *        unpacking it: the status of a RESPONSE, and which item an
 *        EventUpdate carries. Tens of thousands arrive per second; unpacking
 *        each with protobuf-c would make the load generator the bottleneck.
 *        Anything unusual falls back to protobuf-c.
 */
#include <stdio.h>
#include <string.h>

#include "loadgen.h"
#include "varint.h"

/* Skips the value of a field of wire type @p wt. */
static int skip(const uint8_t **p, const uint8_t *end, unsigned wt)
{
    uint64_t n;
    switch (wt) {
    case 0:
        return read_varint(p, end, &n);
    case 1:
        n = 8;
        break;
    case 2:
        if (read_varint(p, end, &n) != 0) {
            return -1;
        }
        break;
    case 5:
        n = 4;
        break;
    default:
        return -1;
    }
    if ((uint64_t)(end - *p) < n) {
        return -1;
    }
    *p += n;
    return 0;
}

int response_status(const uint8_t *body, size_t len)
{
    const uint8_t *p = body, *end = body + len;
    int status = 0; /* OK is the default: absent from the wire */
    while (p < end) {
        uint64_t key, v;
        if (read_varint(&p, end, &key) != 0) {
            return -1;
        }
        if (key == ((1u << 3) | 0u)) {
            if (read_varint(&p, end, &v) != 0) {
                return -1;
            }
            status = (int)v;
        } else if (skip(&p, end, (unsigned)(key & 7)) != 0) {
            return -1;
        }
    }
    return status;
}

const char *response_message(const uint8_t *body, size_t len)
{
    static char text[512];
    Hack__V1__Response *r = hack__v1__response__unpack(NULL, len, body);
    if (r == NULL) {
        snprintf(text, sizeof text, "(a RESPONSE that is not a valid hack.v1.Response)");
    } else {
        snprintf(text, sizeof text, "%s: %s", hack_status_name((int)r->status), r->message ? r->message : "");
        hack__v1__response__free_unpacked(r, NULL);
    }
    return text;
}

int update_item_field(const uint8_t *body, size_t len)
{
    const uint8_t *p = body, *end = body + len;
    while (p < end) {
        uint64_t key;
        if (read_varint(&p, end, &key) != 0) {
            return -1;
        }
        unsigned field = (unsigned)(key >> 3), wt = (unsigned)(key & 7);
        if (wt == 2 && field != 1) {
            return (int)field;
        }
        if (skip(&p, end, wt) != 0) {
            return -1;
        }
    }
    return -1;
}
