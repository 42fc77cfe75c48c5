/**
 * @file mode_watch.c
 * @brief Figure 3, fan-out: opt.watchers connections each watch one running
 *        event; once every snapshot is in, the organiser side skips a phase,
 *        and each watcher's latency is the time from sending that Skip to
 *        receiving its `run` item. Repeated opt.rounds times.
 *
 * Against the echo server (--raw), the same shape without hackd: a control
 * connection sends one frame as large as hackd's `run` item, which the echo
 * server (--broadcast-kind) writes to every other connection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loadgen.h"

#define BROADCAST_KIND 42
#define ROUND_TIMEOUT_MS 30000
#define ROUND_PAUSE_MS 300

typedef struct watcher {
    conn c;
    uint32_t call_id;
    int snapshot;
    int round_seen;
} watcher;

static watcher *watchers;
static conn control;
static admin_ctx control_state;
static bench_event event;
static int snapshots, round_no, got;
static uint64_t t_round, t_connect, t_all_snapshots;
static size_t item_bytes, snapshot_bytes;
static hist lat;
static uv_timer_t timer;
static long missed;

static void next_round(uv_timer_t *t);

static void finish(void)
{
    uv_timer_stop(&timer);
    uv_close((uv_handle_t *)&timer, NULL);
    printf("{\n  \"mode\": \"watch\",\n  \"raw\": %d,\n  \"watchers\": %d,\n  \"rounds\": %d,\n", opt.raw,
           opt.watchers, opt.rounds);
    printf("  \"samples\": %llu,\n  \"missed\": %ld,\n", (unsigned long long)lat.n, missed);
    printf("  \"p50_ms\": %.3f,\n  \"p99_ms\": %.3f,\n  \"max_ms\": %.3f,\n",
           (double)hist_quantile(&lat, 0.50) / 1000.0, (double)hist_quantile(&lat, 0.99) / 1000.0,
           (double)lat.max / 1000.0);
    printf("  \"item_frame_bytes\": %zu,\n  \"snapshot_frame_bytes\": %zu,\n", item_bytes, snapshot_bytes);
    printf("  \"connect_and_snapshot_s\": %.3f,\n", (double)(t_all_snapshots - t_connect) / 1e6);
    printf("  \"ok\": %s\n}\n", missed == 0 ? "true" : "false");
    for (int i = 0; i < opt.watchers; i++) {
        conn_close(&watchers[i].c);
    }
    conn_close(&control);
}

static void round_over(void)
{
    uv_timer_stop(&timer);
    if (round_no >= opt.rounds) {
        finish();
    } else {
        uv_timer_start(&timer, next_round, ROUND_PAUSE_MS, 0);
    }
}

static void round_timeout(uv_timer_t *t)
{
    (void)t;
    fprintf(stderr, "watch: round %d: %d of %d watchers got the item within %d ms\n", round_no, got,
            opt.watchers, ROUND_TIMEOUT_MS);
    missed += opt.watchers - got;
    round_over();
}

static void skip_answered(int status, const uint8_t *payload, size_t len, void *user)
{
    (void)payload, (void)len, (void)user;
    if (status != 0) {
        die("watch: Events/Skip: %s", hack_status_name(status));
    }
}

static void next_round(uv_timer_t *t)
{
    (void)t;
    round_no++;
    got = 0;
    uv_timer_start(&timer, round_timeout, ROUND_TIMEOUT_MS, 0);
    t_round = now_us();
    if (opt.raw) {
        size_t body = opt.request_bytes > 0 ? (size_t)opt.request_bytes : 64;
        uint8_t *p = wbuf_reserve(&control.out, HACK_FRAME_HEADER_SIZE + body);
        (void)hack_frame_encode_header(p, BROADCAST_KIND, (uint32_t)round_no, body);
        memset(p + HACK_FRAME_HEADER_SIZE, 0, body);
        wbuf_commit(&control.out, HACK_FRAME_HEADER_SIZE + body);
    } else {
        Hack__V1__SkipPhaseRequest req = HACK__V1__SKIP_PHASE_REQUEST__INIT;
        req.slug = event.slug;
        req.phase_number = (uint32_t)round_no;
        setup_call(&control, "hack.v1.Events/Skip", &req.base, skip_answered, NULL);
    }
    conn_flush(&control);
}

static void watcher_ready(conn *c)
{
    watcher *w = (watcher *)c;
    if (opt.raw) {
        w->snapshot = 1;
        if (++snapshots == opt.watchers) {
            t_all_snapshots = now_us();
            uv_timer_start(&timer, next_round, 500, 0);
        }
        return;
    }
    Hack__V1__WatchEventRequest req = HACK__V1__WATCH_EVENT_REQUEST__INIT;
    req.slug = event.slug;
    w->call_id = conn_send_request(c, "hack.v1.Events/Watch", &req.base);
    conn_flush(c);
}

static void watcher_frame(conn *c, const hack_frame *f)
{
    watcher *w = (watcher *)c;
    uint64_t t = now_us();
    int item;
    if (opt.raw) {
        item = f->kind == BROADCAST_KIND ? 7 : -1;
    } else if (f->kind == HACK_FRAME_MESSAGE && f->call_id == w->call_id) {
        item = update_item_field(f->body, f->body_len);
    } else {
        if (f->kind == HACK_FRAME_RESPONSE) {
            die("watch: the stream of watcher %d ended: %s", c->index, response_message(f->body, f->body_len));
        }
        return;
    }
    if (item == 2 && !w->snapshot) {
        w->snapshot = 1;
        snapshot_bytes = HACK_FRAME_HEADER_SIZE + f->body_len;
        if (++snapshots == opt.watchers) {
            t_all_snapshots = now_us();
            if (!opt.quiet) {
                fprintf(stderr, "watch: %d watchers connected and snapshotted in %.1f s\n", opt.watchers,
                        (double)(t_all_snapshots - t_connect) / 1e6);
            }
            uv_timer_start(&timer, next_round, 500, 0);
        }
    } else if (item == 7 && round_no > 0 && w->round_seen < round_no) {
        w->round_seen = round_no;
        item_bytes = HACK_FRAME_HEADER_SIZE + f->body_len;
        hist_add(&lat, t - t_round);
        if (++got == opt.watchers) {
            round_over();
        }
    }
}

static void watcher_closed(conn *c, const char *why)
{
    die("watch: watcher %d lost: %s", c->index, why);
}

static const conn_ops watcher_ops = {watcher_ready, watcher_frame, watcher_closed};

static void open_watchers(void *user)
{
    (void)user;
    t_connect = now_us();
    const char *token = opt.raw ? NULL : token_for("admin");
    for (int i = 0; i < opt.watchers; i++) {
        conn_open(&watchers[i].c, &watcher_ops, NULL, i, token);
    }
}

static void control_ready(void *user)
{
    (void)user;
    if (opt.raw) {
        open_watchers(NULL);
        return;
    }
    /* A phase per round, and one more: an hour each, so only the Skips move the run. */
    setup_events(&control, unique_prefix("f"), &event, 1, opt.rounds + 1, 3600L * 1000, 1, open_watchers, NULL);
}

/* The echo server answers the control's HELLO; nothing else comes to it. */
static void raw_control_ready(conn *c)
{
    control_ready(c->owner);
}
static void raw_control_frame(conn *c, const hack_frame *f)
{
    (void)c, (void)f;
}
static void raw_control_closed(conn *c, const char *why)
{
    (void)c;
    die("watch: the control connection closed: %s", why);
}
static const conn_ops raw_control_ops = {raw_control_ready, raw_control_frame, raw_control_closed};

int mode_watch(void)
{
    watchers = calloc((size_t)opt.watchers, sizeof *watchers);
    if (watchers == NULL) {
        die("out of memory");
    }
    hist_init(&lat);
    uv_timer_init(loop, &timer);
    if (opt.raw) {
        conn_open(&control, &raw_control_ops, NULL, -1, NULL);
    } else {
        admin_open(&control, &control_state, control_ready, NULL);
    }
    return 0;
}
