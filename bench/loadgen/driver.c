/**
 * @file driver.c
 * @brief The closed-loop call driver: each connection keeps `depth` calls in
 *        flight, issuing a new one as each answer arrives, and records the
 *        latency of every call answered in the measured window.
 *
 * echo and read send the same bytes: a REQUEST for hack.v1.Events/Get, built
 * once, its call id patched in; the echo server sends back a frame as large
 * as hackd's answer (--reply-body). write posts a new idea per call, on the
 * connection's own teams, 100 ideas per team (docs/LIMITS.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loadgen.h"
#include "write_load.h"

#define MAX_DEPTH 64
#define DRAIN_TIMEOUT_MS 10000

enum { KIND_ECHO, KIND_READ, KIND_WRITE };
enum { PH_CONNECTING, PH_WARMUP, PH_MEASURING, PH_DRAINING, PH_DONE };

typedef struct slot {
    uint32_t id; /* 0: free */
    uint64_t t0;
} slot;

typedef struct dconn {
    conn c;
    slot slots[MAX_DEPTH];
    int inflight;
    long team_cursor; /* index into team_ids */
    int ideas_on_team;
    long ideas_posted;
} dconn;

struct driver {
    int kind;
    const char *kind_name;
    const char *token;
    dconn *conns;
    int n, depth, ready;
    int phase;
    hist h;
    uint64_t t_start, t_measure, t_end;
    uint64_t ok, errors, unanswered, out_of_teams;
    int errors_shown;
    uint8_t *tmpl;
    size_t tmpl_len;
    size_t resp_frame_bytes;
    const uint64_t *team_ids;
    long n_teams;
    double cpu_self0, cpu_self1, cpu_server0, cpu_server1;
    double wait_server0, wait_server1, busy0, busy1;
    uv_timer_t timer;
    void (*measuring)(void *);
    void (*done)(void *);
    void *user;
};

/* /proc/PID/NAME, or /proc/self/NAME when pid is 0; NULL when it cannot be opened. */
static FILE *open_proc(int pid, const char *name)
{
    char path[64];
    if (pid > 0) {
        snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
    } else {
        snprintf(path, sizeof path, "/proc/self/%s", name);
    }
    return fopen(path, "r");
}

double cpu_seconds(int pid)
{
    FILE *f = open_proc(pid, "stat");
    if (f == NULL) {
        return -1;
    }
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    unsigned long utime, stime;
    if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) {
        return -1;
    }
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

double runq_wait_seconds(int pid)
{
    FILE *f = open_proc(pid, "schedstat");
    if (f == NULL) {
        return -1;
    }
    unsigned long long run_ns, wait_ns;
    int n = fscanf(f, "%llu %llu", &run_ns, &wait_ns);
    fclose(f);
    return n == 2 ? (double)wait_ns / 1e9 : -1;
}

double machine_busy_seconds(void)
{
    FILE *f = fopen("/proc/stat", "r");
    if (f == NULL) {
        return -1;
    }
    unsigned long long v[8] = {0};
    int n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                   &v[6], &v[7]);
    fclose(f);
    if (n < 8) {
        return -1;
    }
    /* user nice system [idle iowait] irq softirq steal */
    unsigned long long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    return (double)busy / (double)sysconf(_SC_CLK_TCK);
}

long rss_kib(int pid)
{
    if (pid <= 0) {
        return -1; /* the server's, never the load generator's own */
    }
    FILE *f = open_proc(pid, "status");
    if (f == NULL) {
        return -1;
    }
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1) {
            break;
        }
    }
    fclose(f);
    return kib;
}

/* Appends the next call on @p dc; @return its call id, or 0 when there is nothing left to post. */
static uint32_t issue(driver *d, dconn *dc)
{
    conn *c = &dc->c;
    if (d->kind != KIND_WRITE) {
        uint32_t id = c->next_call_id++;
        if (c->next_call_id == 0) {
            c->next_call_id = 1;
        }
        uint8_t *p = wbuf_reserve(&c->out, d->tmpl_len);
        memcpy(p, d->tmpl, d->tmpl_len);
        p[5] = (uint8_t)(id >> 24);
        p[6] = (uint8_t)(id >> 16);
        p[7] = (uint8_t)(id >> 8);
        p[8] = (uint8_t)id;
        wbuf_commit(&c->out, d->tmpl_len);
        return id;
    }
    if (dc->ideas_on_team == IDEAS_PER_TEAM) {
        dc->ideas_on_team = 0;
        dc->team_cursor += d->n;
    }
    if (dc->team_cursor >= d->n_teams) {
        d->out_of_teams++;
        return 0;
    }
    dc->ideas_on_team++;
    dc->ideas_posted++;
    char title[96];
    snprintf(title, sizeof title, IDEA_TITLE_FORMAT, dc->ideas_on_team,
             (unsigned long long)d->team_ids[dc->team_cursor]);
    Hack__V1__CreateIdeaRequest req = HACK__V1__CREATE_IDEA_REQUEST__INIT;
    req.team_id = d->team_ids[dc->team_cursor];
    req.title = title;
    req.pitch = (char *)idea_pitch;
    req.body = (char *)idea_body;
    return conn_send_request(c, "hack.v1.Ideas/Create", &req.base);
}

