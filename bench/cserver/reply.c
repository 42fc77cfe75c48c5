/**
 * @file reply.c
 * @brief What the calls write back, and who is calling: the frame arena
 *        (one frame's messages unpacked together), the answers (appended,
 *        then written once per read or commit, as hackd's TurnWrites), and
 *        the caller authenticated as hackd's Authenticator (the header proved
 *        once per connection, the token looked up on every call).
 */
#include <openssl/sha.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cserver.h"

#define ARENA_BYTES (256u * 1024u)

static sconn *dirty_list;

int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------- the arena */

/* One frame's messages are unpacked into this buffer and dropped together;
 * what does not fit is allocated apart, listed, and freed with the rest. */
static _Alignas(16) uint8_t arena[ARENA_BYTES];
static size_t arena_used;

typedef struct big {
    _Alignas(16) struct big *next, *prev;
} big;
static big bigs = {&bigs, &bigs};

void arena_reset(void)
{
    arena_used = 0;
    while (bigs.next != &bigs) {
        big *b = bigs.next;
        bigs.next = b->next;
        free(b);
    }
    bigs.prev = &bigs;
}

static void *arena_alloc(void *data, size_t n)
{
    (void)data;
    n = (n + 15) & ~(size_t)15;
    if (n <= ARENA_BYTES - arena_used) {
        void *p = arena + arena_used;
        arena_used += n;
        return p;
    }
    big *b = malloc(sizeof *b + n);
    if (b == NULL) {
        return NULL;
    }
    b->next = bigs.next;
    b->prev = &bigs;
    bigs.next->prev = b;
    bigs.next = b;
    return b + 1;
}

static void arena_free(void *data, void *p)
{
    (void)data;
    if (p != NULL && ((uint8_t *)p < arena || (uint8_t *)p >= arena + ARENA_BYTES)) {
        big *b = (big *)p - 1;
        b->prev->next = b->next;
        b->next->prev = b->prev;
        free(b);
    }
}

ProtobufCAllocator frame_arena = {arena_alloc, arena_free, NULL};

static void mark_dirty(sconn *c)
{
    if (!c->dirty) {
        c->dirty = 1;
        conn_ref(c);
        c->next_dirty = dirty_list;
        dirty_list = c;
    }
}

void conns_flush_dirty(void)
{
    while (dirty_list != NULL) {
        sconn *c = dirty_list;
        dirty_list = c->next_dirty;
        c->dirty = 0;
        if (!c->closed && wbuf_flush(&c->out) < 0) {
            conn_close(c);
        } else if (!c->closed) {
            wbuf_trim(&c->out);
        }
        conn_unref(c);
    }
}

/* ---------------------------------------------------------------- frames */

void send_msg(sconn *c, uint8_t kind, uint32_t id, const ProtobufCMessage *msg)
{
    size_t body = protobuf_c_message_get_packed_size(msg);
    uint8_t *p = wbuf_reserve(&c->out, HACK_FRAME_HEADER_SIZE + body);
    (void)hack_frame_encode_header(p, kind, id, body);
    (void)protobuf_c_message_pack(msg, p + HACK_FRAME_HEADER_SIZE);
    wbuf_commit(&c->out, HACK_FRAME_HEADER_SIZE + body);
    mark_dirty(c);
}

/* GOAWAY naming why, after the answers not yet written, then close. */
int call_finish(sconn *c, uint32_t id)
{
    for (int i = 0; i < c->n_calls; i++) {
        if (c->calls[i] == id) {
            c->calls[i] = c->calls[--c->n_calls];
            return 1;
        }
    }
    return 0;
}

