/**
 * @file events_get.c
 * @brief The measured read, doing hackd's work: Events/Get (the request
 *        decoded, the access rule, the answer encoded once per event,
 *        committed state and millisecond as hackd's EncodedEventCache does:
 *        the fields but the run once per committed state, the run as of each
 *        millisecond, appended; the next callers of that millisecond get the
 *        same bytes).
 */
#include <stdlib.h>
#include <string.h>

#include "cserver.h"

int encode_every_call; /* --encode-every-call: the whole Event packed on every call (more work than hackd) */

static int may_read_event(const token *p, const char *slug)
{
    return p->role == ROLE_ADMIN || (p->event_slug != NULL && strcmp(p->event_slug, slug) == 0);
}

/* ----------------------------------------------------------- Events/Get */

typedef struct encoded {
    uint8_t *bytes;
    size_t len, cap;
} encoded;

static void reserve(encoded *e, size_t n)
{
    if (n > e->cap) {
        e->cap = n * 2;
        if ((e->bytes = realloc(e->bytes, e->cap)) == NULL) {
            abort();
        }
    }
}

/* One event's answer: its head (every field but the run) per committed state, the whole per millisecond. */
typedef struct event_answer {
    event *ev;
    encoded head, whole;
    uint64_t head_version, version;
    int64_t at;
    struct event_answer *next;
} event_answer;

static event_answer *answers, *latest;

static event_answer *answer_of(const char *slug)
{
    if (latest != NULL && strcmp(latest->ev->slug, slug) == 0) {
        return latest;
    }
    for (event_answer *a = answers; a != NULL; a = a->next) {
        if (strcmp(a->ev->slug, slug) == 0) {
            return a;
        }
    }
    return NULL;
}

/* Not inlined: bench/callgrind.sh --cserver counts it apart. */
__attribute__((noinline)) static const event_answer *encode_event(event *ev, int64_t now)
{
    event_answer *a = answer_of(ev->slug);
    if (a == NULL) {
        if ((a = calloc(1, sizeof *a)) == NULL) {
            abort();
        }
        a->ev = ev;
        a->next = answers;
        a->head_version = ~(uint64_t)0;
        answers = a;
    }
    latest = a;
    event_run_as_of(ev, now);
    Hack__V1__EventRun *run = ev->msg->run;
    if (a->head_version != committed_version) {
        ev->msg->run = NULL;
        reserve(&a->head, protobuf_c_message_get_packed_size(&ev->msg->base));
        a->head.len = protobuf_c_message_pack(&ev->msg->base, a->head.bytes);
        ev->msg->run = run;
        a->head_version = committed_version;
    }
    size_t run_len = run != NULL ? protobuf_c_message_get_packed_size(&run->base) : 0;
    reserve(&a->whole, a->head.len + 11 + run_len);
    memcpy(a->whole.bytes, a->head.bytes, a->head.len);
    size_t n = a->head.len;
    if (run != NULL) {
        a->whole.bytes[n++] = 11 << 3 | 2; /* Event.run */
        for (uint64_t v = run_len; ; v >>= 7) {
            a->whole.bytes[n++] = (uint8_t)(v < 0x80 ? v : (v | 0x80));
            if (v < 0x80) {
                break;
            }
        }
        n += protobuf_c_message_pack(&run->base, a->whole.bytes + n);
    }
    a->whole.len = n;
    a->version = committed_version;
    a->at = now;
    return a;
}

void events_get(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    Hack__V1__GetEventRequest flat;
    Hack__V1__GetEventRequest *r = (Hack__V1__GetEventRequest *)request_read(
        &hack__v1__get_event_request__descriptor, payload, len, &flat.base);
    if (r == NULL) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "payload is not a valid hack.v1.GetEventRequest");
        goto out;
    }
    int64_t now = now_ms();
    if (encode_every_call) {
        event *ev = event_find(r->slug);
        if (ev != NULL && may_read_event(p, ev->slug)) {
            event_run_as_of(ev, now);
            reply_msg(c, id, &ev->msg->base);
            goto out;
        }
    } else if (may_read_event(p, r->slug)) {
        const event_answer *a = answer_of(r->slug);
        if (a != NULL && a->version == committed_version && a->at == now) {
            reply_ok(c, id, a->whole.bytes, a->whole.len);
            goto out;
        }
    }
    event *ev = event_find(r->slug);
    if (ev == NULL || !may_read_event(p, ev->slug)) {
        if (ev == NULL && p->role == ROLE_ADMIN) {
            reply_error(c, id, HACK_STATUS_NOT_FOUND, "event \"%s\" not found", r->slug);
        } else {
            reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "event \"%s\" not found or not visible to this token: "
                        "permission events.read is required (held by: admin; any token of the event (every role))",
                        r->slug);
        }
        goto out;
    }
    const event_answer *a = encode_event(ev, now);
    reply_ok(c, id, a->whole.bytes, a->whole.len);
out:
    request_free((ProtobufCMessage *)r, &flat.base);
}

