/**
 * @file conn.c
 * @brief One connection, as hackd's ConnectionHandler and
 *        ConnectionStateMachine: frames cut by the C client's
 *        hack_frame_decode, HELLO then WELCOME, REQUEST frames opening calls
 *        (their ids tracked, at most 100 at once), CANCEL, PING/PONG, GOAWAY
 *        on a protocol error; each call authenticated (reply.c) and handed
 *        to its method; the answers written at the end of the read in one
 *        write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cserver.h"

#define MAX_FRAME (4u * 1024u * 1024u) /* Welcome.limits.max_frame_bytes */
#define MAX_CONCURRENT_CALLS 100

unsigned long conns_open;

/* ------------------------------------------------------------- lifetimes */

void conn_ref(sconn *c)
{
    c->refs++;
}

void conn_unref(sconn *c)
{
    if (--c->refs > 0) {
        return;
    }
    wbuf_free(&c->out);
    rbuf_free(&c->in);
    free(c->hello_auth);
    free(c->verified);
    free(c->calls);
    free(c);
}

static void on_closed(uv_handle_t *h)
{
    conns_open--;
    conn_unref(h->data);
}

void conn_close(sconn *c)
{
    c->closed = 1;
    c->n_calls = 0; /* their answers are dropped */
    if (!uv_is_closing((uv_handle_t *)&c->tcp)) {
        uv_close((uv_handle_t *)&c->tcp, on_closed);
    }
}

/* ---------------------------------------------------------------- frames */

static void go_away(sconn *c, int status, const char *message)
{
    Hack__V1__GoAway ga = HACK__V1__GO_AWAY__INIT;
    ga.last_call_id = c->last_accepted;
    ga.status = (Hack__V1__StatusCode)status;
    ga.message = (char *)message;
    send_msg(c, HACK_FRAME_GOAWAY, 0, &ga.base);
    (void)wbuf_flush(&c->out);
    conn_close(c);
}

/* Closes call @p id: 0 when it is not open (cancelled, or the connection is gone). */
/* ----------------------------------------------------------------- calls */

static void request(sconn *c, const hack_frame *f)
{
    uint32_t id = f->call_id;
    if (id == 0) {
        go_away(c, HACK_STATUS_INVALID_ARGUMENT, "REQUEST with call id 0");
        return;
    }
    for (int i = 0; i < c->n_calls; i++) {
        if (c->calls[i] == id) {
            char why[96];
            snprintf(why, sizeof why, "call id %u is already in flight", id);
            go_away(c, HACK_STATUS_INVALID_ARGUMENT, why);
            return;
        }
    }
    if (c->n_calls == c->cap_calls) {
        c->cap_calls = c->cap_calls ? c->cap_calls * 2 : 16;
        c->calls = realloc(c->calls, (size_t)c->cap_calls * sizeof *c->calls);
        if (c->calls == NULL) {
            abort();
        }
    }
    c->calls[c->n_calls++] = id; /* open until answered, even when refused at once */
    Hack__V1__Request flat;
    Hack__V1__Request *req = (Hack__V1__Request *)request_read(&hack__v1__request__descriptor, f->body, f->body_len,
                                                               &flat.base);
    if (req == NULL) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "the REQUEST body is not a valid hack.v1.Request");
    } else if (c->n_calls > MAX_CONCURRENT_CALLS) {
        reply_error(c, id, HACK_STATUS_RESOURCE_EXHAUSTED, "more than %d concurrent calls on one connection",
                    MAX_CONCURRENT_CALLS);
    } else {
        c->last_accepted = id > c->last_accepted ? id : c->last_accepted;
        const method *m = method_named(req->method);
        const token *caller;
        if (m == NULL) {
            reply_error(c, id, HACK_STATUS_UNIMPLEMENTED, "unknown method \"%s\"", req->method);
        } else if ((caller = authenticate(c, id, req)) != NULL) {
            server_stats.accepted++;
            m->handle(c, id, caller, req->payload.data, req->payload.len);
        }
    }
    request_free((ProtobufCMessage *)req, &flat.base);
}

