/**
 * @file test_methods.c
 * @brief Live tests of the generated wrappers, server streams, cancel and
 *        deadlines, and of examples/demo_day.c, against real hackd servers
 *        (live_hackd.h) started with --demo --demo-tokens.
 *
 * Usage: test_methods (environment: $HACKD as for test_client; $DEMO_DAY,
 * the demo_day binary to run, default build/demo_day).
 * Prints one line per test and finally "N passed, M failed"; exits 1 on any
 * failure.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hackclient.h"
#include "hackclient_methods.h"

#include "demo_tokens.h"
#include "harness.h"
#include "live_hackd.h"

#define DEMO_EVENT "parcours-france-2017"
/** Short receive timeouts keep a broken stream test from hanging. */
#define TEST_RECEIVE_TIMEOUT_MS 5000u

static struct live_hackd g_hackd = LIVE_HACKD_INIT;
static char g_organiser[512];
static char g_observer[512];

static hack_client *connect_as(const char *token)
{
    hack_client *c = NULL;
    hack_error err;
    int rc = hack_connect_with_token(g_hackd.host, g_hackd.port, "test_methods", token, &c, &err);
    EXPECTF(rc == 0 && c != NULL, "connect: %s: %s", hack_status_name(err.status), err.message);
    if (c != NULL) {
        hack_set_receive_timeout(c, TEST_RECEIVE_TIMEOUT_MS);
    }
    return c;
}

static void test_server_starts(void)
{
    char why[256];
    EXPECTF(live_hackd_start(&g_hackd, why, sizeof why) == 0, "%s", why);
    if (!g_current_failed) {
        EXPECT(live_hackd_token(&g_hackd, "organiser", g_organiser, sizeof g_organiser) == TOKENS_FOUND);
        EXPECT(live_hackd_token(&g_hackd, "observer", g_observer, sizeof g_observer) == TOKENS_FOUND);
    }
}

static void test_server_stops(void)
{
    char why[256];
    EXPECTF(live_hackd_stop(&g_hackd, why, sizeof why) == 0, "%s", why);
}

/* ------------------------------------------------------------------------- */
/* The method table                                                           */
/* ------------------------------------------------------------------------- */

static int stop_at_first_item(const ProtobufCMessage *item, void *user_data)
{
    (void)item;
    ++*(int *)user_data;
    return 1;
}

static void test_method_table_is_complete(void)
{
    EXPECT(hack_methods_count >= 40);
    int watch_seen = 0;
    for (size_t i = 0; i < hack_methods_count; i++) {
        const hack_method *m = &hack_methods[i];
        EXPECTF(strchr(m->name, '.') != NULL && strchr(m->name, '/') != NULL, "name %s", m->name);
        EXPECT(m->request_type->magic == PROTOBUF_C__MESSAGE_DESCRIPTOR_MAGIC);
        EXPECT(m->response_type->magic == PROTOBUF_C__MESSAGE_DESCRIPTOR_MAGIC);
        for (size_t j = 0; j < i; j++) {
            EXPECTF(strcmp(hack_methods[j].name, m->name) != 0, "%s listed twice", m->name);
        }
        if (strcmp(m->name, "hack.v1.Events/Watch") == 0) {
            watch_seen = 1;
            EXPECT(m->server_streaming == 1);
            EXPECT(m->response_type == &hack__v1__event_update__descriptor);
        } else if (strncmp(m->name, "hack.v1.Events/", 15) == 0) {
            EXPECTF(m->server_streaming == 0, "%s streams", m->name);
        }
    }
    EXPECT(watch_seen);
}

