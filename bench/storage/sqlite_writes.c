/* sqlite_writes: the storage ceiling of the durable-write figure.
 *
 * Writes what an acknowledged Ideas/Create makes hackd write (the idea's row
 * and its audit entry, with hackd's own statements, into a database made by
 * `hackd init`: hackd's schema, indexes, triggers and foreign keys) straight
 * into SQLite, on one thread, with no network, no protocol and no domain
 * logic: BEGIN IMMEDIATE, --group ideas and their audit entries, COMMIT, with
 * hackd's settings (WAL, synchronous=FULL: an fsync per commit, foreign keys
 * on, memory statistics off). --group 50 is the most a commit can carry when
 * 50 clients each wait for their answer before sending again, as in the
 * figure. SQLite has one writer per database, so no server that keeps these
 * rows in SQLite can acknowledge them faster than this loop commits them.
 *
 *   sqlite_writes --db PATH [--seconds 4] [--warmup 1] [--group 50]
 *
 * Prints one JSON object: writes/s, commits, and the CPU time per write
 * (user and system, from getrusage), the same fields as loadgen's results.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "hackd_db.h"
#include "write_load.h"

#define ROOM_WRITES_PER_S 400000.0 /* teams are made for this rate: far above any measured */

static sqlite3 *db;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sqlite_writes: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (db != NULL) {
        fprintf(stderr, " (%s)", sqlite3_errmsg(db));
    }
    fputc('\n', stderr);
    exit(1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double cpu_s(int sys)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    struct timeval tv = sys ? ru.ru_stime : ru.ru_utime;
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void exec(const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        die("%s", sql);
    }
}

static sqlite3_stmt *prepare(const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        die("cannot prepare %s", sql);
    }
    return st;
}

static void run(sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db) != 1) {
        die("%s", sqlite3_sql(st));
    }
    sqlite3_reset(st);
}

static long long scalar(const char *sql)
{
    sqlite3_stmt *st = prepare(sql);
    long long value = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return value;
}

static void text(sqlite3_stmt *st, int index, const char *value)
{
    sqlite3_bind_text(st, index, value, -1, SQLITE_TRANSIENT);
}

/* The first of the teams and of their challenges: the rest follow in order. */
typedef struct teams_made {
    long long first_team, first_challenge;
} teams_made;

/* Events of TEAMS_PER_EVENT teams each, one challenge each, as loadgen's setup
 * makes them through hackd (not measured). */
static teams_made make_teams(long teams)
{
    long long first = scalar("SELECT coalesce(max(id), 0) + 1 FROM teams");
    long long challenge = scalar("SELECT coalesce(max(id), 0) + 1 FROM challenges");
    exec("BEGIN IMMEDIATE");
    exec("INSERT OR IGNORE INTO territories (slug, name, representative_name, representative_role) "
         "VALUES ('plafond', 'Plafond', 'Zoé Mercier', 'Chargée de mission')");
    sqlite3_stmt *event = prepare("INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at) "
                                  "VALUES (?, ?, 'Saint-Omer', 'Europe/Paris', '2017-11-16', 'Énergie', ?, ?)");
    sqlite3_stmt *chal = prepare("INSERT INTO challenges (id, event_slug, territory_slug, title, context) "
                                 "VALUES (?, ?, 'plafond', 'Défi', 'Contexte')");
    sqlite3_stmt *team = prepare("INSERT INTO teams (id, event_slug, challenge_id, name) VALUES (?, ?, ?, ?)");
    char slug[64], name[64];
    for (long t = 0; t < teams; t++) {
        long e = t / TEAMS_PER_EVENT;
        snprintf(slug, sizeof slug, "plafond-%lld-%ld", first, e);
        if (t % TEAMS_PER_EVENT == 0) {
            text(event, 1, slug);
            text(event, 2, slug);
            sqlite3_bind_int64(event, 3, now_ms());
            sqlite3_bind_int64(event, 4, now_ms());
            run(event);
            sqlite3_bind_int64(chal, 1, challenge + e);
            text(chal, 2, slug);
            run(chal);
        }
        snprintf(name, sizeof name, "Équipe %ld", t);
        sqlite3_bind_int64(team, 1, first + t);
        text(team, 2, slug);
        sqlite3_bind_int64(team, 3, challenge + e);
        text(team, 4, name);
        run(team);
    }
    exec("COMMIT");
    sqlite3_finalize(event);
    sqlite3_finalize(chal);
    sqlite3_finalize(team);
    return (teams_made){first, challenge};
}

typedef struct writer {
    long team;     /* index of its current team */
    int on_team;   /* ideas posted on it */
} writer;

