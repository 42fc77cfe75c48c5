/**
 * @file varint.h
 * @brief A protobuf varint read from bytes, for the bench's hand-written
 *        readers of protobuf fields (the load generator's scan of answers,
 *        the C server's requests).
 */
#ifndef BENCH_VARINT_H
#define BENCH_VARINT_H

#include <stdint.h>

/** Reads a varint at *p (< end) and moves *p past it; -1 if truncated or over 64 bits. */
static inline int read_varint(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64 && *p < end; shift += 7) {
        uint8_t b = *(*p)++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

#endif