static size_t varint(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

void reply_ok(sconn *c, uint32_t id, const uint8_t *payload, size_t len)
{
    if (c->closed || !call_finish(c, id)) {
        return;
    }
    /* A Response with status OK (not on the wire) and payload (field 3), as hackd's FrameEncoder. */
    uint8_t head[16];
    size_t n = varint(head + 1, len) + 1;
    head[0] = 0x1a;
    size_t body = len > 0 ? n + len : 0;
    uint8_t *p = wbuf_reserve(&c->out, HACK_FRAME_HEADER_SIZE + body);
    (void)hack_frame_encode_header(p, HACK_FRAME_RESPONSE, id, body);
    if (len > 0) {
        memcpy(p + HACK_FRAME_HEADER_SIZE, head, n);
        memcpy(p + HACK_FRAME_HEADER_SIZE + n, payload, len);
    }
    wbuf_commit(&c->out, HACK_FRAME_HEADER_SIZE + body);
    mark_dirty(c);
}

void reply_msg(sconn *c, uint32_t id, const ProtobufCMessage *msg)
{
    uint8_t small[4096];
    size_t len = protobuf_c_message_get_packed_size(msg);
    uint8_t *buf = len <= sizeof small ? small : malloc(len);
    if (buf == NULL) {
        abort();
    }
    (void)protobuf_c_message_pack(msg, buf);
    reply_ok(c, id, buf, len);
    if (buf != small) {
        free(buf);
    }
}

void reply_error(sconn *c, uint32_t id, int status, const char *fmt, ...)
{
    if (status == HACK_STATUS_UNAUTHENTICATED) {
        server_stats.unauthenticated++;
    } else if (status == HACK_STATUS_PERMISSION_DENIED) {
        server_stats.permission_denied++;
    }
    if (c->closed || !call_finish(c, id)) {
        return;
    }
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    Hack__V1__Response r = HACK__V1__RESPONSE__INIT;
    r.status = (Hack__V1__StatusCode)status;
    r.message = message;
    send_msg(c, HACK_FRAME_RESPONSE, id, &r.base);
}

/* -------------------------------------------------------- authentication */

static const char *header_in(size_t n, Hack__V1__Request__MetadataEntry **entries)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(entries[i]->key, "authorization") == 0) {
            return entries[i]->value;
        }
    }
    return NULL;
}

/* The token the header names, if its secret matches (SHA-256 of the verifier, compared in constant time). */
static const token *proved(sconn *c, const char *header, int is_hello)
{
    if (c->verified_id != 0 && strcmp(c->verified, header) == 0) {
        const token *t = token_by_id(c->verified_id);
        if (t != NULL) {
            return t;
        }
    }
    const char *secret = strncmp(header, "Bearer ", 7) == 0 ? header + 7 : header;
    long long id = 0;
    int used = 0;
    if (sscanf(secret, "hk_%lld_%n", &id, &used) != 1 || used == 0 || id <= 0 || secret[used] == '\0') {
        return NULL;
    }
    const token *t = token_by_id(id);
    if (t == NULL) {
        return NULL;
    }
    uint8_t hash[32], diff = 0;
    SHA256((const unsigned char *)secret + used, strlen(secret + used), hash);
    for (int i = 0; i < 32; i++) {
        diff |= hash[i] ^ t->hash[i];
    }
    if (diff != 0) {
        return NULL;
    }
    free(c->verified);
    c->verified = strdup(header);
    c->verified_id = c->verified != NULL ? id : 0;
    c->verified_is_hello = is_hello;
    return t;
}

const token *authenticate(sconn *c, uint32_t id, const Hack__V1__Request *req)
{
    const token *t = NULL;
    const char *own = req->n_metadata > 0 ? header_in(req->n_metadata, req->metadata) : NULL;
    if (own == NULL && c->verified_id != 0 && c->verified_is_hello) {
        t = token_by_id(c->verified_id); /* HELLO's header, proved on an earlier call */
    }
    if (t == NULL) {
        const char *header = own != NULL ? own : c->hello_auth;
        if (header == NULL) {
            reply_error(c, id, HACK_STATUS_UNAUTHENTICATED,
                        "a token is required: send metadata \"authorization: Bearer <token>\" (hackctl --token)");
            return NULL;
        }
        if ((t = proved(c, header, own == NULL)) == NULL) {
            reply_error(c, id, HACK_STATUS_UNAUTHENTICATED, "unknown token");
            return NULL;
        }
    }
    if (t->revoked_at != 0) {
        reply_error(c, id, HACK_STATUS_UNAUTHENTICATED, "token %lld was revoked", (long long)t->id);
        return NULL;
    }
    if (t->expires_at != 0 && t->expires_at <= now_ms()) {
        reply_error(c, id, HACK_STATUS_UNAUTHENTICATED, "token %lld has expired", (long long)t->id);
        return NULL;
    }
    return t;
}

