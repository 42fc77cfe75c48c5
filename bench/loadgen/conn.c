/**
 * @file conn.c
 * @brief One client connection on the loop: connecting (a bounded number at
 *        once, so 10,000 connects do not overflow the server's backlog),
 *        HELLO with the token, frames cut by hack_frame_decode, PING
 *        answered, GOAWAY reported, close with a reset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loadgen.h"

#define MAX_FRAME (4u * 1024u * 1024u)

long conns_alive;

static conn **waiting; /* queued connects, FIFO */
static long waiting_head, waiting_len, waiting_cap;
static int connecting;

static void start_next_connects(void);

static void on_closed(uv_handle_t *h)
{
    conn *c = h->data;
    wbuf_free(&c->out);
    free(c->rbuf);
    c->rbuf = NULL;
    c->rlen = c->rcap = 0;
    c->state = CONN_CLOSED;
    conns_alive--;
}

static void fail(conn *c, const char *why)
{
    if (c->state == CONN_CLOSING || c->state == CONN_CLOSED) {
        return;
    }
    int was_connecting = c->state == CONN_CONNECTING;
    c->state = CONN_CLOSING;
    if (was_connecting) {
        connecting--;
        start_next_connects();
    }
    if (c->ops->closed != NULL) {
        c->ops->closed(c, why);
    }
    if (!uv_is_closing((uv_handle_t *)&c->tcp)) {
        uv_close((uv_handle_t *)&c->tcp, on_closed);
    }
}

void conn_close(conn *c)
{
    if (c->state == CONN_CLOSING || c->state == CONN_CLOSED || c->state == CONN_IDLE) {
        return;
    }
    if (c->state == CONN_CONNECTING) {
        connecting--;
    }
    c->state = CONN_CLOSING;
    if (uv_tcp_close_reset(&c->tcp, on_closed) != 0 && !uv_is_closing((uv_handle_t *)&c->tcp)) {
        uv_close((uv_handle_t *)&c->tcp, on_closed);
    }
}

void conn_send_raw(conn *c, const void *bytes, size_t n)
{
    wbuf_append(&c->out, bytes, n);
}

void conn_send_msg(conn *c, uint8_t kind, uint32_t call_id, const ProtobufCMessage *msg)
{
    size_t body = msg != NULL ? protobuf_c_message_get_packed_size(msg) : 0;
    uint8_t *p = wbuf_reserve(&c->out, HACK_FRAME_HEADER_SIZE + body);
    (void)hack_frame_encode_header(p, kind, call_id, body);
    if (msg != NULL) {
        (void)protobuf_c_message_pack(msg, p + HACK_FRAME_HEADER_SIZE);
    }
    wbuf_commit(&c->out, HACK_FRAME_HEADER_SIZE + body);
}

static void fill_request(Hack__V1__Request *req, const char *method, const ProtobufCMessage *payload,
                         uint8_t *scratch)
{
    req->method = (char *)method;
    if (payload != NULL) {
        req->payload.len = protobuf_c_message_pack(payload, scratch);
        req->payload.data = scratch;
    }
}

uint32_t conn_send_request(conn *c, const char *method, const ProtobufCMessage *payload)
{
    uint32_t id = c->next_call_id++;
    if (c->next_call_id == 0) {
        c->next_call_id = 1;
    }
    Hack__V1__Request req = HACK__V1__REQUEST__INIT;
    size_t plen = payload != NULL ? protobuf_c_message_get_packed_size(payload) : 0;
    uint8_t small[4096];
    uint8_t *scratch = plen <= sizeof small ? small : malloc(plen);
    if (scratch == NULL) {
        die("out of memory");
    }
    fill_request(&req, method, payload, scratch);
    conn_send_msg(c, HACK_FRAME_REQUEST, id, &req.base);
    if (scratch != small) {
        free(scratch);
    }
    return id;
}

uint8_t *encode_request(uint32_t call_id, const char *method, const ProtobufCMessage *payload, size_t *len)
{
    Hack__V1__Request req = HACK__V1__REQUEST__INIT;
    size_t plen = payload != NULL ? protobuf_c_message_get_packed_size(payload) : 0;
    uint8_t *scratch = malloc(plen + 1);
    if (scratch == NULL) {
        die("out of memory");
    }
    fill_request(&req, method, payload, scratch);
    size_t body = protobuf_c_message_get_packed_size(&req.base);
    uint8_t *frame = malloc(HACK_FRAME_HEADER_SIZE + body);
    if (frame == NULL) {
        die("out of memory");
    }
    (void)hack_frame_encode_header(frame, HACK_FRAME_REQUEST, call_id, body);
    (void)protobuf_c_message_pack(&req.base, frame + HACK_FRAME_HEADER_SIZE);
    free(scratch);
    *len = HACK_FRAME_HEADER_SIZE + body;
    return frame;
}

void conn_flush(conn *c)
{
    if (c->state == CONN_CLOSING || c->state == CONN_CLOSED) {
        return;
    }
    if (wbuf_flush(&c->out) < 0) {
        fail(c, "write failed");
    }
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    conn *c = h->data;
    if (c->rcap - c->rlen < 8192) {
        size_t cap = c->rcap ? c->rcap * 2 : 16384;
        uint8_t *p = realloc(c->rbuf, cap);
        if (p == NULL) {
            die("out of memory for a receive buffer");
        }
        c->rbuf = p;
        c->rcap = cap;
    }
    buf->base = (char *)c->rbuf + c->rlen;
    buf->len = c->rcap - c->rlen;
}

