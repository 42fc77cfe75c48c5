/**
 * @file loadgen.h
 * @brief The load generator: one libuv loop, one thread, many pipelined
 *        connections speaking the framing of docs/PROTOCOL.md through the C
 *        client's frame functions and protobuf-c messages (Clients/c).
 */
#ifndef BENCH_LOADGEN_H
#define BENCH_LOADGEN_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include "hack/v1/frames.pb-c.h"
#include "hack/v1/services.pb-c.h"
#include "hackclient.h"
#include "wbuf.h"

/* ---------------------------------------------------------------- options */

typedef struct options {
    const char *mode;
    char host[256];
    int port;
    const char *tokens_path; /* hackd --demo-tokens file */
    int conns;               /* connections driving calls */
    int depth;               /* calls in flight per connection */
    double warmup_s;
    double seconds;
    int raw;                 /* the peer is the echo server: no protocol, frames come back */
    long request_bytes;      /* echo: body size of each frame sent */
    const char *slug;        /* read: the event to get */
    int watchers;            /* watch, idle: connections */
    int rounds;              /* watch: phase changes pushed */
    int phases;              /* transitions: phases of the agenda */
    long phase_ms;           /* transitions: each phase's duration */
    long teams;              /* write: teams to create (100 ideas each) */
    int server_pid;          /* the server under test: its CPU time (calls) or VmRSS (idle) is read */
    double hold_s;           /* idle: how long the connections stay open once measured */
    int connect_parallel;    /* connects in progress at once */
    int quiet;
} options;

extern options opt;
extern uv_loop_t *loop;

/** The loop clock in microseconds (uv_hrtime). */
static inline uint64_t now_us(void)
{
    return uv_hrtime() / 1000u;
}

/** Prints to stderr and exits 1. */
__attribute__((format(printf, 1, 2), noreturn)) void die(const char *fmt, ...);

/** Reads the secret of @p role from opt.tokens_path into a static buffer. */
const char *token_for(const char *role);

/* -------------------------------------------------------------- histogram */

typedef struct hist {
    uint64_t *counts;
    uint64_t n;
    uint64_t max;
    uint64_t sum;
} hist;

void hist_init(hist *h);
void hist_reset(hist *h);
void hist_free(hist *h);
void hist_add(hist *h, uint64_t us);
/** The value at quantile @p q (0..1), in µs (upper edge of its bucket, < 0.2% above). */
uint64_t hist_quantile(const hist *h, double q);

/* ------------------------------------------------------------- connection */

typedef struct conn conn;

typedef struct conn_ops {
    /** Handshake done (WELCOME, or the echoed HELLO from the echo server). */
    void (*ready)(conn *c);
    /** A frame after the handshake (PING, PONG and GOAWAY are handled before). */
    void (*frame)(conn *c, const hack_frame *f);
    /** The connection is gone (closed by either side, or failed). */
    void (*closed)(conn *c, const char *why);
} conn_ops;

struct conn {
    uv_tcp_t tcp;
    uv_connect_t connect_req;
    wbuf out;
    uint8_t *rbuf;
    size_t rlen, rcap;
    const conn_ops *ops;
    void *owner;       /* the mode's state */
    int index;         /* the mode's number for it */
    const char *token; /* sent in HELLO metadata; NULL: none */
    int state;         /* CONN_* */
    uint32_t next_call_id;
    uint64_t bytes_in;
};

enum { CONN_IDLE, CONN_CONNECTING, CONN_HANDSHAKE, CONN_READY, CONN_CLOSING, CONN_CLOSED };

/** Queues a connection (started when fewer than opt.connect_parallel are connecting). */
void conn_open(conn *c, const conn_ops *ops, void *owner, int index, const char *token);
/** Appends a frame whose body is @p msg (NULL: empty). */
void conn_send_msg(conn *c, uint8_t kind, uint32_t call_id, const ProtobufCMessage *msg);
/** Appends a REQUEST for @p method with @p payload, returning its call id. */
uint32_t conn_send_request(conn *c, const char *method, const ProtobufCMessage *payload);
/** Appends ready-made bytes. */
void conn_send_raw(conn *c, const void *bytes, size_t n);
/** Flushes what was appended (done after each read callback anyway). */
void conn_flush(conn *c);
/** Closes with a reset (no TIME_WAIT left behind for the next run's ports). */
void conn_close(conn *c);
/** Connections not yet closed. */
extern long conns_alive;

/** Encodes a REQUEST frame (header + body) into a malloc'd buffer. */
uint8_t *encode_request(uint32_t call_id, const char *method, const ProtobufCMessage *payload,
                        size_t *len);

