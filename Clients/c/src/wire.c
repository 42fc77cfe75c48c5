/**
 * @file wire.c
 * @brief Frames on the connection: sending, receiving into the growing
 *        buffer, PING answers, GOAWAY, and marking a connection broken.
 */
#include <stdlib.h>
#include <string.h>

#include "hack/v1/frames.pb-c.h"
#include "internal.h"

/** First size of the receive buffer; it grows up to one maximal frame. */
#define INITIAL_RECV_CAPACITY 16384u
/** How long a best-effort CANCEL may take to send. */
#define CANCEL_SEND_TIMEOUT_MS 100u

int hack_break_connection(hack_client *c, const hack_error *err)
{
    if (!c->broken) {
        c->broken = 1;
        memcpy(c->broken_reason, err->message, sizeof c->broken_reason);
    }
    return err->status;
}

int hack_send_frame(hack_client *c, uint8_t kind, uint32_t call_id, const ProtobufCMessage *msg,
                    hack_deadline deadline, hack_error *err)
{
    size_t body_len = msg != NULL ? protobuf_c_message_get_packed_size(msg) : 0;
    if (body_len > (size_t)c->max_frame_bytes - HACK_FRAME_MIN_LENGTH) {
        return hack_set_error(err, HACK_ERR_ARG,
                              "frame of %zu bytes exceeds the server's limit of %u bytes",
                              body_len + HACK_FRAME_MIN_LENGTH, (unsigned)c->max_frame_bytes);
    }
    uint8_t *buf = malloc(HACK_FRAME_HEADER_SIZE + body_len);
    if (buf == NULL) {
        return hack_set_error(err, HACK_ERR_NOMEM, "out of memory for a frame of %zu bytes", body_len);
    }
    (void)hack_frame_encode_header(buf, kind, call_id, body_len); /* length checked above */
    if (msg != NULL) {
        (void)protobuf_c_message_pack(msg, buf + HACK_FRAME_HEADER_SIZE);
    }
    int rc = hack_net_write_all(c->fd, buf, HACK_FRAME_HEADER_SIZE + body_len, deadline, err);
    free(buf);
    return rc;
}

void hack_send_cancel(hack_client *c, uint32_t call_id)
{
    if (!c->broken) {
        (void)hack_send_frame(c, HACK_FRAME_CANCEL, call_id, NULL, hack_deadline_in(CANCEL_SEND_TIMEOUT_MS), NULL);
    }
}

int hack_answer_ping(hack_client *c, const hack_frame *f, hack_deadline deadline, hack_error *err)
{
    Hack__V1__Ping *ping = hack__v1__ping__unpack(NULL, f->body_len, f->body);
    if (ping == NULL) {
        return hack_set_error(err, HACK_ERR_DECODE, "the server sent a PING that is not a valid Ping");
    }
    Hack__V1__Ping pong = HACK__V1__PING__INIT;
    pong.opaque = ping->opaque;
    hack__v1__ping__free_unpacked(ping, NULL);
    return hack_send_frame(c, HACK_FRAME_PONG, 0, &pong.base, deadline, err);
}

/* Makes room for at least `need` bytes in the receive buffer. */
static int reserve(hack_client *c, size_t need, hack_error *err)
{
    if (need <= c->rcap) {
        return 0;
    }
    size_t cap = c->rcap > 0 ? c->rcap : INITIAL_RECV_CAPACITY;
    while (cap < need) {
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    }
    uint8_t *p = realloc(c->rbuf, cap);
    if (p == NULL) {
        return hack_set_error(err, HACK_ERR_NOMEM, "out of memory for a frame of %zu bytes", need);
    }
    c->rbuf = p;
    c->rcap = cap;
    return 0;
}

int hack_recv_frame(hack_client *c, hack_deadline deadline, hack_frame *f, hack_error *err)
{
    if (c->rconsumed > 0) {
        memmove(c->rbuf, c->rbuf + c->rconsumed, c->rlen - c->rconsumed);
        c->rlen -= c->rconsumed;
        c->rconsumed = 0;
    }
    for (;;) {
        size_t size = 0;
        int r = hack_frame_decode(c->rbuf, c->rlen, c->max_frame_bytes, f, &size);
        switch (r) {
        case HACK_FRAME_OK:
            c->rconsumed = size;
            return 0;
        case HACK_FRAME_TOO_LARGE:
            return hack_set_error(err, HACK_ERR_PROTOCOL,
                                  "the server sent a frame of length %u, over the limit of %u",
                                  (unsigned)hack_get_be32(c->rbuf), (unsigned)c->max_frame_bytes);
        case HACK_FRAME_TOO_SHORT:
            return hack_set_error(err, HACK_ERR_PROTOCOL,
                                  "the server sent a frame of length %u (the minimum is %u)",
                                  (unsigned)hack_get_be32(c->rbuf), HACK_FRAME_MIN_LENGTH);
        default: /* HACK_FRAME_NEED_MORE: size is bounded by the checked length */
            break;
        }
        if (reserve(c, size, err) != 0) {
            return HACK_ERR_NOMEM;
        }
        long n = hack_net_read_some(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, deadline, err);
        if (n < 0) {
            return (int)n;
        }
        c->rlen += (size_t)n;
    }
}

int hack_handle_goaway(hack_client *c, const hack_frame *f, hack_error *err)
{
    Hack__V1__GoAway *ga = hack__v1__go_away__unpack(NULL, f->body_len, f->body);
    if (ga == NULL) {
        hack_set_error(err, HACK_ERR_DECODE, "the server sent a GOAWAY that is not a valid GoAway");
    } else {
        int status = (int)ga->status > 0 ? (int)ga->status : HACK_ERR_CLOSED;
        const char *why = ga->message != NULL && ga->message[0] != '\0' ? ga->message
                                                                        : "the server is closing the connection";
        hack_set_error(err, status, "%s", why);
        hack__v1__go_away__free_unpacked(ga, NULL);
    }
    return hack_break_connection(c, err);
}