static void handle_goaway(conn *c, const hack_frame *f)
{
    Hack__V1__GoAway *ga = hack__v1__go_away__unpack(NULL, f->body_len, f->body);
    char why[600];
    if (ga == NULL) {
        snprintf(why, sizeof why, "GOAWAY (undecodable)");
    } else {
        snprintf(why, sizeof why, "GOAWAY %s: %s", hack_status_name((int)ga->status),
                 ga->message ? ga->message : "");
        hack__v1__go_away__free_unpacked(ga, NULL);
    }
    fail(c, why);
}

static void answer_ping(conn *c, const hack_frame *f)
{
    Hack__V1__Ping *ping = hack__v1__ping__unpack(NULL, f->body_len, f->body);
    Hack__V1__Ping pong = HACK__V1__PING__INIT;
    if (ping != NULL) {
        pong.opaque = ping->opaque;
        hack__v1__ping__free_unpacked(ping, NULL);
    }
    conn_send_msg(c, HACK_FRAME_PONG, 0, &pong.base);
}

/* Returns 0 to go on, -1 once the connection is failing. */
static int dispatch(conn *c, const hack_frame *f)
{
    if (c->state == CONN_HANDSHAKE) {
        if (opt.raw || f->kind == HACK_FRAME_WELCOME) {
            c->state = CONN_READY;
            if (c->ops->ready != NULL) {
                c->ops->ready(c);
            }
            return c->state == CONN_READY ? 0 : -1;
        }
    }
    if (!opt.raw) {
        switch (f->kind) {
        case HACK_FRAME_GOAWAY:
            handle_goaway(c, f);
            return -1;
        case HACK_FRAME_PING:
            answer_ping(c, f);
            return 0;
        case HACK_FRAME_PONG:
            return 0;
        default:
            break;
        }
    }
    if (c->state != CONN_READY) {
        return 0;
    }
    c->ops->frame(c, f);
    return c->state == CONN_READY ? 0 : -1;
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    (void)buf;
    conn *c = s->data;
    if (n < 0) {
        fail(c, n == UV_EOF ? "closed by the server" : uv_strerror((int)n));
        return;
    }
    c->rlen += (size_t)n;
    c->bytes_in += (uint64_t)n;
    size_t off = 0;
    for (;;) {
        hack_frame f;
        size_t size = 0;
        int r = hack_frame_decode(c->rbuf + off, c->rlen - off, MAX_FRAME, &f, &size);
        if (r == HACK_FRAME_NEED_MORE) {
            break;
        }
        if (r != HACK_FRAME_OK) {
            fail(c, "the server sent a malformed frame");
            return;
        }
        off += size;
        if (dispatch(c, &f) != 0) {
            return;
        }
    }
    if (off > 0) {
        memmove(c->rbuf, c->rbuf + off, c->rlen - off);
        c->rlen -= off;
    }
    conn_flush(c);
}

static void send_hello(conn *c)
{
    Hack__V1__Hello hello = HACK__V1__HELLO__INIT;
    hello.protocol_version = HACK_PROTOCOL_VERSION;
    hello.client_name = "hackd-loadgen";
    Hack__V1__Hello__MetadataEntry entry = HACK__V1__HELLO__METADATA_ENTRY__INIT;
    Hack__V1__Hello__MetadataEntry *entries[1] = {&entry};
    char bearer[512];
    if (c->token != NULL) {
        snprintf(bearer, sizeof bearer, "Bearer %s", c->token);
        entry.key = "authorization";
        entry.value = bearer;
        hello.n_metadata = 1;
        hello.metadata = entries;
    }
    conn_send_msg(c, HACK_FRAME_HELLO, 0, &hello.base);
}

static void on_connect(uv_connect_t *req, int status)
{
    conn *c = req->data;
    if (c->state != CONN_CONNECTING) {
        return;
    }
    connecting--;
    start_next_connects();
    if (status < 0) {
        c->state = CONN_HANDSHAKE; /* so fail() does not count it twice */
        fail(c, uv_strerror(status));
        return;
    }
    c->state = CONN_HANDSHAKE;
    uv_tcp_nodelay(&c->tcp, 1);
    uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
    send_hello(c);
    conn_flush(c);
}

static void start_connect(conn *c)
{
    struct sockaddr_storage addr;
    if (uv_ip4_addr(opt.host, opt.port, (struct sockaddr_in *)&addr) != 0 &&
        uv_ip6_addr(opt.host, opt.port, (struct sockaddr_in6 *)&addr) != 0) {
        die("bad address %s:%d", opt.host, opt.port);
    }
    uv_tcp_init(loop, &c->tcp);
    c->tcp.data = c;
    c->connect_req.data = c;
    wbuf_init(&c->out, (uv_stream_t *)&c->tcp);
    conns_alive++;
    connecting++;
    c->state = CONN_CONNECTING;
    int rc = uv_tcp_connect(&c->connect_req, &c->tcp, (const struct sockaddr *)&addr, on_connect);
    if (rc != 0) {
        fail(c, uv_strerror(rc));
    }
}

static void start_next_connects(void)
{
    while (connecting < opt.connect_parallel && waiting_head < waiting_len) {
        start_connect(waiting[waiting_head++]);
    }
    if (waiting_head == waiting_len) {
        waiting_head = waiting_len = 0;
    }
}

void conn_open(conn *c, const conn_ops *ops, void *owner, int index, const char *token)
{
    c->ops = ops;
    c->owner = owner;
    c->index = index;
    c->token = token;
    c->next_call_id = 1;
    c->state = CONN_IDLE;
    if (waiting_len == waiting_cap) {
        waiting_cap = waiting_cap ? waiting_cap * 2 : 1024;
        waiting = realloc(waiting, (size_t)waiting_cap * sizeof *waiting);
        if (waiting == NULL) {
            die("out of memory");
        }
    }
    waiting[waiting_len++] = c;
    start_next_connects();
}
