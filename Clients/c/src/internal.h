/**
 * @file internal.h
 * @brief Helpers shared by the library's source files. Not installed.
 */
#ifndef HACKCLIENT_INTERNAL_H
#define HACKCLIENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "hackclient.h"

/** Writes @p v big-endian into 4 bytes at @p p. */
static inline void hack_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/** Reads a big-endian u32 from 4 bytes at @p p. */
static inline uint32_t hack_get_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

/**
 * Fills @p err (if not NULL) with @p status and a printf-formatted message,
 * truncated on a UTF-8 character boundary.
 *
 * @return @p status, so callers can `return hack_set_error(...)`
 */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 3, 4)))
#endif
int hack_set_error(hack_error *err, int status, const char *fmt, ...);

/** Marks @p err (if not NULL) as success: status OK, empty message. */
void hack_clear_error(hack_error *err);

/** A point on the monotonic clock in milliseconds; HACK_NO_DEADLINE waits forever. */
typedef int64_t hack_deadline;
#define HACK_NO_DEADLINE ((hack_deadline)-1)

/** The monotonic clock now, in milliseconds. */
int64_t hack_now_ms(void);

/** now + @p ms */
hack_deadline hack_deadline_in(uint32_t ms);

/**
 * Resolves and connects to host:port, non-blocking socket with TCP_NODELAY.
 *
 * @return the socket, or -1 with @p err filled (HACK_ERR_RESOLVE or HACK_ERR_IO)
 */
int hack_net_connect(const char *host, uint16_t port, hack_deadline deadline, hack_error *err);

/** Writes all @p len bytes. @return 0, or a HACK_ERR_* value with @p err filled. */
int hack_net_write_all(int fd, const uint8_t *buf, size_t len, hack_deadline deadline, hack_error *err);

/**
 * Reads what is available, up to @p cap bytes, waiting until the deadline.
 *
 * @return the number of bytes read (> 0), or a HACK_ERR_* value with @p err
 *         filled (HACK_ERR_IO also when the peer closed the connection)
 */
long hack_net_read_some(int fd, uint8_t *buf, size_t cap, hack_deadline deadline, hack_error *err);

/* ------------------------------------------------------------------------- */
/* The connection (hackclient.c, wire.c, call.c)                              */
/* ------------------------------------------------------------------------- */

/** The metadata key that carries credentials, in HELLO and in REQUEST. */
#define HACK_AUTHORIZATION_KEY "authorization"

struct hack_client {
    int fd;
    uint32_t max_frame_bytes; /* limit on the length field, both directions */
    uint32_t next_call_id;
    char *server_name;

    /* "Bearer <secret>" sent in every REQUEST's metadata (hack_set_call_token),
     * overriding the HELLO's; NULL: none. Owned, wiped before it is freed. */
    char *call_authorization;

    /* Timeouts of the generated wrappers and of every wait for a frame. */
    uint32_t call_timeout_ms;
    uint32_t stream_timeout_ms;
    uint32_t receive_timeout_ms;

    /* Set while a call runs: a stream callback must not reenter the client. */
    int in_call;

    /* Receive buffer: rbuf[0, rlen) holds bytes read; the first rconsumed of
     * them belong to the frame last returned by hack_recv_frame(). */
    uint8_t *rbuf;
    size_t rlen;
    size_t rcap;
    size_t rconsumed;

    /* Set once the connection is unusable; later calls report why. */
    int broken;
    char broken_reason[HACK_ERROR_MESSAGE_SIZE];
};

/** Marks the connection unusable after @p err was filled with a fatal error. @return err->status */
int hack_break_connection(hack_client *c, const hack_error *err);

/** Packs @p msg (NULL: empty body) into a frame and sends it. */
int hack_send_frame(hack_client *c, uint8_t kind, uint32_t call_id, const ProtobufCMessage *msg,
                    hack_deadline deadline, hack_error *err);

/** Best effort CANCEL of @p call_id: the server then drops the call; late frames are skipped by id. */
void hack_send_cancel(hack_client *c, uint32_t call_id);

/** Answers a PING frame with a PONG carrying the same opaque. */
int hack_answer_ping(hack_client *c, const hack_frame *f, hack_deadline deadline, hack_error *err);

/**
 * Returns the next frame. Its body points into the receive buffer and stays
 * valid until the next call of hack_recv_frame().
 */
int hack_recv_frame(hack_client *c, hack_deadline deadline, hack_frame *f, hack_error *err);

/** Reports a GOAWAY frame as an error and marks the connection unusable. */
int hack_handle_goaway(hack_client *c, const hack_frame *f, hack_error *err);

#endif /* HACKCLIENT_INTERNAL_H */
