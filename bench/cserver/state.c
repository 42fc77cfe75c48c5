/**
 * @file state.c
 * @brief The state in memory, as hackd keeps it: events by slug,
 *        territories, challenges, teams and ideas by id; the run of each
 *        event; the event loaded from hackd's own Events/Get answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cserver.h"

int64_t next_challenge_id = 1, next_team_id = 1, next_idea_id = 1;
uint64_t committed_version;

#define EVENT_BUCKETS 4096

typedef struct event_node {
    event ev;
    struct event_node *next;
} event_node;

static event_node *events[EVENT_BUCKETS];
static territory **territories;
static int n_territories, cap_territories;

/* Tables by id: a pointer per id, grown as ids come. */
typedef struct id_table {
    void **items;
    int64_t cap;
} id_table;

static id_table challenges, teams, ideas;

static void *id_get(const id_table *t, int64_t id)
{
    return id > 0 && id < t->cap ? t->items[id] : NULL;
}

static void id_put(id_table *t, int64_t id, void *item)
{
    if (id >= t->cap) {
        int64_t cap = t->cap ? t->cap : 1024;
        while (cap <= id) {
            cap *= 2;
        }
        void **grown = realloc(t->items, (size_t)cap * sizeof *grown);
        if (grown == NULL) {
            abort();
        }
        memset(grown + t->cap, 0, (size_t)(cap - t->cap) * sizeof *grown);
        t->items = grown;
        t->cap = cap;
    }
    t->items[id] = item;
}

static void *zalloc(size_t n)
{
    void *p = calloc(1, n);
    if (p == NULL) {
        abort();
    }
    return p;
}

static unsigned slug_hash(const char *s)
{
    unsigned h = 2166136261u;
    while (*s) {
        h = (h ^ (unsigned char)*s++) * 16777619u;
    }
    return h % EVENT_BUCKETS;
}

event *event_find(const char *slug)
{
    for (event_node *n = events[slug_hash(slug)]; n != NULL; n = n->next) {
        if (strcmp(n->ev.slug, slug) == 0) {
            return &n->ev;
        }
    }
    return NULL;
}

event *event_add(const char *slug)
{
    event_node *n = zalloc(sizeof *n);
    n->ev.slug = strdup(slug);
    unsigned b = slug_hash(slug);
    n->next = events[b];
    events[b] = n;
    return &n->ev;
}

territory *territory_find(const char *slug)
{
    for (int i = 0; i < n_territories; i++) {
        if (strcmp(territories[i]->slug, slug) == 0) {
            return territories[i];
        }
    }
    return NULL;
}

territory *territory_add(void)
{
    if (n_territories == cap_territories) {
        cap_territories = cap_territories ? cap_territories * 2 : 16;
        territories = realloc(territories, (size_t)cap_territories * sizeof *territories);
        if (territories == NULL) {
            abort();
        }
    }
    return territories[n_territories++] = zalloc(sizeof(territory));
}

challenge *challenge_find(int64_t id)
{
    return id_get(&challenges, id);
}

challenge *challenge_find_pair(const event *ev, const territory *terr)
{
    for (int64_t id = 1; id < next_challenge_id; id++) {
        challenge *ch = id_get(&challenges, id);
        if (ch != NULL && ch->ev == ev && ch->terr == terr) {
            return ch;
        }
    }
    return NULL;
}

challenge *challenge_add(void)
{
    challenge *ch = zalloc(sizeof *ch);
    ch->id = next_challenge_id++;
    id_put(&challenges, ch->id, ch);
    return ch;
}

team *team_find(int64_t id)
{
    return id_get(&teams, id);
}

team *team_add(void)
{
    team *t = zalloc(sizeof *t);
    t->id = next_team_id++;
    id_put(&teams, t->id, t);
    return t;
}

idea *idea_add(void)
{
    idea *i = zalloc(sizeof *i);
    i->id = next_idea_id++;
    id_put(&ideas, i->id, i);
    return i;
}

/* ------------------------------------------------------------------ runs */