static void hello(sconn *c, const hack_frame *f)
{
    Hack__V1__Hello *h = hack__v1__hello__unpack(&frame_arena, f->body_len, f->body);
    if (h == NULL || !message_utf8_valid(&h->base)) {
        go_away(c, HACK_STATUS_INVALID_ARGUMENT, "the HELLO body is not a valid hack.v1.Hello");
    } else if (h->protocol_version != HACK_PROTOCOL_VERSION) {
        char why[128];
        snprintf(why, sizeof why, "protocol version %u is not supported; this server speaks 1", h->protocol_version);
        go_away(c, HACK_STATUS_UNIMPLEMENTED, why);
    } else {
        c->active = 1;
        for (size_t i = 0; i < h->n_metadata; i++) {
            if (strcmp(h->metadata[i]->key, "authorization") == 0) {
                free(c->hello_auth);
                c->hello_auth = strdup(h->metadata[i]->value);
            }
        }
        Hack__V1__Limits limits = HACK__V1__LIMITS__INIT;
        limits.max_frame_bytes = MAX_FRAME;
        limits.max_concurrent_calls = MAX_CONCURRENT_CALLS;
        limits.idle_timeout_ms = 0; /* as hackd --idle-timeout 0 in make bench */
        limits.keepalive_timeout_ms = 20000;
        limits.min_ping_interval_ms = 10000;
        limits.max_ping_strikes = 2;
        limits.max_buffered_bytes = 8u << 20;
        Hack__V1__Welcome w = HACK__V1__WELCOME__INIT;
        w.protocol_version = HACK_PROTOCOL_VERSION;
        w.server_name = "hackd/0.1";
        w.limits = &limits;
        send_msg(c, HACK_FRAME_WELCOME, 0, &w.base);
    }
    if (h != NULL) {
        hack__v1__hello__free_unpacked(h, &frame_arena);
    }
}

static void ping(sconn *c, const hack_frame *f)
{
    Hack__V1__Ping *p = hack__v1__ping__unpack(&frame_arena, f->body_len, f->body);
    if (p == NULL) {
        go_away(c, HACK_STATUS_INVALID_ARGUMENT, "the PING body is not a valid hack.v1.Ping");
        return;
    }
    send_msg(c, HACK_FRAME_PONG, 0, &p->base);
    hack__v1__ping__free_unpacked(p, &frame_arena);
}

static void frame(sconn *c, const hack_frame *f)
{
    c->last_frame_at = uv_now(loop);
    if (f->kind == HACK_FRAME_PING) {
        ping(c, f);
    } else if (!c->active) {
        if (f->kind == HACK_FRAME_HELLO) {
            hello(c, f);
        } else {
            go_away(c, HACK_STATUS_FAILED_PRECONDITION, "expected HELLO first");
        }
    } else if (f->kind == HACK_FRAME_REQUEST) {
        request(c, f);
    } else if (f->kind == HACK_FRAME_CANCEL) {
        (void)call_finish(c, f->call_id);
    } else if (f->kind == HACK_FRAME_HELLO) {
        go_away(c, HACK_STATUS_FAILED_PRECONDITION, "HELLO was already received on this connection");
    } else if (f->kind != HACK_FRAME_PONG) {
        go_away(c, HACK_STATUS_INVALID_ARGUMENT, "this frame kind is sent by the server only");
    }
    arena_reset();
}

/* ------------------------------------------------------------------ reads */

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    sconn *c = h->data;
    rbuf_alloc(&c->in, buf);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    sconn *c = s->data;
    if (n < 0) {
        conn_close(c);
        return;
    }
    if (n == 0 || c->closed) {
        return;
    }
    size_t len;
    const uint8_t *data = rbuf_data(&c->in, buf, n, &len);
    size_t off = 0;
    while (!c->closed) {
        hack_frame f;
        size_t size = 0;
        int r = hack_frame_decode(data + off, len - off, MAX_FRAME, &f, &size);
        if (r == HACK_FRAME_NEED_MORE) {
            break;
        }
        if (r != HACK_FRAME_OK) {
            go_away(c, HACK_STATUS_INVALID_ARGUMENT, "malformed frame");
            break;
        }
        frame(c, &f);
        off += size;
    }
    if (rbuf_keep(&c->in, data, len, c->closed ? len : off) != 0) {
        abort();
    }
    conns_flush_dirty();
}

void conn_accept(uv_stream_t *server)
{
    sconn *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return;
    }
    uv_tcp_init(loop, &c->tcp);
    c->tcp.data = c;
    c->refs = 1;
    conns_open++;
    wbuf_init(&c->out, (uv_stream_t *)&c->tcp);
    if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
        conn_close(c);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

static void close_any(uv_handle_t *h, void *arg)
{
    (void)arg;
    if (h->type == UV_TCP && h->data != NULL) {
        conn_close(h->data);
    } else if (!uv_is_closing(h)) {
        uv_close(h, NULL);
    }
}

void conns_close_all(void)
{
    uv_walk(loop, close_any, NULL);
}
