/**
 * @file setup.h
 * @brief What the setup calls share (setup.c, setup_teams.c).
 */
#ifndef BENCH_CSERVER_SETUP_H
#define BENCH_CSERVER_SETUP_H

#include <sqlite3.h>

#include "cserver.h"

int may_manage_event(const token *p, const char *slug);

/* A setup change: its rows, its audit text, its answer (encoded when decided). */
typedef struct setup_change {
    change ch;
    int (*rows)(struct setup_change *s, sqlite3 *db);
    char target[96], summary[512];
    uint8_t *answer;
    size_t answer_len;
    void *what;
    int64_t seq; /* Events/Start: the transition's place in the run's history */
} setup_change;

setup_change *setup_new(void);
/* Queues the change of call @p id; its answer is @p answer, encoded now. */
void setup_enqueue(sconn *c, uint32_t id, const token *p, const char *method, const char *event_slug,
                   int (*rows)(setup_change *, sqlite3 *), void *what, const ProtobufCMessage *answer,
                   setup_change *s);
/* Runs @p sql with the arguments of @p types: 'i' an int64, 't' a text (NULL: null). */
int setup_step(sqlite3 *db, const char *sql, const char *types, ...);

#define DECODE(type, fn, name)                                                                         \
    type *r = fn##__unpack(&frame_arena, len, payload);                                                \
    if (r == NULL || !message_utf8_valid(&r->base)) {                                                  \
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "payload is not a valid hack.v1." name);      \
        if (r != NULL) {                                                                               \
            fn##__free_unpacked(r, &frame_arena);                                                      \
        }                                                                                              \
        return;                                                                                        \
    }
#define INVALID(field, rule) reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "%s: %s", field, rule)

#endif
