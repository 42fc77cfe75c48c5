/**
 * @file mode_idle.c
 * @brief Figure 4: opt.watchers connections, each handshaken (HELLO with a
 *        token, WELCOME back) and then left idle. The server's VmRSS is read
 *        before the first connect and once every connection is handshaken
 *        (after a short settle); the difference divided by the count is the
 *        memory each idle connection costs.
 */
#include <stdio.h>
#include <stdlib.h>

#include "loadgen.h"

#define SETTLE_MS 1000

static conn *conns;
static int ready;
static long rss_before, rss_after;
static uint64_t t_connect, t_ready;
static uv_timer_t timer;

static void release(uv_timer_t *t)
{
    (void)t;
    for (int i = 0; i < opt.watchers; i++) {
        conn_close(&conns[i]);
    }
    uv_close((uv_handle_t *)&timer, NULL);
}

static void measure(uv_timer_t *t)
{
    (void)t;
    rss_after = rss_kib(opt.server_pid);
    double per_conn = (double)(rss_after - rss_before) * 1024.0 / (double)opt.watchers;
    printf("{\n  \"mode\": \"idle\",\n  \"raw\": %d,\n  \"conns\": %d,\n", opt.raw, opt.watchers);
    printf("  \"rss_before_kib\": %ld,\n  \"rss_after_kib\": %ld,\n  \"bytes_per_conn\": %.0f,\n", rss_before,
           rss_after, per_conn);
    printf("  \"connect_s\": %.3f,\n", (double)(t_ready - t_connect) / 1e6);
    printf("  \"ok\": %s\n}\n", rss_before > 0 && rss_after > 0 ? "true" : "false");
    fflush(stdout);
    uv_timer_start(&timer, release, (uint64_t)(opt.hold_s * 1000.0), 0);
}

static void on_ready(conn *c)
{
    (void)c;
    if (++ready == opt.watchers) {
        t_ready = now_us();
        uv_timer_start(&timer, measure, SETTLE_MS, 0);
    }
}

static void on_frame(conn *c, const hack_frame *f)
{
    (void)c, (void)f;
}

static void on_closed(conn *c, const char *why)
{
    die("idle: connection %d lost: %s", c->index, why);
}

static const conn_ops idle_ops = {on_ready, on_frame, on_closed};

int mode_idle(void)
{
    if (opt.server_pid <= 0) {
        die("idle: --server-pid is required");
    }
    conns = calloc((size_t)opt.watchers, sizeof *conns);
    if (conns == NULL) {
        die("out of memory");
    }
    uv_timer_init(loop, &timer);
    rss_before = rss_kib(opt.server_pid);
    t_connect = now_us();
    const char *token = opt.raw ? NULL : token_for("organiser");
    for (int i = 0; i < opt.watchers; i++) {
        conn_open(&conns[i], &idle_ops, NULL, i, token);
    }
    return 0;
}