static void fill(driver *d, dconn *dc)
{
    if (d->phase != PH_WARMUP && d->phase != PH_MEASURING) {
        return;
    }
    for (int s = 0; s < d->depth && dc->inflight < d->depth; s++) {
        if (dc->slots[s].id == 0) {
            uint32_t id = issue(d, dc);
            if (id == 0) {
                return;
            }
            dc->slots[s].id = id;
            dc->slots[s].t0 = now_us();
            dc->inflight++;
        }
    }
}

static void close_all(driver *d)
{
    for (int i = 0; i < d->n; i++) {
        d->unanswered += (uint64_t)d->conns[i].inflight;
        conn_close(&d->conns[i].c);
    }
    d->phase = PH_DONE;
    uv_close((uv_handle_t *)&d->timer, NULL);
    d->done(d->user);
}

static int all_drained(const driver *d)
{
    for (int i = 0; i < d->n; i++) {
        if (d->conns[i].inflight > 0 && d->conns[i].c.state == CONN_READY) {
            return 0;
        }
    }
    return 1;
}

static void on_timer(uv_timer_t *t)
{
    driver *d = t->data;
    switch (d->phase) {
    case PH_WARMUP:
        hist_reset(&d->h);
        d->ok = d->errors = 0;
        d->phase = PH_MEASURING;
        d->t_measure = now_us();
        d->cpu_self0 = cpu_seconds(0);
        d->cpu_server0 = opt.server_pid > 0 ? cpu_seconds(opt.server_pid) : -1;
        d->wait_server0 = opt.server_pid > 0 ? runq_wait_seconds(opt.server_pid) : -1;
        d->busy0 = machine_busy_seconds();
        uv_timer_start(&d->timer, on_timer, (uint64_t)(opt.seconds * 1000.0), 0);
        if (d->measuring != NULL) {
            d->measuring(d->user);
        }
        break;
    case PH_MEASURING:
        d->phase = PH_DRAINING;
        d->t_end = now_us();
        d->cpu_self1 = cpu_seconds(0);
        d->cpu_server1 = opt.server_pid > 0 ? cpu_seconds(opt.server_pid) : -1;
        d->wait_server1 = opt.server_pid > 0 ? runq_wait_seconds(opt.server_pid) : -1;
        d->busy1 = machine_busy_seconds();
        if (all_drained(d)) {
            close_all(d);
        } else {
            uv_timer_start(&d->timer, on_timer, DRAIN_TIMEOUT_MS, 0);
        }
        break;
    case PH_DRAINING:
        fprintf(stderr, "%s: calls still unanswered %d ms after the end\n", d->kind_name, DRAIN_TIMEOUT_MS);
        close_all(d);
        break;
    default:
        break;
    }
}

static void begin(driver *d)
{
    d->phase = PH_WARMUP;
    d->t_start = now_us();
    uv_timer_start(&d->timer, on_timer, (uint64_t)(opt.warmup_s * 1000.0), 0);
    for (int i = 0; i < d->n; i++) {
        fill(d, &d->conns[i]);
        conn_flush(&d->conns[i].c);
    }
}

static void on_ready(conn *c)
{
    driver *d = c->owner;
    if (++d->ready == d->n) {
        begin(d);
    }
}

static void on_frame(conn *c, const hack_frame *f)
{
    driver *d = c->owner;
    dconn *dc = (dconn *)c;
    if (!opt.raw && f->kind != HACK_FRAME_RESPONSE) {
        return;
    }
    int s = 0;
    while (s < d->depth && dc->slots[s].id != f->call_id) {
        s++;
    }
    if (s == d->depth || f->call_id == 0) {
        return;
    }
    uint64_t latency = now_us() - dc->slots[s].t0;
    dc->slots[s].id = 0;
    dc->inflight--;
    d->resp_frame_bytes = HACK_FRAME_HEADER_SIZE + f->body_len;
    int status = opt.raw ? 0 : response_status(f->body, f->body_len);
    if (d->phase == PH_MEASURING || d->phase == PH_WARMUP) {
        if (status == 0) {
            d->ok++;
            hist_add(&d->h, latency);
        } else {
            d->errors++;
            if (d->errors_shown++ < 5) {
                fprintf(stderr, "%s: %s\n", d->kind_name, response_message(f->body, f->body_len));
            }
        }
    }
    fill(d, dc);
    if (d->phase == PH_DRAINING && all_drained(d)) {
        close_all(d);
    }
}

