/**
 * @file mode_transitions.c
 * @brief Figure 6, the clock: an event whose agenda is opt.phases short
 *        phases of opt.phase_ms runs while the read load of figure 1 goes
 *        on (opt.conns connections; 0 for the unloaded baseline). One
 *        connection watches it; for each phase change made by the server's
 *        clock, lateness = the `run` item's server_time_ms − the
 *        transition's at_ms (when it fell due), both on the server's clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loadgen.h"

static conn admin;
static admin_ctx admin_state;
static bench_event event;
static driver *load;
static uint32_t watch_id;
static int snapshot, finished, load_done, started;
static hist late, observed;
static long clock_transitions;

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void maybe_finish(void)
{
    if (!finished || !(load_done || load == NULL)) {
        return;
    }
    printf("{\n  \"mode\": \"transitions\",\n  \"phases\": %d,\n  \"phase_ms\": %ld,\n", opt.phases, opt.phase_ms);
    printf("  \"samples\": %ld,\n", clock_transitions);
    printf("  \"p50_ms\": %.0f,\n  \"p99_ms\": %.0f,\n  \"max_ms\": %.0f,\n",
           (double)hist_quantile(&late, 0.50) / 1000.0, (double)hist_quantile(&late, 0.99) / 1000.0,
           (double)late.max / 1000.0);
    printf("  \"observed_p99_ms\": %.0f,\n  \"observed_max_ms\": %.0f,\n",
           (double)hist_quantile(&observed, 0.99) / 1000.0, (double)observed.max / 1000.0);
    int ok = clock_transitions == opt.phases;
    if (load != NULL) {
        printf("  \"load\": {\n");
        driver_print(load);
        printf("  \"errors_total\": %llu\n  },\n", (unsigned long long)driver_errors(load));
        ok = ok && driver_errors(load) == 0;
    }
    printf("  \"ok\": %s\n}\n", ok ? "true" : "false");
    conn_close(&admin);
}

static void on_run_item(const hack_frame *f)
{
    int64_t arrived = wall_ms();
    Hack__V1__EventUpdate *u = hack__v1__event_update__unpack(NULL, f->body_len, f->body);
    if (u == NULL) {
        die("transitions: an EventUpdate that does not decode");
    }
    if (u->update_case == HACK__V1__EVENT_UPDATE__UPDATE_RUN && u->run != NULL) {
        for (size_t i = 0; i < u->run->n_transitions; i++) {
            const Hack__V1__RunTransition *t = u->run->transitions[i];
            if (t->by != NULL && t->by[0] != '\0') {
                continue; /* a control (the Start), not the clock */
            }
            clock_transitions++;
            int64_t l = u->server_time_ms - t->at_ms;
            int64_t o = arrived - t->at_ms;
            hist_add(&late, (uint64_t)(l > 0 ? l : 0) * 1000u);
            hist_add(&observed, (uint64_t)(o > 0 ? o : 0) * 1000u);
            if (t->kind == HACK__V1__RUN_TRANSITION__KIND__KIND_FINISHED) {
                finished = 1;
            }
        }
    }
    hack__v1__event_update__free_unpacked(u, NULL);
    if (finished) {
        maybe_finish();
    }
}

static void start_answered(int status, const uint8_t *payload, size_t len, void *user)
{
    (void)payload, (void)len, (void)user;
    if (status != 0) {
        die("transitions: Events/Start: %s", hack_status_name(status));
    }
}

static void start_event(void *user)
{
    (void)user;
    if (started++) {
        return;
    }
    Hack__V1__StartEventRequest req = HACK__V1__START_EVENT_REQUEST__INIT;
    req.slug = event.slug;
    setup_call(&admin, "hack.v1.Events/Start", &req.base, start_answered, NULL);
    conn_flush(&admin);
}

static void load_finished(void *user)
{
    (void)user;
    load_done = 1;
    maybe_finish();
}

static void watch_frame(conn *c, const hack_frame *f, void *user)
{
    (void)c, (void)user;
    if (f->call_id != watch_id) {
        return;
    }
    if (f->kind == HACK_FRAME_RESPONSE) {
        die("transitions: the watch ended: %s", response_message(f->body, f->body_len));
    }
    int item = update_item_field(f->body, f->body_len);
    if (item == 2 && !snapshot) {
        snapshot = 1;
        if (load != NULL) {
            /* The event starts once the read load is measured, and the load outlasts the run. */
            driver_start(load, start_event, load_finished, NULL);
        } else {
            start_event(NULL);
        }
    } else if (item == 7) {
        on_run_item(f);
    }
}

static void event_made(void *user)
{
    (void)user;
    Hack__V1__WatchEventRequest req = HACK__V1__WATCH_EVENT_REQUEST__INIT;
    req.slug = event.slug;
    watch_id = conn_send_request(&admin, "hack.v1.Events/Watch", &req.base);
    conn_flush(&admin);
}

static void admin_ready(void *user)
{
    (void)user;
    setup_events(&admin, unique_prefix("t"), &event, 1, opt.phases, opt.phase_ms, 0, event_made, NULL);
}

int mode_transitions(void)
{
    if (opt.phases < 1 || opt.phases > 50) {
        die("--phases: 1 to 50 (docs/LIMITS.md)");
    }
    hist_init(&late);
    hist_init(&observed);
    if (opt.conns > 0) {
        /* Long enough for the whole run, and a second more. */
        opt.seconds = (double)opt.phases * (double)opt.phase_ms / 1000.0 + 1.0;
        load = driver_new("read", token_for("organiser"));
    }
    admin_state.other = watch_frame;
    admin_open(&admin, &admin_state, admin_ready, NULL);
    return 0;
}
