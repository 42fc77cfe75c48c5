/**
 * @file commit.c
 * @brief The group commit, as hackd's GroupCommitter: the changes queued
 *        during a loop turn (and during the commit in flight) go to disk in
 *        one transaction (BEGIN IMMEDIATE, the changes' rows, then their
 *        audit entries, COMMIT: one fsync with synchronous=FULL) off the
 *        loop, on libuv's threadpool, so the loop keeps serving meanwhile;
 *        each change is answered once its transaction is on disk. When a
 *        commit lands, the next one waits up to 1 ms (--gather-ms) for as
 *        many writers as it answered.
 *
 *        --commit-thread: on a thread of its own (commit_thread.c) instead.
 *        --inline-commit: on the loop itself, as Redis fsyncs its
 *        append-only file before the loop sleeps: no hand-off, nothing
 *        served while the disk syncs.
 *        --stream-rows: on that thread, each loop turn's changes are written
 *        into the next transaction as soon as the turn ends (while the loop
 *        gathers the rest), not all at once when it commits; the COMMIT, its
 *        fsync and the answers are the same.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commit.h"

int gather_window_ms = 1; /* --gather-ms: hackd's 1; 0: each commit goes as soon as the last lands */
int commit_thread;        /* --commit-thread */
int stream_rows;          /* --stream-rows (implies --commit-thread) */
int inline_commit;        /* --inline-commit */

static change **queued; /* decided this turn (or while a commit is in flight, without --stream-rows) */
static int n_queued, cap_queued;
static batch *open_batch; /* --stream-rows: the next transaction, its rows already handed over */
static int in_flight, gathering, expected_writers;
static uv_timer_t *gather_timer;
static uv_check_t *turn_hook;

static batch *batch_new(void)
{
    batch *b = calloc(1, sizeof *b);
    if (b == NULL) {
        abort();
    }
    b->work.data = b;
    return b;
}

/* Back on the loop: the answers, once the transaction is on disk (or failed). */
static void landed(batch *b)
{
    int ok = b->rc == SQLITE_OK;
    in_flight = 0;
    expected_writers = ok ? b->n + n_queued + (open_batch != NULL ? open_batch->n : 0) : 0;
    if (ok) {
        server_stats.commits++;
        server_stats.changes_committed += (uint64_t)b->n;
    } else {
        fprintf(stderr, "cserver: commit of %d changes failed: %s\n", b->n, b->error);
    }
    for (int i = 0; i < b->n; i++) {
        change *ch = b->items[i];
        if (ok) {
            committed_version++;
        }
        ch->done(ch, ok);
        conn_unref(ch->c);
        free(ch);
    }
    free(b->items);
    free(b);
    conns_flush_dirty();
}

static void pool_work(uv_work_t *w)
{
    batch *b = w->data;
    store_rows(b, b->items, b->n);
    store_end(b);
}

static void pool_done(uv_work_t *w, int status)
{
    batch *b = w->data;
    if (status != 0 && b->rc == SQLITE_OK) {
        b->rc = SQLITE_ERROR;
        snprintf(b->error, sizeof b->error, "the threadpool cancelled it");
    }
    landed(b);
}

/* --stream-rows: the turn's changes join the next transaction, their rows written now. */
static void hand_over(void)
{
    if (n_queued == 0) {
        return;
    }
    if (open_batch == NULL) {
        open_batch = batch_new();
    }
    batch *b = open_batch;
    if (b->n + n_queued > b->cap) {
        b->cap = (b->n + n_queued) * 2;
        if ((b->items = realloc(b->items, (size_t)b->cap * sizeof *b->items)) == NULL) {
            abort();
        }
    }
    memcpy(b->items + b->n, queued, (size_t)n_queued * sizeof *queued);
    b->n += n_queued;
    thread_post(b, queued, n_queued, 0);
    queued = NULL;
    n_queued = cap_queued = 0;
}

static void flush(void);

static void on_gather(uv_timer_t *t)
{
    (void)t;
    expected_writers = 0;
    flush();
}

static void flush(void)
{
    if (stream_rows) {
        hand_over();
    }
    int waiting = stream_rows ? (open_batch != NULL ? open_batch->n : 0) : n_queued;
    if (in_flight || waiting == 0) {
        return;
    }
    if (waiting < expected_writers && gather_window_ms > 0) {
        if (!gathering) {
            gathering = 1;
            uv_timer_start(gather_timer, on_gather, (uint64_t)gather_window_ms, 0);
        }
        return;
    }
    if (gathering) {
        gathering = 0;
        uv_timer_stop(gather_timer);
    }
    expected_writers = 0;
    in_flight = 1;
    if (stream_rows) {
        batch *b = open_batch;
        open_batch = NULL;
        thread_post(b, NULL, 0, 1);
        return;
    }
    batch *b = batch_new();
    b->items = queued;
    b->n = n_queued;
    queued = NULL;
    n_queued = cap_queued = 0;
    if (inline_commit) {
        pool_work(&b->work);
        landed(b);
    } else if (commit_thread) {
        thread_post(b, b->items, b->n, 1);
    } else {
        uv_queue_work(loop, &b->work, pool_work, pool_done);
    }
}

static void on_turn(uv_check_t *h)
{
    (void)h;
    flush();
}

void committer_enqueue(change *ch)
{
    if (n_queued == cap_queued) {
        cap_queued = cap_queued ? cap_queued * 2 : 64;
        if ((queued = realloc(queued, (size_t)cap_queued * sizeof *queued)) == NULL) {
            abort();
        }
    }
    queued[n_queued++] = ch;
}

void committer_turn(void)
{
    flush();
}

void committer_init(void)
{
    gather_timer = calloc(1, sizeof *gather_timer);
    turn_hook = calloc(1, sizeof *turn_hook);
    if (gather_timer == NULL || turn_hook == NULL) {
        abort();
    }
    uv_timer_init(loop, gather_timer);
    uv_check_init(loop, turn_hook);
    uv_check_start(turn_hook, on_turn);
    uv_unref((uv_handle_t *)turn_hook);
    if (commit_thread || stream_rows) {
        thread_start(landed);
    }
}

static void free_handle(uv_handle_t *h)
{
    free(h);
}

void committer_close(void)
{
    thread_stop();
    if (!uv_is_closing((uv_handle_t *)gather_timer)) {
        uv_close((uv_handle_t *)gather_timer, free_handle);
    }
    if (!uv_is_closing((uv_handle_t *)turn_hook)) {
        uv_close((uv_handle_t *)turn_hook, free_handle);
    }
}
