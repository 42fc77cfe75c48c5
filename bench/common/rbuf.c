/**
 * @file rbuf.c
 * @brief rbuf.h: one read buffer for every connection, bytes of its own for a partial frame.
 */
#include "rbuf.h"

#include <stdlib.h>
#include <string.h>

static uint8_t shared[256 * 1024];

void rbuf_alloc(rbuf *r, uv_buf_t *buf)
{
    if (r->len == 0) {
        buf->base = (char *)shared;
        buf->len = sizeof shared;
        return;
    }
    if (r->cap - r->len < 16384) {
        size_t cap = r->cap * 2 > r->len + 65536 ? r->cap * 2 : r->len + 65536;
        uint8_t *p = realloc(r->bytes, cap);
        if (p == NULL) {
            buf->base = NULL;
            buf->len = 0;
            return;
        }
        r->bytes = p;
        r->cap = cap;
    }
    buf->base = (char *)r->bytes + r->len;
    buf->len = r->cap - r->len;
}

const uint8_t *rbuf_data(const rbuf *r, const uv_buf_t *buf, ssize_t n, size_t *len)
{
    if ((uint8_t *)buf->base == shared) {
        *len = (size_t)n;
        return shared;
    }
    *len = r->len + (size_t)n;
    return r->bytes;
}

int rbuf_keep(rbuf *r, const uint8_t *data, size_t len, size_t off)
{
    size_t rest = len - off;
    if (rest == 0) {
        rbuf_free(r); /* idle again: no buffer of its own */
        return 0;
    }
    if (data == shared) {
        r->cap = rest + 65536;
        if ((r->bytes = malloc(r->cap)) == NULL) {
            r->len = r->cap = 0;
            return -1;
        }
        memcpy(r->bytes, data + off, rest);
    } else {
        memmove(r->bytes, r->bytes + off, rest);
    }
    r->len = rest;
    return 0;
}

void rbuf_free(rbuf *r)
{
    free(r->bytes);
    r->bytes = NULL;
    r->len = r->cap = 0;
}
