/**
 * @file hist.c
 * @brief Latency histogram in microseconds: exact below 1,024 µs, then 512
 *        buckets per power of two (under 0.2% error), up to about 2^42 µs.
 */
#include <stdlib.h>
#include <string.h>

#include "loadgen.h"

#define SUB 512u
#define BUCKETS (SUB * 34u)

static size_t index_of(uint64_t v)
{
    if (v < 2 * SUB) {
        return (size_t)v;
    }
    unsigned msb = 63u - (unsigned)__builtin_clzll(v);
    unsigned shift = msb - 9u; /* v >> shift is in [512, 1023] */
    size_t i = (size_t)shift * SUB + (size_t)(v >> shift);
    return i < BUCKETS ? i : BUCKETS - 1;
}

/* The largest value that lands in bucket i. */
static uint64_t upper_of(size_t i)
{
    if (i < 2 * SUB) {
        return i;
    }
    unsigned shift = (unsigned)(i / SUB) - 1u;
    uint64_t sub = i - (size_t)shift * SUB;
    return ((sub + 1) << shift) - 1;
}

void hist_init(hist *h)
{
    memset(h, 0, sizeof *h);
    h->counts = calloc(BUCKETS, sizeof *h->counts);
    if (h->counts == NULL) {
        die("out of memory for a histogram");
    }
}

void hist_reset(hist *h)
{
    memset(h->counts, 0, BUCKETS * sizeof *h->counts);
    h->n = h->max = h->sum = 0;
}

void hist_free(hist *h)
{
    free(h->counts);
    h->counts = NULL;
}

void hist_add(hist *h, uint64_t us)
{
    h->counts[index_of(us)]++;
    h->n++;
    h->sum += us;
    if (us > h->max) {
        h->max = us;
    }
}

uint64_t hist_quantile(const hist *h, double q)
{
    if (h->n == 0) {
        return 0;
    }
    uint64_t rank = (uint64_t)(q * (double)h->n + 0.999999);
    if (rank < 1) {
        rank = 1;
    }
    uint64_t seen = 0;
    for (size_t i = 0; i < BUCKETS; i++) {
        seen += h->counts[i];
        if (seen >= rank) {
            uint64_t v = upper_of(i);
            return v < h->max ? v : h->max;
        }
    }
    return h->max;
}
