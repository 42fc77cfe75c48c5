/**
 * @file frame.c
 * @brief Frame header encoding and decoding: pure functions, no I/O.
 */
#include "internal.h"

int hack_frame_encode_header(uint8_t out[HACK_FRAME_HEADER_SIZE], uint8_t kind,
                             uint32_t call_id, size_t body_len)
{
    if (body_len > (size_t)(UINT32_MAX - HACK_FRAME_MIN_LENGTH)) {
        return HACK_FRAME_TOO_LARGE;
    }
    hack_put_be32(out, (uint32_t)(body_len + HACK_FRAME_MIN_LENGTH));
    out[4] = kind;
    hack_put_be32(out + 5, call_id);
    return HACK_FRAME_OK;
}

int hack_frame_decode(const uint8_t *buf, size_t len, uint32_t max_frame_bytes,
                      hack_frame *frame, size_t *frame_size)
{
    if (len < 4) {
        if (frame_size != NULL) {
            *frame_size = HACK_FRAME_HEADER_SIZE;
        }
        return HACK_FRAME_NEED_MORE;
    }

    /* Judge the length before anything else: it decides what we may buffer. */
    uint32_t length = hack_get_be32(buf);
    if (length > max_frame_bytes) {
        return HACK_FRAME_TOO_LARGE;
    }
    if (length < HACK_FRAME_MIN_LENGTH) {
        return HACK_FRAME_TOO_SHORT;
    }

    size_t total = (size_t)4 + length;
    if (len < total) {
        if (frame_size != NULL) {
            *frame_size = total;
        }
        return HACK_FRAME_NEED_MORE;
    }

    if (frame != NULL) {
        frame->kind = buf[4];
        frame->call_id = hack_get_be32(buf + 5);
        frame->body = buf + HACK_FRAME_HEADER_SIZE;
        frame->body_len = length - HACK_FRAME_MIN_LENGTH;
    }
    if (frame_size != NULL) {
        *frame_size = total;
    }
    return HACK_FRAME_OK;
}
