/**
 * @file cserver.h
 * @brief The same calls as hackd, doing the same work, in plain C: one libuv
 *        loop speaking hackd's protocol (the C client's framing, protobuf-c
 *        messages), its state in memory, its writes group-committed into a
 *        database made by `hackd init` on a second thread. The best any libuv
 *        + protobuf-c + SQLite server can do for these calls: a baseline for
 *        scale of the read and durable-write figures (docs/BENCHMARKS.md).
 *
 * Only the calls of loadgen's `read` and `write` modes are served:
 * Events/Get, Ideas/Create, and the setup before them (Territories/Create,
 * Events/Create, Challenges/Create, Events/Start, Teams/Create, Server/Stats).
 */
#ifndef BENCH_CSERVER_H
#define BENCH_CSERVER_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include "hack/v1/frames.pb-c.h"
#include "hack/v1/services.pb-c.h"
#include "hackclient.h"
#include "rbuf.h"
#include "wbuf.h"

/* ---------------------------------------------------------------- tokens */

enum role { ROLE_ADMIN, ROLE_ORGANISER, ROLE_MODERATOR, ROLE_TERRITORY, ROLE_JUROR, ROLE_TEAM, ROLE_OBSERVER };

/** A token as hackd's state keeps it: never its secret, the SHA-256 of its verifier. */
typedef struct token {
    int64_t id;
    char *name;
    int role;
    char *event_slug; /* NULL for admin */
    char *territory_slug;
    int64_t team_id;  /* 0: none */
    uint8_t hash[32];
    int64_t expires_at, revoked_at; /* 0: never, not revoked */
} token;

/** Reads hackd's --demo-tokens file: the tokens this server knows. @return 0 or -1. */
int tokens_load(const char *path);
const token *token_by_id(int64_t id);

/* ----------------------------------------------------------- connections */

typedef struct sconn {
    uv_tcp_t tcp;
    wbuf out;
    rbuf in; /* a partial frame between reads */
    int active;           /* HELLO received */
    int closed;           /* closing or closed: answers are dropped */
    int refs;             /* the connection itself and each write waiting for its commit */
    char *hello_auth;     /* HELLO's authorization header */
    char *verified;       /* the header last proved, and the token it names */
    int64_t verified_id;
    int verified_is_hello;
    uint32_t *calls;      /* ids of the calls in flight */
    int n_calls, cap_calls;
    uint32_t last_accepted;
    uint64_t last_frame_at;
    int dirty;            /* answers appended since the last flush */
    struct sconn *next_dirty;
} sconn;

/** Takes the next connection of @p server. */
void conn_accept(uv_stream_t *server);
/** Closes every handle of the loop (shutdown). */
void conns_close_all(void);
void conn_ref(sconn *c);
void conn_unref(sconn *c);
/** Closes the connection: the answers of its calls in flight are dropped. */
void conn_close(sconn *c);
/** Appends a frame whose body is @p msg. */
void send_msg(sconn *c, uint8_t kind, uint32_t id, const ProtobufCMessage *msg);
/** Closes call @p id: 0 when it is not open (cancelled, or the connection is gone). */
int call_finish(sconn *c, uint32_t id);
/** The caller of call @p id, or NULL once it is answered UNAUTHENTICATED. */
const token *authenticate(sconn *c, uint32_t id, const Hack__V1__Request *req);
/** Drops the messages unpacked into frame_arena. */
void arena_reset(void);
/** Writes what was appended to every connection answered since the last flush. */
void conns_flush_dirty(void);

/** The answer of call @p id: OK with @p payload (an encoded message). Dropped when the call is gone. */
void reply_ok(sconn *c, uint32_t id, const uint8_t *payload, size_t len);
/** The answer of call @p id: OK with @p msg encoded by protobuf-c. */
void reply_msg(sconn *c, uint32_t id, const ProtobufCMessage *msg);
/** The answer of call @p id: a failure. */
__attribute__((format(printf, 4, 5))) void reply_error(sconn *c, uint32_t id, int status, const char *fmt, ...);

extern uv_loop_t *loop;
extern unsigned long conns_open;

/** The protobuf-c allocator of one frame's messages (reset once the frame is handled). */
extern ProtobufCAllocator frame_arena;

/** Wall-clock milliseconds, as hackd's clock. */
int64_t now_ms(void);

/* ----------------------------------------------------------------- calls */

/** A method: its name, and its handler (the caller is authenticated first). */
typedef struct method {
    const char *name;
    void (*handle)(sconn *c, uint32_t id, const token *caller, const uint8_t *payload, size_t len);
} method;

