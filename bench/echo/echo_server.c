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
#include "wbuf.h"

#define MAX_FRAME (4u * 1024u * 1024u)

typedef struct echo_conn {
    uv_tcp_t tcp;
    struct echo_conn *prev, *next; /* every open connection, for broadcasts */
    wbuf out;
    uint8_t *rbuf;
    size_t rlen, rcap;
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
    free(c->rbuf);
    free(c);
    open_conns--;
}

static void close_conn(echo_conn *c)
{
    if (!uv_is_closing((uv_handle_t *)&c->tcp)) {
        uv_close((uv_handle_t *)&c->tcp, on_closed);
    }
}

/*
 * Reads land in one shared buffer; only a connection holding part of a frame
 * between two reads keeps bytes of its own, and an idle connection holds no
 * buffer at all: the least memory a libuv server can spend on one.
 */
static uint8_t shared_buf[256 * 1024];

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    echo_conn *c = h->data;
    if (c->rlen == 0) {
        buf->base = (char *)shared_buf;
        buf->len = sizeof shared_buf;
        return;
    }
    if (c->rcap - c->rlen < 16384) {
        size_t cap = c->rcap * 2 > c->rlen + 65536 ? c->rcap * 2 : c->rlen + 65536;
        uint8_t *p = realloc(c->rbuf, cap);
        if (p == NULL) {
            buf->base = NULL;
            buf->len = 0;
            return;
        }
        c->rbuf = p;
        c->rcap = cap;
    }
    buf->base = (char *)c->rbuf + c->rlen;
    buf->len = c->rcap - c->rlen;
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
    int shared = (uint8_t *)buf->base == shared_buf;
    uint8_t *data = shared ? shared_buf : c->rbuf;
    size_t len = shared ? (size_t)n : c->rlen + (size_t)n;
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
    size_t rest = len - off;
    if (rest == 0) {
        free(c->rbuf); /* idle again: no buffer of its own */
        c->rbuf = NULL;
        c->rlen = c->rcap = 0;
    } else if (shared) {
        c->rbuf = malloc(rest + 65536);
        if (c->rbuf == NULL) {
            close_conn(c);
            return;
        }
        c->rcap = rest + 65536;
        memcpy(c->rbuf, data + off, rest);
        c->rlen = rest;
    } else {
        memmove(c->rbuf, c->rbuf + off, rest);
        c->rlen = rest;
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
    char host[256];
    int port;
    if (split_hostport(listen_at, host, sizeof host, &port) != 0) {
        fprintf(stderr, "--listen must be HOST:PORT, got %s\n", listen_at);
        return 2;
    }
    raise_nofile(65536);
    signal(SIGPIPE, SIG_IGN);

    uv_loop_t *loop = uv_default_loop();
    struct sockaddr_storage addr;
    if (uv_ip4_addr(host, port, (struct sockaddr_in *)&addr) != 0 &&
        uv_ip6_addr(host, port, (struct sockaddr_in6 *)&addr) != 0) {
        fprintf(stderr, "bad address %s\n", listen_at);
        return 2;
    }
    uv_tcp_init(loop, &server);
    int rc = uv_tcp_bind(&server, (const struct sockaddr *)&addr, 0);
    if (rc == 0) {
        rc = uv_listen((uv_stream_t *)&server, 511, on_connection);
    }
    if (rc != 0) {
        fprintf(stderr, "listen on %s: %s\n", listen_at, uv_strerror(rc));
        return 1;
    }
    struct sockaddr_storage bound;
    int len = sizeof bound;
    uv_tcp_getsockname(&server, (struct sockaddr *)&bound, &len);
    char name[64] = "";
    if (bound.ss_family == AF_INET6) {
        uv_ip6_name((struct sockaddr_in6 *)&bound, name, sizeof name);
        port = ntohs(((struct sockaddr_in6 *)&bound)->sin6_port);
    } else {
        uv_ip4_name((struct sockaddr_in *)&bound, name, sizeof name);
        port = ntohs(((struct sockaddr_in *)&bound)->sin_port);
    }
    printf("listening on %s:%d\n", name, port);
    fflush(stdout);

    uv_signal_init(loop, &sigint_watch);
    uv_signal_start(&sigint_watch, on_signal, SIGINT);
    uv_signal_init(loop, &sigterm_watch);
    uv_signal_start(&sigterm_watch, on_signal, SIGTERM);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_loop_close(loop);
    free(zeros);
    return 0;
}
