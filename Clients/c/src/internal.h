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

#endif /* HACKCLIENT_INTERNAL_H */