const method *method_named(const char *name);

/** The hack.v1.Server/Stats counters. */
typedef struct stats {
    int64_t started_at;
    uint64_t accepted, unauthenticated, permission_denied, commits, changes_committed;
} stats;
extern stats server_stats;

/* ----------------------------------------------------------------- state */

typedef struct event {
    char *slug;
    Hack__V1__Event *msg; /* its answer, run included (kept up to date) */
    int loaded;           /* read from the answer file: msg was unpacked by protobuf-c */
    int n_phases;
    int *phase_kinds;
    int64_t *phase_ms;
    /* The run: status (Hack__V1__RunStatus), current phase, its end. */
    int status, phase_index;
    int64_t phase_started_at, phase_ends_at, started_at, finished_at;
    int history; /* transitions stored */
    int n_teams;
    struct team **teams;
    int cap_teams;
} event;

typedef struct territory {
    char *slug, *name, *rep_name, *rep_role;
} territory;

typedef struct challenge {
    int64_t id;
    event *ev;
    territory *terr;
    char *title, *context;
} challenge;

typedef struct team {
    int64_t id;
    event *ev;
    challenge *ch;
    char *name;
    int n_members;
    char **member_names, **member_roles;
    int ideas_pending; /* ideas decided (committed or waiting for their commit) */
    int ideas_committed;
} team;

typedef struct idea {
    int64_t id, team_id, challenge_id, at;
    char *title, *pitch, *body; /* one allocation */
    size_t title_len, pitch_len, body_len;
    int committed;
} idea;

event *event_find(const char *slug);
event *event_add(const char *slug);
territory *territory_find(const char *slug);
territory *territory_add(void);
challenge *challenge_find(int64_t id);
challenge *challenge_find_pair(const event *ev, const territory *terr);
challenge *challenge_add(void);
team *team_find(int64_t id);
team *team_add(void);
idea *idea_add(void);
extern int64_t next_challenge_id, next_team_id, next_idea_id;
/** Changes to the committed state: what is derived from it (the encoded events) is kept until the next. */
extern uint64_t committed_version;

/** Loads the Events/Get answer saved by `loadgen get` as an event of the state. */
int event_load_answer(const char *path);
/** Keeps the run fields of ev->msg as of @p now. */
void event_run_as_of(event *ev, int64_t now);
/** Builds ev->msg of an event made by Events/Create. */
void event_build_msg(event *ev, const Hack__V1__CreateEventRequest *req, int64_t now);

/**
 * Reads a request of descriptor @p d: by hand into @p flat (a struct of that
 * type) when its fields are singular scalars, else with protobuf-c into the
 * frame arena. @return the message, or NULL when it is malformed or holds a
 * string that is not UTF-8. Free it with request_free().
 */
ProtobufCMessage *request_read(const ProtobufCMessageDescriptor *d, const uint8_t *payload, size_t len,
                               ProtobufCMessage *flat);
void request_free(ProtobufCMessage *m, ProtobufCMessage *flat);

/* ------------------------------------------------------------ validation */

int utf8_valid(const char *s, size_t len);
/** Strings of a decoded message: NULL when all are valid UTF-8 (as SwiftProtobuf requires). */
int message_utf8_valid(const ProtobufCMessage *m);
/** hackd's Validate: NULL when valid, else the rule it breaks (a static string). */
const char *check_name(const char *s);
const char *check_short_text(const char *s);
const char *check_long_text(const char *s, size_t max);
const char *check_slug(const char *s);

/* -------------------------------------------------------------- commits */

/** A change and its audit entry, written in the next group commit; done() runs once it is on disk. */
typedef struct change change;
struct change {
    /* Writes its rows; @return SQLITE_OK or an error. Runs on the commit thread. */
    int (*write)(change *ch, void *db);
    /* Runs on the loop once committed (ok) or not (!ok): answers the call, frees the change. */
    void (*done)(change *ch, int ok);
    /* The audit stamp; the entry's target and summary are written on the commit thread. */
    int64_t at;
    const token *by;
    const char *method;
    const char *event_slug;
    void (*audit_text)(change *ch, char *target, size_t tcap, char *summary, size_t scap);
    sconn *c;
    uint32_t call_id;
    void *data;
};

int store_open(const char *path);
void store_close(void);
void committer_init(void);
void committer_enqueue(change *ch);
void committer_close(void);
/** The loop turn ended: the commit goes out when due (hackd's TurnHook). */
void committer_turn(void);
/** One statement of the commit thread, prepared once. */
void *store_stmt(void *db, const char *sql);

#endif