void event_run_as_of(event *ev, int64_t now)
{
    /* The run caught up at now: phases that ran out have ended (hackd's EventRun.caughtUp). */
    while (ev->status == HACK__V1__RUN_STATUS__RUN_STATUS_RUNNING && ev->phase_ends_at <= now) {
        if (ev->phase_index + 1 < ev->n_phases) {
            ev->phase_index++;
            ev->phase_started_at = ev->phase_ends_at;
            ev->phase_ends_at += ev->phase_ms[ev->phase_index];
        } else {
            ev->status = HACK__V1__RUN_STATUS__RUN_STATUS_FINISHED;
            ev->finished_at = ev->phase_ends_at;
        }
    }
    Hack__V1__EventRun *run = ev->msg->run;
    if (run == NULL) {
        return;
    }
    run->as_of_ms = now;
    if (ev->loaded) {
        return; /* hackd's answer, its run as it computed it: only its moment changes */
    }
    run->status = (Hack__V1__RunStatus)ev->status;
    run->phase_index = (uint32_t)ev->phase_index;
    int running = ev->status == HACK__V1__RUN_STATUS__RUN_STATUS_RUNNING;
    run->phase_started_at_ms = running ? ev->phase_started_at : 0;
    run->phase_ends_at_ms = running ? ev->phase_ends_at : 0;
    run->remaining_ms = running ? ev->phase_ends_at - now : 0;
    run->started_at_ms = ev->started_at;
    run->finished_at_ms = ev->finished_at;
}

int event_load_answer(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    static uint8_t buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    Hack__V1__Event *msg = hack__v1__event__unpack(NULL, len, buf);
    if (msg == NULL || msg->slug == NULL || msg->slug[0] == '\0') {
        return -1;
    }
    event *ev = event_add(msg->slug);
    ev->msg = msg;
    ev->loaded = 1;
    ev->status = msg->run != NULL ? (int)msg->run->status : HACK__V1__RUN_STATUS__RUN_STATUS_DRAFT;
    if (ev->status == HACK__V1__RUN_STATUS__RUN_STATUS_RUNNING) {
        ev->status = HACK__V1__RUN_STATUS__RUN_STATUS_PAUSED; /* its clock is not this server's to run */
    }
    return 0;
}

void event_build_msg(event *ev, const Hack__V1__CreateEventRequest *req, int64_t now)
{
    Hack__V1__Event *m = zalloc(sizeof *m);
    Hack__V1__Event init = HACK__V1__EVENT__INIT;
    *m = init;
    m->slug = ev->slug;
    m->name = strdup(req->name);
    m->venue = strdup(req->venue);
    m->time_zone = strdup(req->time_zone);
    m->date = strdup(req->date);
    m->theme = strdup(req->theme);
    m->n_agenda = req->n_agenda;
    m->agenda = zalloc((req->n_agenda + 1) * sizeof *m->agenda);
    ev->n_phases = (int)req->n_agenda;
    ev->phase_kinds = zalloc((req->n_agenda + 1) * sizeof *ev->phase_kinds);
    ev->phase_ms = zalloc((req->n_agenda + 1) * sizeof *ev->phase_ms);
    Hack__V1__EventRun *run = zalloc(sizeof *run);
    Hack__V1__EventRun run_init = HACK__V1__EVENT_RUN__INIT;
    *run = run_init;
    run->n_phases = req->n_agenda;
    run->phases = zalloc((req->n_agenda + 1) * sizeof *run->phases);
    for (size_t i = 0; i < req->n_agenda; i++) {
        Hack__V1__Phase *p = zalloc(sizeof *p);
        Hack__V1__Phase init_p = HACK__V1__PHASE__INIT;
        *p = init_p;
        p->kind = req->agenda[i]->kind;
        p->name = strdup(req->agenda[i]->name);
        p->planned_start = strdup(req->agenda[i]->planned_start);
        p->duration_ms = req->agenda[i]->duration_ms;
        m->agenda[i] = p;
        ev->phase_kinds[i] = p->kind;
        ev->phase_ms[i] = (int64_t)p->duration_ms;
        Hack__V1__PhaseTiming *t = zalloc(sizeof *t);
        Hack__V1__PhaseTiming init_t = HACK__V1__PHASE_TIMING__INIT;
        *t = init_t;
        t->index = (uint32_t)i;
        t->duration_ms = (int64_t)p->duration_ms;
        run->phases[i] = t;
    }
    m->created_at_ms = m->updated_at_ms = now;
    m->run = run;
    ev->msg = m;
    ev->status = HACK__V1__RUN_STATUS__RUN_STATUS_DRAFT;
}
