/**
 * @file same_work_server.c
 * @brief hackd's calls of the read and durable-write figures, doing the same
 *        work, in plain C (cserver.h): the best any libuv + protobuf-c +
 *        SQLite server can do for exactly these calls on this machine.
 *
 *   same_work_server --db PATH --tokens PATH --event-answer PATH
 *                    [--listen 127.0.0.1:0] [--encode-every-call] [--commit-thread] [--stream-rows]
 *                    [--inline-commit] [--gather-ms 1]
 *
 * --db: a database made by `hackd init`; --tokens: the --demo-tokens file of
 * the hackd it stands beside (the tokens it accepts); --event-answer: that
 * hackd's answer to Events/Get (`loadgen get`), served as an event of this
 * server's state. --encode-every-call: Events/Get packs the whole Event on
 * every call, instead of once per millisecond as hackd (more work than hackd).
 * --commit-thread: the commits on a thread of their own (woken by a condition
 * variable, answering through a uv_async_t) instead of libuv's threadpool
 * (uv_queue_work, as hackd). --stream-rows: on that thread, each loop
 * turn's changes written into the next transaction at once, while the loop
 * gathers the rest (commit.c). --inline-commit: the commits on the loop
 * itself, as Redis fsyncs before its loop sleeps. --gather-ms: how long the next commit may wait
 * for the writers the last one answered (hackd: 1; 0: no wait).
 *
 * Prints `listening on HOST:PORT` first on stdout; stops on SIGINT/SIGTERM
 * once the commit in flight has landed.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cserver.h"

uv_loop_t *loop;
extern int encode_every_call, commit_thread, gather_window_ms, stream_rows, inline_commit;

static uv_tcp_t *server;
static uv_signal_t *sigint_watch, *sigterm_watch;

static void on_connection(uv_stream_t *srv, int status)
{
    if (status == 0) {
        conn_accept(srv);
    }
}

static void free_handle(uv_handle_t *h)
{
    free(h);
}

static void on_signal(uv_signal_t *w, int signum)
{
    (void)w;
    (void)signum;
    committer_close();
    uv_close((uv_handle_t *)server, free_handle);
    uv_close((uv_handle_t *)sigint_watch, free_handle);
    uv_close((uv_handle_t *)sigterm_watch, free_handle);
    conns_close_all();
}

static int usage(void)
{
    fprintf(stderr, "usage: same_work_server --db PATH --tokens PATH --event-answer PATH [--listen HOST:PORT] "
                    "[--encode-every-call] [--commit-thread] [--stream-rows] [--inline-commit] [--gather-ms MS]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *listen_at = "127.0.0.1:0", *db = NULL, *tokens = NULL, *answer = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--encode-every-call") == 0) {
            encode_every_call = 1;
            continue;
        }
        if (strcmp(a, "--commit-thread") == 0) {
            commit_thread = 1;
            continue;
        }
        if (strcmp(a, "--stream-rows") == 0) {
            stream_rows = 1;
            continue;
        }
        if (strcmp(a, "--inline-commit") == 0) {
            inline_commit = 1;
            continue;
        }
        if (v == NULL) {
            return usage();
        }
        i++;
        if (strcmp(a, "--listen") == 0) {
            listen_at = v;
        } else if (strcmp(a, "--db") == 0) {
            db = v;
        } else if (strcmp(a, "--tokens") == 0) {
            tokens = v;
        } else if (strcmp(a, "--event-answer") == 0) {
            answer = v;
        } else if (strcmp(a, "--gather-ms") == 0) {
            gather_window_ms = atoi(v);
        } else {
            return usage();
        }
    }
    if (db == NULL || tokens == NULL || answer == NULL) {
        return usage();
    }
    if (tokens_load(tokens) != 0) {
        fprintf(stderr, "same_work_server: cannot read the tokens of %s\n", tokens);
        return 1;
    }
    if (event_load_answer(answer) != 0) {
        fprintf(stderr, "same_work_server: %s is not an encoded hack.v1.Event\n", answer);
        return 1;
    }
    if (store_open(db) != 0) {
        return 1;
    }
    server_stats.started_at = now_ms();
    loop = uv_default_loop();
    server = calloc(1, sizeof *server);
    sigint_watch = calloc(1, sizeof *sigint_watch);
    sigterm_watch = calloc(1, sizeof *sigterm_watch);
    if (server == NULL || sigint_watch == NULL || sigterm_watch == NULL) {
        return 1;
    }
    int status = serve_tcp(loop, server, listen_at, on_connection);
    if (status != 0) {
        return status;
    }

    committer_init();
    uv_signal_init(loop, sigint_watch);
    uv_signal_start(sigint_watch, on_signal, SIGINT);
    uv_signal_init(loop, sigterm_watch);
    uv_signal_start(sigterm_watch, on_signal, SIGTERM);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_loop_close(loop);
    store_close();
    return 0;
}