/* Every method of the table is known to the server: empty requests as the observer get an answer, never UNIMPLEMENTED. */
static void test_server_knows_every_method(void)
{
    hack_client *c = connect_as(g_observer);
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i < hack_methods_count; i++) {
        const hack_method *m = &hack_methods[i];
        hack_error err;
        int rc;
        if (m->server_streaming) {
            int items = 0;
            rc = hack_call_stream(c, m->name, NULL, m->response_type, 2000, stop_at_first_item, &items, &err);
        } else {
            ProtobufCMessage *resp = NULL;
            rc = hack_call_unary(c, m->name, NULL, m->response_type, 2000, &resp, &err);
            protobuf_c_message_free_unpacked(resp, NULL);
        }
        EXPECTF(rc >= 0 && rc != HACK_STATUS_UNIMPLEMENTED, "%s: rc %d %s: %s", m->name, rc,
                hack_status_name(err.status), err.message);
    }
    hack_close(c);
}

/* ------------------------------------------------------------------------- */
/* Unary wrappers                                                             */
/* ------------------------------------------------------------------------- */

static void test_unary_wrappers(void)
{
    hack_client *c = connect_as(g_organiser);
    if (c == NULL) {
        return;
    }
    EXPECT(hack_client_call_timeout(c) == HACK_DEFAULT_CALL_TIMEOUT_MS);
    hack_error err;

    Hack__V1__ListEventsResponse *events = NULL;
    int rc = hack_events_list(c, NULL, &events, &err);
    EXPECTF(rc == 0 && events != NULL && events->n_events >= 1, "Events/List: %d %s", rc, err.message);
    hack__v1__list_events_response__free_unpacked(events, NULL);

    Hack__V1__GetEventRequest get = HACK__V1__GET_EVENT_REQUEST__INIT;
    get.slug = (char *)DEMO_EVENT;
    Hack__V1__Event *event = NULL;
    rc = hack_events_get(c, &get, &event, &err);
    EXPECTF(rc == 0 && event != NULL && strcmp(event->slug, DEMO_EVENT) == 0, "Events/Get: %d %s", rc, err.message);
    EXPECT(event != NULL && event->n_agenda >= 2);
    hack__v1__event__free_unpacked(event, NULL);

    Hack__V1__ListChallengesRequest challenges_req = HACK__V1__LIST_CHALLENGES_REQUEST__INIT;
    challenges_req.event_slug = (char *)DEMO_EVENT;
    Hack__V1__ListChallengesResponse *challenges = NULL;
    rc = hack_challenges_list(c, &challenges_req, &challenges, &err);
    EXPECTF(rc == 0 && challenges->n_challenges >= 1, "Challenges/List: %d %s", rc, err.message);
    hack__v1__list_challenges_response__free_unpacked(challenges, NULL);

    Hack__V1__Token *me = NULL;
    rc = hack_tokens_who_am_i(c, NULL, &me, &err);
    EXPECTF(rc == 0 && me->role == HACK__V1__ROLE__ROLE_ORGANISER, "Tokens/WhoAmI: %d %s", rc, err.message);
    hack__v1__token__free_unpacked(me, NULL);

    Hack__V1__GetRubricRequest rubric_req = HACK__V1__GET_RUBRIC_REQUEST__INIT;
    rubric_req.event_slug = (char *)DEMO_EVENT;
    Hack__V1__Rubric *rubric = NULL;
    rc = hack_judging_get_rubric(c, &rubric_req, &rubric, &err);
    EXPECTF(rc == 0 && rubric != NULL, "Judging/GetRubric: %d %s", rc, err.message);
    hack__v1__rubric__free_unpacked(rubric, NULL);

    /* Server errors: status and message, and the connection goes on. An
     * organiser is told PERMISSION_DENIED for an event it may not see, existing or not. */
    get.slug = (char *)"no-such-event";
    rc = hack_events_get(c, &get, &event, &err);
    EXPECTF(rc == HACK_STATUS_PERMISSION_DENIED && err.status == rc && event == NULL, "rc %d", rc);
    EXPECT(err.message[0] != '\0');
    Hack__V1__ServerStats *stats = NULL;
    rc = hack_server_stats(c, NULL, &stats, &err);
    EXPECTF(rc == HACK_STATUS_PERMISSION_DENIED && stats == NULL, "Server/Stats: rc %d", rc);
    EXPECTF(strstr(err.message, "server.stats") != NULL, "message \"%s\"", err.message);
    EXPECT(hack_events_get(c, &get, NULL, &err) == HACK_ERR_ARG && err.status == HACK_ERR_ARG);
    EXPECT(hack_events_list(NULL, NULL, &events, &err) == HACK_ERR_ARG);
    rc = hack_events_list(c, NULL, &events, &err);
    EXPECTF(rc == 0, "Events/List after errors: %d %s", rc, err.message);
    hack__v1__list_events_response__free_unpacked(events, NULL);
    hack_close(c);
}

