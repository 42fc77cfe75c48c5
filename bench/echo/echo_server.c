/**
 * @file echo_server.c
 * @brief The ceiling of any libuv server here: reads the 9-byte-header
 *        frames of docs/PROTOCOL.md (decoded by the C client's
 *        hack_frame_decode) and writes each one back, with no protobuf, no
 *        state and no database. One loop, one thread, like hackd.
 *
 *   echo_server [--listen 127.0.0.1:0] [--reply-body BYTES] [--broadcast-kind K]
 *
 * Prints `listening on HOST:PORT` first on stdout. With --reply-body, each
 * frame is answered by a frame of the same kind and call id whose body is
 * BYTES zero bytes (so a small request gets a reply as large as hackd's
 * answer); without it, the frame itself comes back. With --broadcast-kind, a
 * frame of kind K is not answered but written as it is to every other
 * connection: the fan-out ceiling (one frame in, N writes out). Stops on
 * SIGINT/SIGTERM.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "hackclient.h"
#include "rbuf.h"
#include "wbuf.h"

#define MAX_FRAME (4u * 1024u * 1024u)

typedef struct echo_conn {
    uv_tcp_t tcp;
    struct echo_conn *prev, *next; /* every open connection, for broadcasts */
    wbuf out;
    rbuf in;
} echo_conn;

static long reply_body = -1;
static long broadcast_kind = -1;
static echo_conn *all_conns;
static uint8_t *zeros;
static uv_tcp_t server;
static uv_signal_t sigint_watch, sigterm_watch;
static unsigned long open_conns;

static void on_closed(uv_handle_t *h)
{
    echo_conn *c = h->data;
    if (c->prev != NULL) {
        c->prev->next = c->next;
    } else {
        all_conns = c->next;
    }
    if (c->next != NULL) {
        c->next->prev = c->prev;
    }
    wbuf_free(&c->out);
    rbuf_free(&c->in);
    free(c);
    open_conns--;
}

static void close_conn(echo_conn *c)
{
    if (!uv_is_closing((uv_handle_t *)&c->tcp)) {
        uv_close((uv_handle_t *)&c->tcp, on_closed);
    }
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    echo_conn *c = h->data;
    rbuf_alloc(&c->in, buf);
}

/* Writes the frame to every other connection, and says on stderr how long
 * that took: the server's share of a fan-out, without the clients'. */
static void broadcast(echo_conn *from, const uint8_t *raw, size_t raw_len)
{
    uint64_t start = uv_hrtime();
    unsigned long n = 0;
    for (echo_conn *c = all_conns; c != NULL; c = c->next) {
        if (c != from && !uv_is_closing((uv_handle_t *)&c->tcp)) {
            wbuf_append(&c->out, raw, raw_len);
            if (wbuf_flush(&c->out) < 0) {
                close_conn(c);
            }
            n++;
        }
    }
    fprintf(stderr, "broadcast: %lu connections in %.3f ms\n", n, (double)(uv_hrtime() - start) / 1e6);
}

static void answer(echo_conn *c, const hack_frame *f, const uint8_t *raw, size_t raw_len)
{
    if (f->kind == broadcast_kind) {
        broadcast(c, raw, raw_len);
        return;
    }
    if (reply_body < 0) {
        wbuf_append(&c->out, raw, raw_len);
        return;
    }
    uint8_t *p = wbuf_reserve(&c->out, HACK_FRAME_HEADER_SIZE + (size_t)reply_body);
    (void)hack_frame_encode_header(p, f->kind, f->call_id, (size_t)reply_body);
    memcpy(p + HACK_FRAME_HEADER_SIZE, zeros, (size_t)reply_body);
    wbuf_commit(&c->out, HACK_FRAME_HEADER_SIZE + (size_t)reply_body);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    echo_conn *c = s->data;
    if (n < 0) {
        close_conn(c);
        return;
    }
    if (n == 0) {
        return;
    }
    size_t len;
    const uint8_t *data = rbuf_data(&c->in, buf, n, &len);
    size_t off = 0;
    for (;;) {
        hack_frame f;
        size_t size = 0;
        int r = hack_frame_decode(data + off, len - off, MAX_FRAME, &f, &size);
        if (r == HACK_FRAME_NEED_MORE) {
            break;
        }
        if (r != HACK_FRAME_OK) {
            close_conn(c);
            return;
        }
        answer(c, &f, data + off, size);
        off += size;
    }
    if (rbuf_keep(&c->in, data, len, off) != 0) {
        close_conn(c);
        return;
    }
    if (wbuf_flush(&c->out) < 0) {
        close_conn(c);
        return;
    }
    wbuf_trim(&c->out);
}

static void on_connection(uv_stream_t *srv, int status)
{
    if (status < 0) {
        return;
    }
    echo_conn *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return;
    }
    uv_tcp_init(srv->loop, &c->tcp);
    c->tcp.data = c;
    open_conns++;
    c->next = all_conns;
    if (all_conns != NULL) {
        all_conns->prev = c;
    }
    all_conns = c;
    if (uv_accept(srv, (uv_stream_t *)&c->tcp) != 0) {
        close_conn(c);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    wbuf_init(&c->out, (uv_stream_t *)&c->tcp);
    uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

static void close_any(uv_handle_t *h, void *arg)
{
    (void)arg;
    if (!uv_is_closing(h)) {
        if (h->type == UV_TCP && h != (uv_handle_t *)&server) {
            close_conn(h->data);
        } else {
            uv_close(h, NULL);
        }
    }
}

static void on_signal(uv_signal_t *w, int signum)
{
    (void)signum;
    uv_walk(w->loop, close_any, NULL);
}

int main(int argc, char **argv)
{
    const char *listen_at = "127.0.0.1:0";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
            listen_at = argv[++i];
        } else if (strcmp(argv[i], "--reply-body") == 0 && i + 1 < argc) {
            reply_body = strtol(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--broadcast-kind") == 0 && i + 1 < argc) {
            broadcast_kind = strtol(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "usage: echo_server [--listen HOST:PORT] [--reply-body BYTES] [--broadcast-kind K]\n");
            return 2;
        }
    }
    if (reply_body > (long)MAX_FRAME - 5) {
        fprintf(stderr, "--reply-body: at most %u\n", MAX_FRAME - 5);
        return 2;
    }
    if (reply_body >= 0 && (zeros = calloc(1, (size_t)reply_body + 1)) == NULL) {
        return 1;
    }
    uv_loop_t *loop = uv_default_loop();
    int status = serve_tcp(loop, &server, listen_at, on_connection);
    if (status != 0) {
        return status;
    }

    uv_signal_init(loop, &sigint_watch);
    uv_signal_start(&sigint_watch, on_signal, SIGINT);
    uv_signal_init(loop, &sigterm_watch);
    uv_signal_start(&sigterm_watch, on_signal, SIGTERM);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_loop_close(loop);
    free(zeros);
    return 0;
}