/** Reads the status of a RESPONSE body without unpacking its payload; -1 if malformed. */
int response_status(const uint8_t *body, size_t len);
/** The message of a failed RESPONSE body, in a static buffer. */
const char *response_message(const uint8_t *body, size_t len);
/** The field number of the first length-delimited field other than 1 (an EventUpdate's item), or -1. */
int update_item_field(const uint8_t *body, size_t len);

/* ---------------------------------------------------------------- batches */

/**
 * Runs @p count unary calls on @p c, at most @p depth in flight. make()
 * appends the call for item i (with conn_send_request) and returns its call
 * id; done() gets each item's RESPONSE (status and payload); finished()
 * runs once every answer is in. A failed status stops the program unless
 * done() returns 0 (it returns non-zero to accept the answer).
 */
typedef struct batch batch;
typedef uint32_t (*batch_make)(batch *b, long i);
typedef int (*batch_done)(batch *b, long i, int status, const uint8_t *payload, size_t len);
struct batch {
    conn *c;
    long count, next, answered;
    int depth;
    batch_make make;
    batch_done done;
    void (*finished)(batch *b);
    void *user;
    uint32_t *ids; /* call id of each item in flight, by slot */
    long *items;
    const char *what;
};

/** Starts @p b on the setup connection @p c (whose owner is an admin_ctx). */
void batch_start(batch *b, conn *c, const char *what, long count, int depth, batch_make make,
                 batch_done done, void (*finished)(batch *b), void *user);

/* ----------------------------------------------------------------- setup */

/**
 * The setup connection (an admin token): its owner routes RESPONSE frames
 * to the batch running on it; anything else may run beside it.
 */
typedef struct admin_ctx {
    void (*ready)(void *user);
    void *user;
    batch *current;
    /* Frames that are not the batch's (e.g. a stream the mode opened). */
    void (*other)(conn *c, const hack_frame *f, void *user);
} admin_ctx;

/** Opens @p c with the admin token; @p ready runs once it is handshaken. */
void admin_open(conn *c, admin_ctx *ctx, void (*ready)(void *), void *user);

/** A bench event and its one challenge. */
typedef struct bench_event {
    char slug[64];
    uint64_t challenge_id;
} bench_event;

/** A slug prefix unique to this process (events live on in the server's database). */
const char *unique_prefix(const char *what);

/**
 * Creates @p n events (agendas of @p phases hack phases of @p phase_ms each)
 * with one challenge each in a shared territory, starts them when @p start,
 * then calls @p then.
 */
void setup_events(conn *admin, const char *prefix, bench_event *events, int n, int phases, long phase_ms,
                  int start, void (*then)(void *), void *user);
/** Creates @p n teams spread over @p events (at most 500 each), storing their ids, then calls @p then. */
void setup_teams(conn *admin, const bench_event *events, int n_events, uint64_t *team_ids, long n,
                 void (*then)(void *), void *user);
/** One unary call on the setup connection; @p done gets its answer. */
void setup_call(conn *admin, const char *method, const ProtobufCMessage *payload,
                void (*done)(int status, const uint8_t *payload, size_t len, void *user), void *user);

/* ------------------------------------------------------------------ modes */

int mode_calls(void);       /* echo, read, write, get */
int mode_watch(void);       /* watch */
int mode_idle(void);        /* idle */
int mode_transitions(void); /* transitions */

/**
 * The closed-loop call driver (echo, read and write; also the read load of
 * transitions): opt.conns connections, opt.depth calls in flight on each, a
 * warm-up, then opt.seconds measured, then the calls in flight drain.
 */
typedef struct driver driver;
driver *driver_new(const char *kind, const char *token);
/** write: the teams the driver posts ideas for (100 each). */
void driver_set_teams(driver *d, const uint64_t *team_ids, long n);
/** @p measuring runs when the warm-up ends; @p done once the connections are closed. */
void driver_start(driver *d, void (*measuring)(void *user), void (*done)(void *user), void *user);
/** Prints the results as `"key": value,` lines of a JSON object. */
void driver_print(const driver *d);
/** Calls that failed, and calls never answered. */
uint64_t driver_errors(const driver *d);

/** CPU seconds (user + system) used so far by process @p pid (0: this one); -1 if unknown. */
double cpu_seconds(int pid);
/** Seconds process @p pid spent runnable but waiting for a CPU (schedstat); -1 if unknown. */
double runq_wait_seconds(int pid);
/** CPU seconds all cores spent busy (user, system, irq, steal) since boot; -1 if unknown. */
double machine_busy_seconds(void);
/** VmRSS of process @p pid in KiB; -1 if unknown. */
long rss_kib(int pid);

#endif