/* ------------------------------------------------------------------------- */
/* Server streams                                                             */
/* ------------------------------------------------------------------------- */

/* What the watch callbacks saw and did. */
struct watch_log {
    hack_client *watcher;   /* the watching client: calls on it must be refused */
    hack_client *organiser; /* a second connection that changes the event */
    int items;
    int snapshot_first;
    int reentry_refused;
    int control_rc;
    int run_status;         /* of the first run update; 0 before */
    hack_error control_err;
};

/* On the snapshot: starts the event from the other connection; on the run update: cancels. */
static int start_then_cancel(const Hack__V1__EventUpdate *u, void *user_data)
{
    struct watch_log *log = user_data;
    log->items++;
    if (log->items == 1) {
        log->snapshot_first = u->update_case == HACK__V1__EVENT_UPDATE__UPDATE_SNAPSHOT &&
                              u->snapshot->event != NULL && strcmp(u->snapshot->event->slug, DEMO_EVENT) == 0;
        Hack__V1__Event *e = NULL;
        hack_error err;
        Hack__V1__ListEventsResponse *events = NULL;
        log->reentry_refused = hack_events_list(log->watcher, NULL, &events, &err) == HACK_ERR_ARG &&
                               events == NULL && strstr(err.message, "already running") != NULL;
        Hack__V1__StartEventRequest start = HACK__V1__START_EVENT_REQUEST__INIT;
        start.slug = (char *)DEMO_EVENT;
        log->control_rc = hack_events_start(log->organiser, &start, &e, &log->control_err);
        hack__v1__event__free_unpacked(e, NULL);
        return log->control_rc != 0; /* nothing more to wait for */
    }
    if (u->update_case == HACK__V1__EVENT_UPDATE__UPDATE_RUN) {
        log->run_status = (int)u->run->run->status;
        return 1;
    }
    return 0; /* e.g. an event item: keep going */
}

static void test_watch_snapshot_then_run_update_then_cancel(void)
{
    hack_client *watcher = connect_as(g_organiser);
    hack_client *organiser = connect_as(g_organiser);
    if (watcher == NULL || organiser == NULL) {
        hack_close(watcher);
        hack_close(organiser);
        return;
    }
    struct watch_log log = { .watcher = watcher, .organiser = organiser };
    Hack__V1__WatchEventRequest req = HACK__V1__WATCH_EVENT_REQUEST__INIT;
    req.slug = (char *)DEMO_EVENT;
    hack_error err;
    int rc = hack_events_watch(watcher, &req, start_then_cancel, &log, &err);
    EXPECTF(rc == 0, "Events/Watch: %d %s: %s", rc, hack_status_name(err.status), err.message);
    EXPECT(log.snapshot_first);
    EXPECT(log.reentry_refused);
    EXPECTF(log.control_rc == 0, "Events/Start: %s", log.control_err.message);
    EXPECTF(log.run_status == HACK__V1__RUN_STATUS__RUN_STATUS_RUNNING, "run status %d", log.run_status);

    /* After the CANCEL the same connection serves calls; leftovers of the stream are skipped. */
    Hack__V1__ListEventsResponse *events = NULL;
    rc = hack_events_list(watcher, NULL, &events, &err);
    EXPECTF(rc == 0, "Events/List after cancel: %d %s", rc, err.message);
    hack__v1__list_events_response__free_unpacked(events, NULL);
    hack_close(watcher);
    hack_close(organiser);
}

