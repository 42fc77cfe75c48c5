/**
 * @file commit.h
 * @brief What the group commit's parts share (commit.c on the loop,
 *        store.c and commit_thread.c on the commit's thread).
 */
#ifndef BENCH_CSERVER_COMMIT_H
#define BENCH_CSERVER_COMMIT_H

#include "cserver.h"

/* One transaction: its changes, in order, and how it went. */
typedef struct batch {
    uv_work_t work;
    change **items;
    int n, cap;
    int begun;      /* BEGIN IMMEDIATE ran (commit thread) */
    int rc;         /* SQLITE_OK, or the first error */
    char error[256];
    struct batch *next;
} batch;

/* ------------------------------------------------ on the commit's thread */

/** BEGIN IMMEDIATE once, then the rows of @p n changes, then their audit entries (as hackd's HackStore.commit). */
void store_rows(batch *b, change **items, int n);
/** COMMIT (one fsync), or ROLLBACK after an error. */
void store_end(batch *b);

/* ------------------------------------------------------------- the thread */

/** Starts the commit thread; what it finishes comes back through landed() on the loop. */
void thread_start(void (*landed)(batch *b));
/** Hands over the rows of @p n changes of @p b (@p items, unless b->items, is the thread's to free), and/or its COMMIT. */
void thread_post(batch *b, change **items, int n, int commit);
/** Waits for what was handed over, then stops the thread. */
void thread_stop(void);

#endif
