/**
 * @file wbuf.h
 * @brief An output buffer for one libuv stream: frames are appended while a
 *        read callback runs, then flushed with one write (uv_try_write first,
 *        uv_write for what the kernel did not take). Used by the load
 *        generator and by the echo server alike, so both batch the same way.
 */
#ifndef BENCH_WBUF_H
#define BENCH_WBUF_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

typedef struct wbuf {
    uv_stream_t *stream;
    uint8_t *pending; /* appended, not yet handed to the kernel */
    size_t len, cap;
    uint8_t *flying; /* handed to uv_write, until its callback */
    size_t flying_cap;
    uv_write_t req;
    int writing;
    int failed; /* a write failed: the stream is dead */
    uint64_t bytes_out;
} wbuf;

void wbuf_init(wbuf *w, uv_stream_t *stream);
void wbuf_free(wbuf *w);

/** Room for @p n more bytes at the end; returns where to write them (commit with wbuf_commit). */
uint8_t *wbuf_reserve(wbuf *w, size_t n);
void wbuf_commit(wbuf *w, size_t n);
void wbuf_append(wbuf *w, const void *bytes, size_t n);

/** Hands the pending bytes to the kernel. @return 0, or a negative libuv error. */
int wbuf_flush(wbuf *w);

/** Frees the buffers once everything is written (an idle connection then holds none). */
void wbuf_trim(wbuf *w);

/** Raises RLIMIT_NOFILE (soft and, as root, hard) to at least @p want. @return the soft limit. */
long raise_nofile(long want);

/** Splits "HOST:PORT" (port 0 allowed) into host[cap] and *port. @return 0 or -1. */
int split_hostport(const char *addr, char *host, size_t cap, int *port);

/** A bench server's start: raises the open-file limit, ignores SIGPIPE,
 *  binds @p server (initialised on @p loop) to @p listen_at ("HOST:PORT",
 *  port 0: any), listens with @p on_connection and prints `listening on
 *  HOST:PORT` (the bound port) first on stdout, as hackd does.
 *  @return 0, or the exit status to leave with (said on stderr). */
int serve_tcp(uv_loop_t *loop, uv_tcp_t *server, const char *listen_at, uv_connection_cb on_connection);

#endif
