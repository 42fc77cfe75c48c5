/**
 * @file commit.c
 * @brief The group commit, as hackd's GroupCommitter: the changes queued
 *        during a loop turn (and during the commit in flight) go to disk in
 *        one transaction (BEGIN IMMEDIATE, the changes' rows, then their
 *        audit entries, COMMIT: one fsync with synchronous=FULL) on libuv's
 *        threadpool, so the loop keeps serving meanwhile; each change is
 *        answered once its transaction is on disk. When a commit lands, the
 *        next one waits up to 1 ms for as many writers as it answered.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cserver.h"
#include "hackd_db.h"

int gather_window_ms = 1; /* --gather-ms: hackd's 1; 0: each commit goes as soon as the last lands */

static sqlite3 *db;
static change **queued;
static int n_queued, cap_queued;
static int in_flight, gathering, expected_writers;
static uv_timer_t *gather_timer;
static uv_check_t *turn_hook;

/* --commit-thread: one thread of its own, woken with a batch, answering through an async handle. */
int commit_thread;
static pthread_t thread;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct batch *todo, *landed_batch;
static int stopping;
static uv_async_t *landed;

typedef struct batch {
    uv_work_t work;
    change **items;
    int n;
    int rc;
    char error[256];
} batch;

/* ---------------------------------------------------- the commit thread */

static struct {
    const char *sql;
    sqlite3_stmt *st;
} stmts[32];

void *store_stmt(void *handle, const char *sql)
{
    int i = 0;
    for (; i < 32 && stmts[i].sql != NULL; i++) {
        if (stmts[i].sql == sql) {
            return stmts[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (i == 32 || sqlite3_prepare_v3(handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "cserver: cannot prepare %s: %s\n", sql, sqlite3_errmsg(handle));
        abort();
    }
    stmts[i].sql = sql;
    stmts[i].st = st;
    return st;
}

static int audit(change *ch)
{
    char target[128], summary[2048];
    ch->audit_text(ch, target, sizeof target, summary, sizeof summary);
    sqlite3_stmt *st = store_stmt(db, hackd_audit_sql);
    sqlite3_bind_int64(st, 1, ch->at);
    if (ch->by != NULL) {
        sqlite3_bind_int64(st, 2, ch->by->id);
    } else {
        sqlite3_bind_null(st, 2);
    }
    sqlite3_bind_text(st, 3, ch->by != NULL ? ch->by->name : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, ch->method, -1, SQLITE_STATIC);
    if (ch->event_slug != NULL) {
        sqlite3_bind_text(st, 5, ch->event_slug, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, 5);
    }
    sqlite3_bind_text(st, 6, target, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, summary, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void commit_work(uv_work_t *w)
{
    batch *b = w->data;
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    for (int i = 0; rc == SQLITE_OK && i < b->n; i++) {
        rc = b->items[i]->write(b->items[i], db);
    }
    for (int i = 0; rc == SQLITE_OK && i < b->n; i++) {
        rc = audit(b->items[i]);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        snprintf(b->error, sizeof b->error, "%s", sqlite3_errmsg(db));
        (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    b->rc = rc;
}

/* ---------------------------------------------------------------- the loop */

static void commit_done(uv_work_t *w, int status)
{
    batch *b = w->data;
    int ok = status == 0 && b->rc == SQLITE_OK;
    in_flight = 0;
    expected_writers = ok ? b->n + n_queued : 0;
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

static void *thread_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mutex);
    for (;;) {
        while (todo == NULL && !stopping) {
            pthread_cond_wait(&wake, &mutex);
        }
        if (todo == NULL) {
            break;
        }
        batch *b = todo;
        todo = NULL;
        pthread_mutex_unlock(&mutex);
        commit_work(&b->work);
        pthread_mutex_lock(&mutex);
        landed_batch = b;
        uv_async_send(landed);
    }
    pthread_mutex_unlock(&mutex);
    return NULL;
}

static void on_landed(uv_async_t *a)
{
    (void)a;
    pthread_mutex_lock(&mutex);
    batch *b = landed_batch;
    landed_batch = NULL;
    pthread_mutex_unlock(&mutex);
    if (b != NULL) {
        commit_done(&b->work, 0);
    }
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
    if (in_flight || n_queued == 0) {
        return;
    }
    if (n_queued < expected_writers && gather_window_ms > 0) {
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
    batch *b = calloc(1, sizeof *b);
    if (b == NULL) {
        abort();
    }
    b->items = queued;
    b->n = n_queued;
    b->work.data = b;
    queued = NULL;
    n_queued = cap_queued = 0;
    in_flight = 1;
    if (commit_thread) {
        pthread_mutex_lock(&mutex);
        todo = b;
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&mutex);
    } else {
        uv_queue_work(loop, &b->work, commit_work, commit_done);
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

int store_open(const char *path)
{
    if (hackd_db_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "cserver: cannot open %s: %s\n", path, db != NULL ? sqlite3_errmsg(db) : "");
        return -1;
    }
    /* The next ids, as hackd's state loader finds them. */
    static const char *const next[] = {"SELECT coalesce(max(id), 0) + 1 FROM challenges",
                                       "SELECT coalesce(max(id), 0) + 1 FROM teams",
                                       "SELECT coalesce(max(id), 0) + 1 FROM ideas"};
    int64_t *ids[] = {&next_challenge_id, &next_team_id, &next_idea_id};
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, next[i], -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
            fprintf(stderr, "cserver: %s: %s\n", next[i], sqlite3_errmsg(db));
            return -1;
        }
        *ids[i] = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return 0;
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
    if (commit_thread) {
        if ((landed = calloc(1, sizeof *landed)) == NULL || uv_async_init(loop, landed, on_landed) != 0 ||
            pthread_create(&thread, NULL, thread_main, NULL) != 0) {
            abort();
        }
    }
}

static void free_handle(uv_handle_t *h)
{
    free(h);
}

void committer_close(void)
{
    if (commit_thread && landed != NULL) {
        pthread_mutex_lock(&mutex);
        stopping = 1;
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&mutex);
        pthread_join(thread, NULL); /* the commit in flight lands first */
        on_landed(landed);
        uv_close((uv_handle_t *)landed, free_handle);
        landed = NULL;
    }
    if (!uv_is_closing((uv_handle_t *)gather_timer)) {
        uv_close((uv_handle_t *)gather_timer, free_handle);
    }
    if (!uv_is_closing((uv_handle_t *)turn_hook)) {
        uv_close((uv_handle_t *)turn_hook, free_handle);
    }
}

void store_close(void)
{
    for (int i = 0; i < 32 && stmts[i].sql != NULL; i++) {
        sqlite3_finalize(stmts[i].st);
    }
    sqlite3_close(db);
}
