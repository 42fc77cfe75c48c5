/**
 * @file rbuf.h
 * @brief A connection's input between reads, for the bench's servers: reads
 *        land in one buffer shared by every connection, and a connection
 *        keeps bytes of its own only for a partial frame between two reads,
 *        so an idle one holds no buffer at all (the least memory a libuv
 *        server can spend on one).
 */
#ifndef BENCH_RBUF_H
#define BENCH_RBUF_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

typedef struct rbuf {
    uint8_t *bytes; /* a partial frame's bytes, kept after a read; NULL when none */
    size_t len, cap;
} rbuf;

/** A uv_alloc_cb's answer: the shared buffer, or room after the kept bytes. */
void rbuf_alloc(rbuf *r, uv_buf_t *buf);

/** After a read of @p n > 0 bytes into @p buf: the bytes to decode, *len of them. */
const uint8_t *rbuf_data(const rbuf *r, const uv_buf_t *buf, ssize_t n, size_t *len);

/** Keeps data[off..len) (a partial frame) for the next read, or frees the
 *  connection's bytes when nothing is left. @return 0, or -1 out of memory. */
int rbuf_keep(rbuf *r, const uint8_t *data, size_t len, size_t off);

void rbuf_free(rbuf *r);

#endif
