/**
 * @file main.c
 * @brief hackd's load generator: options, then one mode on one libuv loop.
 *        Results go to stdout as one JSON object; progress and errors to stderr.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_tokens.h"
#include "loadgen.h"

options opt;
uv_loop_t *loop;

static const char usage[] =
    "usage: loadgen MODE --server HOST:PORT [options]\n"
    "\n"
    "modes:\n"
    "  echo         calls against the echo server (implies --raw): the ceiling\n"
    "  read         hack.v1.Events/Get {--slug} with the organiser token\n"
    "  write        hack.v1.Ideas/Create with the admin token, on teams it creates\n"
    "  get          one hack.v1.Events/Get {--slug} with the admin token: its payload to stdout\n"
    "  watch        --watchers connections watch one event; --rounds Skips are pushed\n"
    "  idle         --watchers handshaken connections; VmRSS of --server-pid before and after\n"
    "  transitions  an event of --phases phases of --phase-ms, under the read load of --conns\n"
    "\n"
    "options:\n"
    "  --server HOST:PORT   the server under test\n"
    "  --tokens PATH        hackd --demo-tokens file (admin and organiser tokens)\n"
    "  --conns N            connections driving calls (50)\n"
    "  --depth N            calls in flight per connection (1)\n"
    "  --warmup S           seconds before measuring (2)\n"
    "  --seconds S          seconds measured (10)\n"
    "  --raw                the server is the echo server (frames come back as they are)\n"
    "  --request-bytes N    watch --raw: body of the broadcast frame\n"
    "  --slug SLUG          read: the event to get (parcours-france-2017)\n"
    "  --watchers N         watch, idle: connections (10000)\n"
    "  --rounds N           watch: phase changes pushed (5)\n"
    "  --phases N           transitions: phases (50)\n"
    "  --phase-ms MS        transitions: each phase's duration (200)\n"
    "  --teams N            write: teams to create (default: room for 100,000 writes/s)\n"
    "  --server-pid PID     the server's process: its CPU time (calls), its VmRSS (idle)\n"
    "  --hold S             idle: seconds the connections stay open after the measure (1)\n"
    "  --connect-parallel N connects in progress at once (256)\n"
    "  --quiet              no progress on stderr\n";

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "loadgen: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

const char *token_for(const char *role)
{
    static char secrets[2][256];
    static char roles[2][32];
    if (opt.raw) {
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (strcmp(roles[i], role) == 0) {
            return secrets[i];
        }
    }
    if (opt.tokens_path == NULL) {
        die("--tokens is required for %s", opt.mode);
    }
    int slot = roles[0][0] == '\0' ? 0 : 1;
    int r = read_token_file(opt.tokens_path, role, secrets[slot], sizeof secrets[slot]);
    if (r != TOKENS_FOUND) {
        die("no %s token in %s (%d)", role, opt.tokens_path, r);
    }
    snprintf(roles[slot], sizeof roles[slot], "%s", role);
    return secrets[slot];
}

static double num(const char *flag, const char *value, double lo, double hi)
{
    char *end;
    double v = strtod(value, &end);
    if (*end != '\0' || end == value || v < lo || v > hi) {
        die("%s: expected a number from %g to %g, got \"%s\"", flag, lo, hi, value);
    }
    return v;
}

static void parse(int argc, char **argv)
{
    opt.conns = 50;
    opt.depth = 1;
    opt.warmup_s = 2;
    opt.seconds = 10;
    opt.slug = "parcours-france-2017";
    opt.watchers = 10000;
    opt.rounds = 5;
    opt.phases = 50;
    opt.phase_ms = 200;
    opt.hold_s = 1;
    opt.connect_parallel = 256;
    const char *server = NULL;
    if (argc < 2 || argv[1][0] == '-') {
        fputs(usage, argc < 2 ? stderr : stdout);
        exit(argc < 2 ? 2 : 0);
    }
    opt.mode = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--raw") == 0) {
            opt.raw = 1;
            continue;
        }
        if (strcmp(a, "--quiet") == 0) {
            opt.quiet = 1;
            continue;
        }
        if (v == NULL) {
            die("%s needs a value\n%s", a, usage);
        }
        i++;
        if (strcmp(a, "--server") == 0) {
            server = v;
        } else if (strcmp(a, "--tokens") == 0) {
            opt.tokens_path = v;
        } else if (strcmp(a, "--conns") == 0) {
            opt.conns = (int)num(a, v, 0, 100000);
        } else if (strcmp(a, "--depth") == 0) {
            opt.depth = (int)num(a, v, 1, 64);
        } else if (strcmp(a, "--warmup") == 0) {
            opt.warmup_s = num(a, v, 0, 3600);
        } else if (strcmp(a, "--seconds") == 0) {
            opt.seconds = num(a, v, 0.1, 3600);
        } else if (strcmp(a, "--request-bytes") == 0) {
            opt.request_bytes = (long)num(a, v, 0, 4194000);
        } else if (strcmp(a, "--slug") == 0) {
            opt.slug = v;
        } else if (strcmp(a, "--watchers") == 0) {
            opt.watchers = (int)num(a, v, 1, 1000000);
        } else if (strcmp(a, "--rounds") == 0) {
            opt.rounds = (int)num(a, v, 1, 49);
        } else if (strcmp(a, "--phases") == 0) {
            opt.phases = (int)num(a, v, 1, 50);
        } else if (strcmp(a, "--phase-ms") == 0) {
            opt.phase_ms = (long)num(a, v, 1, 86400000);
        } else if (strcmp(a, "--teams") == 0) {
            opt.teams = (long)num(a, v, 0, 1e7);
        } else if (strcmp(a, "--server-pid") == 0) {
            opt.server_pid = (int)num(a, v, 1, 1e9);
        } else if (strcmp(a, "--hold") == 0) {
            opt.hold_s = num(a, v, 0, 3600);
        } else if (strcmp(a, "--connect-parallel") == 0) {
            opt.connect_parallel = (int)num(a, v, 1, 100000);
        } else {
            die("unknown option %s\n%s", a, usage);
        }
    }
    if (strcmp(opt.mode, "echo") == 0) {
        opt.raw = 1;
    }
    if (server == NULL || split_hostport(server, opt.host, sizeof opt.host, &opt.port) != 0 || opt.port == 0) {
        die("--server HOST:PORT is required");
    }
}

int main(int argc, char **argv)
{
    parse(argc, argv);
    signal(SIGPIPE, SIG_IGN);
    long want = (long)opt.watchers + opt.conns + 256;
    long got = raise_nofile(want);
    if (got < want) {
        fprintf(stderr, "loadgen: the open-file limit is %ld, below the %ld this run may need\n", got, want);
    }
    loop = uv_default_loop();
    int rc;
    if (strcmp(opt.mode, "echo") == 0 || strcmp(opt.mode, "read") == 0 || strcmp(opt.mode, "write") == 0 ||
        strcmp(opt.mode, "get") == 0) {
        rc = mode_calls();
    } else if (strcmp(opt.mode, "watch") == 0) {
        rc = mode_watch();
    } else if (strcmp(opt.mode, "idle") == 0) {
        rc = mode_idle();
    } else if (strcmp(opt.mode, "transitions") == 0) {
        rc = mode_transitions();
    } else {
        die("unknown mode %s\n%s", opt.mode, usage);
    }
    if (rc == 0) {
        uv_run(loop, UV_RUN_DEFAULT);
    }
    fflush(stdout);
    return rc;
}