int main(int argc, char **argv)
{
    const char *path = NULL;
    double seconds = 4, warmup = 1;
    int group = 50;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL) {
            die("%s needs a value", a);
        } else if (strcmp(a, "--db") == 0) {
            path = v;
        } else if (strcmp(a, "--seconds") == 0) {
            seconds = atof(v);
        } else if (strcmp(a, "--warmup") == 0) {
            warmup = atof(v);
        } else if (strcmp(a, "--group") == 0) {
            group = atoi(v);
        } else {
            die("unknown option %s (usage: sqlite_writes --db PATH [--seconds S] [--warmup S] [--group N])", a);
        }
        i++;
    }
    if (path == NULL || seconds <= 0 || warmup < 0 || group < 1 || group > 10000) {
        die("usage: sqlite_writes --db PATH [--seconds S] [--warmup S] [--group N]");
    }
    if (hackd_db_open(path, &db) != SQLITE_OK) {
        die("cannot open %s with hackd's settings", path);
    }

    long teams = (long)((warmup + seconds) * ROOM_WRITES_PER_S / IDEAS_PER_TEAM) + group;
    teams_made made = make_teams(teams);
    long long first_team = made.first_team, first_challenge = made.first_challenge;
    long long token = scalar("SELECT id FROM tokens WHERE role = 'admin' ORDER BY id LIMIT 1");
    long long next_idea = scalar("SELECT coalesce(max(id), 0) + 1 FROM ideas");
    sqlite3_stmt *idea = prepare(hackd_idea_sql), *audit = prepare(hackd_audit_sql);
    writer *writers = calloc((size_t)group, sizeof *writers);
    if (writers == NULL) {
        die("out of memory");
    }
    for (int w = 0; w < group; w++) {
        writers[w].team = w;
    }

    char title[96], target[32], summary[128], slug[64];
    double start = now_s(), measure_from = start + warmup, end = measure_from + seconds;
    double cpu_user = 0, cpu_sys = 0;
    long long writes = 0, commits = 0;
    int measuring = 0;
    for (;;) {
        double t = now_s();
        if (!measuring && t >= measure_from) {
            measuring = 1;
            measure_from = t;
            cpu_user = cpu_s(0);
            cpu_sys = cpu_s(1);
        }
        if (measuring && t >= end) {
            break;
        }
        exec("BEGIN IMMEDIATE");
        for (int w = 0; w < group; w++) {
            writer *wr = &writers[w];
            if (wr->on_team == IDEAS_PER_TEAM) {
                wr->on_team = 0;
                wr->team += group;
            }
            if (wr->team >= teams) {
                die("out of teams after %lld writes", writes);
            }
            wr->on_team++;
            long long team = first_team + wr->team, id = next_idea++, at = now_ms();
            long event = wr->team / TEAMS_PER_EVENT;
            snprintf(title, sizeof title, IDEA_TITLE_FORMAT, wr->on_team, (unsigned long long)team);
            snprintf(slug, sizeof slug, "plafond-%lld-%ld", first_team, event);
            sqlite3_bind_int64(idea, 1, id);
            sqlite3_bind_int64(idea, 2, team);
            sqlite3_bind_int64(idea, 3, first_challenge + event);
            text(idea, 4, title);
            text(idea, 5, idea_pitch);
            text(idea, 6, idea_body);
            sqlite3_bind_int64(idea, 7, 1);
            sqlite3_bind_int64(idea, 8, at);
            sqlite3_bind_int64(idea, 9, at);
            run(idea);
            snprintf(target, sizeof target, "idea %lld", id);
            snprintf(summary, sizeof summary, "created \"%s\"", title);
            sqlite3_bind_int64(audit, 1, at);
            sqlite3_bind_int64(audit, 2, token);
            text(audit, 3, "Administrateur");
            text(audit, 4, "hack.v1.Ideas/Create");
            text(audit, 5, slug);
            text(audit, 6, target);
            text(audit, 7, summary);
            run(audit);
        }
        exec("COMMIT");
        if (measuring) {
            writes += group;
            commits++;
        }
    }
    double elapsed = now_s() - measure_from;
    double user = cpu_s(0) - cpu_user, sys = cpu_s(1) - cpu_sys;
    printf("{\n  \"mode\": \"sqlite_writes\",\n  \"seconds\": %.3f,\n  \"calls\": %lld,\n  \"rate\": %.1f,\n",
           elapsed, writes, (double)writes / elapsed);
    printf("  \"commits\": %lld,\n  \"writes_per_commit\": %d,\n", commits, group);
    printf("  \"cpu_user_us_per_write\": %.2f,\n  \"cpu_sys_us_per_write\": %.2f,\n", user * 1e6 / (double)writes,
           sys * 1e6 / (double)writes);
    printf("  \"server_cpu\": %.3f,\n  \"ok\": true\n}\n", (user + sys) / elapsed);
    sqlite3_finalize(idea);
    sqlite3_finalize(audit);
    free(writers);
    if (sqlite3_close(db) != SQLITE_OK) {
        die("close");
    }
    return 0;
}