static int count_items(const Hack__V1__EventUpdate *u, void *user_data)
{
    (void)u;
    ++*(int *)user_data;
    return 0;
}

static void test_stream_deadline_of_1_ms(void)
{
    hack_client *c = connect_as(g_organiser);
    if (c == NULL) {
        return;
    }
    Hack__V1__WatchEventRequest req = HACK__V1__WATCH_EVENT_REQUEST__INIT;
    req.slug = (char *)DEMO_EVENT;
    hack_set_stream_timeout(c, 1);
    EXPECT(hack_client_stream_timeout(c) == 1);
    int items = 0;
    hack_error err;
    int rc = hack_events_watch(c, &req, count_items, &items, &err);
    EXPECTF(rc == HACK_STATUS_DEADLINE_EXCEEDED || rc == HACK_ERR_TIMEOUT, "rc %d %s: %s", rc,
            hack_status_name(err.status), err.message);
    EXPECT(err.status == rc && err.message[0] != '\0');

    /* A unary call with 1 ms answers in time or not, but never hangs and leaves the connection usable. */
    hack_set_call_timeout(c, 1);
    Hack__V1__ListEventsResponse *events = NULL;
    rc = hack_events_list(c, NULL, &events, &err);
    EXPECTF(rc == 0 || rc == HACK_STATUS_DEADLINE_EXCEEDED || rc == HACK_ERR_TIMEOUT, "rc %d", rc);
    hack__v1__list_events_response__free_unpacked(events, NULL);
    hack_set_call_timeout(c, 5000);
    rc = hack_events_list(c, NULL, &events, &err);
    EXPECTF(rc == 0, "Events/List: %d %s", rc, err.message);
    hack__v1__list_events_response__free_unpacked(events, NULL);
    hack_close(c);
}

static void test_receive_timeout_cancels_a_quiet_stream(void)
{
    hack_client *c = connect_as(g_organiser);
    if (c == NULL) {
        return;
    }
    hack_set_receive_timeout(c, 200);
    Hack__V1__WatchEventRequest req = HACK__V1__WATCH_EVENT_REQUEST__INIT;
    req.slug = (char *)DEMO_EVENT;
    int items = 0;
    hack_error err;
    int rc = hack_events_watch(c, &req, count_items, &items, &err);
    EXPECTF(rc == HACK_ERR_TIMEOUT, "rc %d %s: %s", rc, hack_status_name(err.status), err.message);
    EXPECTF(items == 1, "%d items (the snapshot only)", items);
    EXPECTF(strstr(err.message, "Events/Watch") != NULL, "message \"%s\"", err.message);

    Hack__V1__Event *e = NULL;
    Hack__V1__GetEventRequest get = HACK__V1__GET_EVENT_REQUEST__INIT;
    get.slug = (char *)DEMO_EVENT;
    rc = hack_events_get(c, &get, &e, &err);
    EXPECTF(rc == 0, "Events/Get after the timeout: %d %s", rc, err.message);
    hack__v1__event__free_unpacked(e, NULL);
    hack_close(c);
}

