/**
 * @file store.c
 * @brief The database, as hackd's HackStore: opened with hackd's settings
 *        (hackd_db.h), statements prepared once, a transaction's rows then
 *        its audit entries (the entries' text written here, on the commit's
 *        thread, as hackd's AuditEntry), then COMMIT.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "commit.h"
#include "hackd_db.h"

static sqlite3 *db;

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

static void failed(batch *b, int rc)
{
    if (b->rc == SQLITE_OK) {
        b->rc = rc;
        snprintf(b->error, sizeof b->error, "%s", sqlite3_errmsg(db));
    }
}

void store_rows(batch *b, change **items, int n)
{
    if (!b->begun) {
        b->begun = 1;
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            failed(b, rc);
        }
    }
    for (int i = 0; b->rc == SQLITE_OK && i < n; i++) {
        int rc = items[i]->write(items[i], db);
        if (rc != SQLITE_OK) {
            failed(b, rc);
        }
    }
    for (int i = 0; b->rc == SQLITE_OK && i < n; i++) {
        int rc = audit(items[i]);
        if (rc != SQLITE_OK) {
            failed(b, rc);
        }
    }
}

void store_end(batch *b)
{
    if (b->rc == SQLITE_OK) {
        int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            failed(b, rc);
        }
    }
    if (b->rc != SQLITE_OK && b->begun) {
        (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
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

void store_close(void)
{
    for (int i = 0; i < 32 && stmts[i].sql != NULL; i++) {
        sqlite3_finalize(stmts[i].st);
    }
    sqlite3_close(db);
}