static void on_closed(conn *c, const char *why)
{
    driver *d = c->owner;
    if (d->phase == PH_DONE) {
        return;
    }
    die("%s: connection %d lost: %s", d->kind_name, c->index, why);
}

static const conn_ops driver_ops = {on_ready, on_frame, on_closed};

driver *driver_new(const char *kind, const char *token)
{
    driver *d = calloc(1, sizeof *d);
    if (d == NULL) {
        die("out of memory");
    }
    d->kind_name = kind;
    d->kind = strcmp(kind, "write") == 0 ? KIND_WRITE : strcmp(kind, "echo") == 0 ? KIND_ECHO : KIND_READ;
    d->token = token;
    d->n = opt.conns;
    d->depth = opt.depth;
    if (d->depth < 1 || d->depth > MAX_DEPTH) {
        die("--depth: 1 to %d", MAX_DEPTH);
    }
    d->conns = calloc((size_t)d->n, sizeof *d->conns);
    if (d->conns == NULL) {
        die("out of memory");
    }
    hist_init(&d->h);
    if (d->kind != KIND_WRITE) {
        Hack__V1__GetEventRequest get = HACK__V1__GET_EVENT_REQUEST__INIT;
        get.slug = (char *)opt.slug;
        d->tmpl = encode_request(0, "hack.v1.Events/Get", &get.base, &d->tmpl_len);
    }
    uv_timer_init(loop, &d->timer);
    d->timer.data = d;
    return d;
}

void driver_set_teams(driver *d, const uint64_t *team_ids, long n)
{
    d->team_ids = team_ids;
    d->n_teams = n;
    for (int i = 0; i < d->n; i++) {
        d->conns[i].team_cursor = i;
    }
}

void driver_start(driver *d, void (*measuring)(void *), void (*done)(void *), void *user)
{
    d->measuring = measuring;
    d->done = done;
    d->user = user;
    d->phase = PH_CONNECTING;
    for (int i = 0; i < d->n; i++) {
        conn_open(&d->conns[i].c, &driver_ops, d, i, d->token);
    }
}

uint64_t driver_errors(const driver *d)
{
    return d->errors + d->unanswered + d->out_of_teams;
}

void driver_print(const driver *d)
{
    double secs = (double)(d->t_end - d->t_measure) / 1e6;
    double cpu_self = d->cpu_self0 >= 0 ? (d->cpu_self1 - d->cpu_self0) / secs : -1;
    double cpu_server = d->cpu_server0 >= 0 ? (d->cpu_server1 - d->cpu_server0) / secs : -1;
    printf("  \"kind\": \"%s\",\n  \"conns\": %d,\n  \"depth\": %d,\n", d->kind_name, d->n, d->depth);
    printf("  \"seconds\": %.3f,\n  \"calls\": %llu,\n  \"errors\": %llu,\n  \"unanswered\": %llu,\n", secs,
           (unsigned long long)d->ok, (unsigned long long)d->errors, (unsigned long long)d->unanswered);
    printf("  \"rate\": %.1f,\n", secs > 0 ? (double)d->ok / secs : 0.0);
    printf("  \"p50_us\": %llu,\n  \"p99_us\": %llu,\n  \"max_us\": %llu,\n  \"mean_us\": %.1f,\n",
           (unsigned long long)hist_quantile(&d->h, 0.50), (unsigned long long)hist_quantile(&d->h, 0.99),
           (unsigned long long)d->h.max, d->h.n ? (double)d->h.sum / (double)d->h.n : 0.0);
    printf("  \"req_frame_bytes\": %zu,\n  \"resp_frame_bytes\": %zu,\n", d->tmpl_len, d->resp_frame_bytes);
    double wait_server = d->wait_server0 >= 0 && d->wait_server1 >= 0 ? (d->wait_server1 - d->wait_server0) / secs : -1;
    double busy = d->busy0 >= 0 && d->busy1 >= 0 ? (d->busy1 - d->busy0) / secs : -1;
    /* Cores busy with anything but the server and the load generator: the noise of a shared machine. */
    double others = busy >= 0 ? busy - cpu_self - (cpu_server > 0 ? cpu_server : 0) : -1;
    printf("  \"loadgen_cpu\": %.3f,\n  \"server_cpu\": %.3f,\n", cpu_self, cpu_server);
    printf("  \"server_runq_wait\": %.3f,\n  \"machine_busy_cores\": %.3f,\n  \"others_cpu\": %.3f,\n",
           wait_server, busy, others > 0 ? others : 0.0);
    if (d->kind == KIND_WRITE) {
        printf("  \"out_of_teams\": %llu,\n", (unsigned long long)d->out_of_teams);
    }
}
