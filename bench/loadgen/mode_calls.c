/**
 * @file mode_calls.c
 * @brief Figures 1 and 2: `echo` and `read` (calls per second and latency
 *        at a depth per connection), and `write` (ideas posted, each
 *        answered once its commit is on disk), with the writes each commit
 *        carried from hack.v1.Server/Stats before and after; and `get`, one
 *        Events/Get whose answer bench/cserver then serves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loadgen.h"
#include "write_load.h"

static driver *drv;

/* ----------------------------------------------------------- echo, read */

static void calls_done(void *user)
{
    (void)user;
    printf("{\n  \"mode\": \"%s\",\n", opt.mode);
    driver_print(drv);
    printf("  \"ok\": %s\n}\n", driver_errors(drv) == 0 ? "true" : "false");
}

/* ------------------------------------------------------------------ get */

/* One hack.v1.Events/Get {--slug}: its answer's payload (an encoded Event),
 * as the server sent it, to stdout (for bench/cserver, which serves it). */
static conn admin;
static admin_ctx admin_state;

static void got_event(int status, const uint8_t *payload, size_t len, void *user)
{
    (void)user;
    if (status != 0) {
        die("Events/Get: %s", hack_status_name(status));
    }
    if (fwrite(payload, 1, len, stdout) != len) {
        die("cannot write the answer");
    }
    conn_close(&admin);
}

static void get_ready(void *user)
{
    (void)user;
    Hack__V1__GetEventRequest req = HACK__V1__GET_EVENT_REQUEST__INIT;
    req.slug = (char *)opt.slug;
    setup_call(&admin, "hack.v1.Events/Get", &req.base, got_event, NULL);
    conn_flush(&admin);
}

/* ---------------------------------------------------------------- write */

static bench_event *events;
static int n_events;
static uint64_t *team_ids;
static uint64_t commits0, changes0;
static uint64_t setup_us;

static void read_stats(const uint8_t *payload, size_t len, uint64_t *commits, uint64_t *changes)
{
    Hack__V1__ServerStats *st = hack__v1__server_stats__unpack(NULL, len, payload);
    if (st == NULL) {
        die("Server/Stats answered something that is not a ServerStats");
    }
    *commits = st->commits;
    *changes = st->changes_committed;
    hack__v1__server_stats__free_unpacked(st, NULL);
}

static void stats_before(int status, const uint8_t *payload, size_t len, void *user)
{
    (void)user;
    if (status != 0) {
        die("Server/Stats: %s", hack_status_name(status));
    }
    read_stats(payload, len, &commits0, &changes0);
}

static void stats_after(int status, const uint8_t *payload, size_t len, void *user)
{
    (void)user;
    if (status != 0) {
        die("Server/Stats: %s", hack_status_name(status));
    }
    uint64_t commits1, changes1;
    read_stats(payload, len, &commits1, &changes1);
    uint64_t commits = commits1 - commits0, changes = changes1 - changes0;
    printf("{\n  \"mode\": \"write\",\n");
    driver_print(drv);
    printf("  \"events\": %d,\n  \"teams\": %ld,\n  \"setup_s\": %.3f,\n", n_events, opt.teams, (double)setup_us / 1e6);
    printf("  \"commits\": %llu,\n  \"changes_committed\": %llu,\n  \"writes_per_commit\": %.2f,\n",
           (unsigned long long)commits, (unsigned long long)changes,
           commits > 0 ? (double)changes / (double)commits : 0.0);
    printf("  \"ok\": %s\n}\n", driver_errors(drv) == 0 ? "true" : "false");
    conn_close(&admin);
}

static void write_measuring(void *user)
{
    (void)user;
    Hack__V1__ServerStatsRequest req = HACK__V1__SERVER_STATS_REQUEST__INIT;
    setup_call(&admin, "hack.v1.Server/Stats", &req.base, stats_before, NULL);
    conn_flush(&admin);
}

static void write_done(void *user)
{
    (void)user;
    Hack__V1__ServerStatsRequest req = HACK__V1__SERVER_STATS_REQUEST__INIT;
    setup_call(&admin, "hack.v1.Server/Stats", &req.base, stats_after, NULL);
    conn_flush(&admin);
}

static void teams_ready(void *user)
{
    (void)user;
    setup_us = now_us() - setup_us;
    if (!opt.quiet) {
        fprintf(stderr, "write: %d events, %ld teams ready in %.1f s\n", n_events, opt.teams,
                (double)setup_us / 1e6);
    }
    drv = driver_new("write", token_for("admin"));
    driver_set_teams(drv, team_ids, opt.teams);
    driver_start(drv, write_measuring, write_done, NULL);
}

static void events_ready(void *user)
{
    (void)user;
    setup_teams(&admin, events, n_events, team_ids, opt.teams, teams_ready, NULL);
}

static void admin_ready(void *user)
{
    (void)user;
    setup_us = now_us();
    /* One hack phase of 6 hours: ideas may be posted all along. */
    setup_events(&admin, unique_prefix("w"), events, n_events, 1, 6L * 3600 * 1000, 1, events_ready, NULL);
}

int mode_calls(void)
{
    if (strcmp(opt.mode, "get") == 0) {
        admin_open(&admin, &admin_state, get_ready, NULL);
        return 0;
    }
    if (strcmp(opt.mode, "write") != 0) {
        drv = driver_new(opt.mode, opt.raw ? NULL : token_for("organiser"));
        driver_start(drv, NULL, calls_done, NULL);
        return 0;
    }
    if (opt.teams <= 0) {
        /* Room for 100,000 writes per second over the whole run. */
        opt.teams = (long)((opt.warmup_s + opt.seconds) * 100000.0 / 100.0) + opt.conns;
    }
    n_events = (int)((opt.teams + TEAMS_PER_EVENT - 1) / TEAMS_PER_EVENT);
    events = calloc((size_t)n_events, sizeof *events);
    team_ids = calloc((size_t)opt.teams, sizeof *team_ids);
    if (events == NULL || team_ids == NULL) {
        die("out of memory");
    }
    admin_open(&admin, &admin_state, admin_ready, NULL);
    return 0;
}