static void test_stream_errors(void)
{
    hack_client *c = connect_as(g_organiser);
    if (c == NULL) {
        return;
    }
    Hack__V1__WatchEventRequest req = HACK__V1__WATCH_EVENT_REQUEST__INIT;
    req.slug = (char *)DEMO_EVENT;
    req.tick_interval_ms = 7; /* not 0 nor 100..60000 */
    int items = 0;
    hack_error err;
    int rc = hack_events_watch(c, &req, count_items, &items, &err);
    EXPECTF(rc == HACK_STATUS_INVALID_ARGUMENT && items == 0, "rc %d, %d items", rc, items);
    EXPECT(hack_events_watch(c, &req, NULL, NULL, &err) == HACK_ERR_ARG);

    /* A stream method through hack_call_unary: refused, cancelled, and the connection goes on. */
    req.tick_interval_ms = 0;
    ProtobufCMessage *resp = NULL;
    rc = hack_call_unary(c, "hack.v1.Events/Watch", &req.base, &hack__v1__event_update__descriptor, 2000, &resp,
                         &err);
    EXPECTF(rc == HACK_ERR_ARG && resp == NULL, "rc %d", rc);
    Hack__V1__ListEventsResponse *events = NULL;
    rc = hack_events_list(c, NULL, &events, &err);
    EXPECTF(rc == 0, "Events/List: %d %s", rc, err.message);
    hack__v1__list_events_response__free_unpacked(events, NULL);
    hack_close(c);
}

/* ------------------------------------------------------------------------- */
/* examples/demo_day.c, on a server of its own                                */
/* ------------------------------------------------------------------------- */

/* Runs $DEMO_DAY against s with the organiser's and the team's tokens; its output goes into out. */
static int run_demo_day(const struct live_hackd *s, const char *organiser, const char *team, char *out, size_t cap)
{
    const char *demo_day = getenv("DEMO_DAY");
    if (demo_day == NULL || demo_day[0] == '\0') {
        demo_day = "build/demo_day";
    }
    char addr[300];
    snprintf(addr, sizeof addr, "%s:%u", s->host, (unsigned)s->port);
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        setenv("HACK_ORGANISER_TOKEN", organiser, 1);
        setenv("HACK_TEAM_TOKEN", team, 1);
        execl(demo_day, demo_day, addr, DEMO_EVENT, (char *)NULL);
        fprintf(stderr, "exec %s: %s\n", demo_day, strerror(errno));
        _exit(127);
    }
    close(pipefd[1]);
    size_t len = 0;
    for (;;) {
        struct pollfd p = { .fd = pipefd[0], .events = POLLIN, .revents = 0 };
        if (poll(&p, 1, 60000) <= 0) {
            kill(pid, SIGKILL); /* hung: a failed test, not a hung suite */
            break;
        }
        ssize_t n = read(pipefd[0], out + len, cap - 1 - len);
        if (n <= 0 || (len += (size_t)n) == cap - 1) {
            break;
        }
    }
    out[len] = '\0';
    close(pipefd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static void test_demo_day_example(void)
{
    struct live_hackd s = LIVE_HACKD_INIT;
    char why[256];
    char organiser[512], team[512];
    int started = live_hackd_start(&s, why, sizeof why) == 0;
    EXPECTF(started, "%s", why);
    if (started && live_hackd_token(&s, "organiser", organiser, sizeof organiser) == TOKENS_FOUND &&
        live_hackd_token(&s, "team", team, sizeof team) == TOKENS_FOUND) {
        static char out[16384];
        int rc = run_demo_day(&s, organiser, team, out, sizeof out);
        EXPECTF(rc == 0, "demo_day exited with %d", rc);
        for (char *line = strtok(out, "\n"); line != NULL; line = strtok(NULL, "\n")) {
            printf("     | %s\n", line);
        }
    } else if (started) {
        EXPECTF(0, "no organiser or team token in %s", s.tokens_path);
    }
    EXPECTF(live_hackd_stop(&s, why, sizeof why) == 0, "%s", why);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    RUN(test_method_table_is_complete);

    int before = g_failed;
    RUN(test_server_starts);
    if (g_failed == before) {
        RUN(test_server_knows_every_method);
        RUN(test_unary_wrappers);
        RUN(test_watch_snapshot_then_run_update_then_cancel);
        RUN(test_stream_deadline_of_1_ms);
        RUN(test_receive_timeout_cancels_a_quiet_stream);
        RUN(test_stream_errors);
    } else {
        printf("     (live tests skipped: hackd did not start)\n");
    }
    RUN(test_server_stops);
    RUN(test_demo_day_example);

    printf("%d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
