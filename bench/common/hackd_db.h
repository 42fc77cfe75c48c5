/* What hackd's storage does to a database, shared by the two C programs that
 * write hackd's rows without hackd (storage/sqlite_writes.c, the storage's
 * ceiling, and cserver/, the same calls in plain C): the settings of every
 * connection it opens (Sources/HackStorage/SQLiteDatabase.swift) and the
 * statements of an acknowledged Ideas/Create (Sources/HackStorage/ChangeWriter
 * .swift: the idea's upsert; ChangeWriter+Access.swift: its audit entry). */
#ifndef BENCH_HACKD_DB_H
#define BENCH_HACKD_DB_H

#include <sqlite3.h>

/* The statements of hackd's ChangeWriter (ideas upsert, audit entry). */
static const char hackd_idea_sql[] =
    "INSERT INTO ideas (id, team_id, challenge_id, title, pitch, body, revision, created_at, updated_at)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT (id) DO UPDATE SET\n"
    "    title = excluded.title, pitch = excluded.pitch, body = excluded.body, revision = excluded.revision,\n"
    "    created_at = excluded.created_at, updated_at = excluded.updated_at\n"
    "WHERE ideas.team_id = excluded.team_id AND ideas.challenge_id = excluded.challenge_id";
static const char hackd_audit_sql[] =
    "INSERT INTO audit_log (at, token_id, token_name, method, event_slug, target, summary)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

/**
 * Opens @p path as hackd does: memory statistics off (before SQLite starts),
 * read-write without SQLite's mutexes (one thread uses it at a time), extended
 * result codes, a 5 s busy timeout, WAL, synchronous=FULL (an fsync per
 * commit), foreign keys on. @return SQLITE_OK, or the failing step's code
 * (*db is then still set when it was opened, for sqlite3_errmsg).
 */
static inline int hackd_db_open(const char *path, sqlite3 **db)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE once started: statistics stay on */
    int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        return rc;
    }
    sqlite3_extended_result_codes(*db, 1);
    sqlite3_busy_timeout(*db, 5000);
    static const char *const settings[] = {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                                           "PRAGMA foreign_keys=ON"};
    for (unsigned i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        if ((rc = sqlite3_exec(*db, settings[i], NULL, NULL, NULL)) != SQLITE_OK) {
            return rc;
        }
    }
    return SQLITE_OK;
}

#endif
