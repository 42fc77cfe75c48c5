/**
 * @file batch.c
 * @brief Pipelined unary calls on the setup connection: N calls, at most
 *        `depth` in flight, each answer handed to the batch's done().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loadgen.h"

static void fill(batch *b)
{
    for (int slot = 0; slot < b->depth && b->next < b->count; slot++) {
        if (b->ids[slot] == 0) {
            long i = b->next++;
            b->items[slot] = i;
            b->ids[slot] = b->make(b, i);
        }
    }
    conn_flush(b->c);
}

static int batch_frame(batch *b, const hack_frame *f)
{
    int slot = -1;
    for (int s = 0; s < b->depth; s++) {
        if (b->ids[s] == f->call_id) {
            slot = s;
            break;
        }
    }
    if (slot < 0) {
        return 0;
    }
    long item = b->items[slot];
    b->ids[slot] = 0;
    b->answered++;
    int last = b->answered == b->count;
    if (last) {
        /* done() may already start the next batch on this connection. */
        ((admin_ctx *)b->c->owner)->current = NULL;
    }
    const uint8_t *payload = NULL;
    size_t plen = 0;
    int status = response_status(f->body, f->body_len);
    Hack__V1__Response *r = NULL;
    if (status == 0) {
        r = hack__v1__response__unpack(NULL, f->body_len, f->body);
        if (r == NULL) {
            die("%s: a RESPONSE that is not a valid hack.v1.Response", b->what);
        }
        payload = r->payload.data;
        plen = r->payload.len;
    }
    if (!b->done(b, item, status, payload, plen) && status != 0) {
        die("%s #%ld: %s", b->what, item, response_message(f->body, f->body_len));
    }
    if (r != NULL) {
        hack__v1__response__free_unpacked(r, NULL);
    }
    if (last) {
        free(b->ids);
        free(b->items);
        b->ids = NULL;
        b->items = NULL;
        b->finished(b); /* may start the next batch */
    } else {
        fill(b);
    }
    return 1;
}

void batch_start(batch *b, conn *c, const char *what, long count, int depth, batch_make make,
                 batch_done done, void (*finished)(batch *b), void *user)
{
    admin_ctx *ctx = c->owner;
    if (ctx->current != NULL) {
        die("%s: the setup connection is busy with %s", what, ctx->current->what);
    }
    memset(b, 0, sizeof *b);
    b->c = c;
    b->what = what;
    b->count = count;
    b->depth = depth;
    b->make = make;
    b->done = done;
    b->finished = finished;
    b->user = user;
    b->ids = calloc((size_t)depth, sizeof *b->ids);
    b->items = calloc((size_t)depth, sizeof *b->items);
    if (b->ids == NULL || b->items == NULL) {
        die("out of memory");
    }
    if (count == 0) {
        free(b->ids);
        free(b->items);
        finished(b);
        return;
    }
    ctx->current = b;
    fill(b);
}

static void admin_ready(conn *c)
{
    admin_ctx *ctx = c->owner;
    ctx->ready(ctx->user);
}

static void admin_frame(conn *c, const hack_frame *f)
{
    admin_ctx *ctx = c->owner;
    if (f->kind == HACK_FRAME_RESPONSE && ctx->current != NULL && batch_frame(ctx->current, f)) {
        return;
    }
    if (ctx->other != NULL) {
        ctx->other(c, f, ctx->user);
    }
}

static void admin_closed(conn *c, const char *why)
{
    (void)c;
    die("the setup connection closed: %s", why);
}

static const conn_ops admin_ops = {admin_ready, admin_frame, admin_closed};

void admin_open(conn *c, admin_ctx *ctx, void (*ready)(void *), void *user)
{
    ctx->ready = ready;
    ctx->user = user;
    ctx->current = NULL;
    conn_open(c, &admin_ops, ctx, 0, token_for("admin"));
}

/* One call: a batch of one. */
typedef struct single {
    batch b;
    const char *method;
    uint8_t *payload;
    size_t payload_len;
    void (*done)(int status, const uint8_t *payload, size_t len, void *user);
    void *user;
} single;

static uint32_t single_make(batch *b, long i)
{
    (void)i;
    single *s = b->user;
    Hack__V1__Request req = HACK__V1__REQUEST__INIT;
    req.method = (char *)s->method;
    req.payload.data = s->payload;
    req.payload.len = s->payload_len;
    uint32_t id = b->c->next_call_id++;
    if (b->c->next_call_id == 0) {
        b->c->next_call_id = 1;
    }
    conn_send_msg(b->c, HACK_FRAME_REQUEST, id, &req.base);
    return id;
}

static int single_done(batch *b, long i, int status, const uint8_t *payload, size_t len)
{
    (void)i;
    single *s = b->user;
    s->done(status, payload, len, s->user);
    return 1;
}

static void single_finished(batch *b)
{
    single *s = b->user;
    free(s->payload);
    free(s);
}

void setup_call(conn *admin, const char *method, const ProtobufCMessage *payload,
                void (*done)(int status, const uint8_t *payload, size_t len, void *user), void *user)
{
    single *s = calloc(1, sizeof *s);
    if (s == NULL) {
        die("out of memory");
    }
    s->method = method;
    s->payload_len = payload != NULL ? protobuf_c_message_get_packed_size(payload) : 0;
    s->payload = malloc(s->payload_len + 1);
    if (s->payload == NULL) {
        die("out of memory");
    }
    if (payload != NULL) {
        protobuf_c_message_pack(payload, s->payload);
    }
    s->done = done;
    s->user = user;
    batch_start(&s->b, admin, method, 1, 1, single_make, single_done, single_finished, s);
}
