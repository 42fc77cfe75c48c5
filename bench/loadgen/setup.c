/**
 * @file setup.c
 * @brief What the write, watch and transitions modes need in the server,
 *        made through the protocol with the admin token: a territory,
 *        events with their agenda and one challenge each, teams, and the
 *        run started (ideas can only be posted in a running hack phase).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loadgen.h"
#include "write_load.h"

#define SETUP_DEPTH 32

const char *unique_prefix(const char *what)
{
    static char text[64];
    snprintf(text, sizeof text, "bench-%s-%llx", what, (unsigned long long)(uv_hrtime() / 1000000u) & 0xffffffu);
    return text;
}

typedef struct events_job {
    batch b;
    const char *territory;
    bench_event *events;
    int n;
    int phases;
    long phase_ms;
    int start;
    void (*then)(void *);
    void *user;
    char date[16];
} events_job;

static void events_created(batch *b);
static void challenges_created(batch *b);
static void events_started(batch *b);

/* The territory: made once per server, so ALREADY_EXISTS is fine. */
static uint32_t make_territory(batch *b, long i)
{
    (void)i;
    events_job *job = b->user;
    Hack__V1__CreateTerritoryRequest req = HACK__V1__CREATE_TERRITORY_REQUEST__INIT;
    Hack__V1__Person rep = HACK__V1__PERSON__INIT;
    rep.name = "Camille Martin";
    rep.role = "déléguée au numérique";
    req.slug = (char *)job->territory;
    req.name = "Territoire du banc d'essai";
    req.representative = &rep;
    return conn_send_request(b->c, "hack.v1.Territories/Create", &req.base);
}

static int territory_done(batch *b, long i, int status, const uint8_t *payload, size_t len)
{
    (void)b, (void)i, (void)payload, (void)len;
    return status == 0 || status == HACK_STATUS_ALREADY_EXISTS;
}

static uint32_t make_event(batch *b, long i)
{
    events_job *job = b->user;
    Hack__V1__CreateEventRequest req = HACK__V1__CREATE_EVENT_REQUEST__INIT;
    Hack__V1__Phase *phases = calloc((size_t)job->phases, sizeof *phases);
    Hack__V1__Phase **list = calloc((size_t)job->phases, sizeof *list);
    char(*names)[32] = calloc((size_t)job->phases, sizeof *names);
    if (phases == NULL || list == NULL || names == NULL) {
        die("out of memory");
    }
    for (int p = 0; p < job->phases; p++) {
        Hack__V1__Phase init = HACK__V1__PHASE__INIT;
        phases[p] = init;
        snprintf(names[p], sizeof names[p], "Hack %d", p + 1);
        phases[p].kind = HACK__V1__PHASE_KIND__PHASE_KIND_HACK;
        phases[p].name = names[p];
        phases[p].duration_ms = (uint64_t)job->phase_ms;
        list[p] = &phases[p];
    }
    char name[96];
    snprintf(name, sizeof name, "Banc d'essai %ld", i + 1);
    req.slug = job->events[i].slug;
    req.name = name;
    req.venue = "Lille";
    req.time_zone = "Europe/Paris";
    req.date = job->date;
    req.theme = "charge";
    req.n_agenda = (size_t)job->phases;
    req.agenda = list;
    uint32_t id = conn_send_request(b->c, "hack.v1.Events/Create", &req.base);
    free(phases);
    free(list);
    free(names);
    return id;
}

static int ok_only(batch *b, long i, int status, const uint8_t *payload, size_t len)
{
    (void)b, (void)i, (void)payload, (void)len;
    return status == 0;
}

static uint32_t make_challenge(batch *b, long i)
{
    events_job *job = b->user;
    Hack__V1__CreateChallengeRequest req = HACK__V1__CREATE_CHALLENGE_REQUEST__INIT;
    req.event_slug = job->events[i].slug;
    req.territory_slug = (char *)job->territory;
    req.title = "Mesurer sans se mentir";
    req.context = "Un défi pour le banc d'essai : des idées, vite et durablement.";
    return conn_send_request(b->c, "hack.v1.Challenges/Create", &req.base);
}

static int challenge_done(batch *b, long i, int status, const uint8_t *payload, size_t len)
{
    events_job *job = b->user;
    if (status != 0) {
        return 0;
    }
    Hack__V1__Challenge *ch = hack__v1__challenge__unpack(NULL, len, payload);
    if (ch == NULL) {
        die("Challenges/Create answered something that is not a Challenge");
    }
    job->events[i].challenge_id = ch->id;
    hack__v1__challenge__free_unpacked(ch, NULL);
    return 1;
}

static uint32_t make_start(batch *b, long i)
{
    events_job *job = b->user;
    Hack__V1__StartEventRequest req = HACK__V1__START_EVENT_REQUEST__INIT;
    req.slug = job->events[i].slug;
    return conn_send_request(b->c, "hack.v1.Events/Start", &req.base);
}

static void territory_made(batch *b)
{
    events_job *job = b->user;
    batch_start(&job->b, b->c, "Events/Create", job->n, SETUP_DEPTH, make_event, ok_only, events_created, job);
}

static void events_created(batch *b)
{
    events_job *job = b->user;
    batch_start(&job->b, b->c, "Challenges/Create", job->n, SETUP_DEPTH, make_challenge, challenge_done,
                challenges_created, job);
}

static void challenges_created(batch *b)
{
    events_job *job = b->user;
    if (job->start) {
        batch_start(&job->b, b->c, "Events/Start", job->n, SETUP_DEPTH, make_start, ok_only, events_started, job);
    } else {
        events_started(b);
    }
}

static void events_started(batch *b)
{
    events_job *job = b->user;
    void (*then)(void *) = job->then;
    void *user = job->user;
    free(job);
    then(user);
}

void setup_events(conn *admin, const char *prefix, bench_event *events, int n, int phases, long phase_ms,
                  int start, void (*then)(void *), void *user)
{
    events_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        die("out of memory");
    }
    job->territory = "bench-territoire";
    job->events = events;
    job->n = n;
    job->phases = phases;
    job->phase_ms = phase_ms;
    job->start = start;
    job->then = then;
    job->user = user;
    time_t t = time(NULL);
    strftime(job->date, sizeof job->date, "%Y-%m-%d", gmtime(&t));
    for (int i = 0; i < n; i++) {
        snprintf(events[i].slug, sizeof events[i].slug, "%s-%d", prefix, i + 1);
    }
    batch_start(&job->b, admin, "Territories/Create", 1, 1, make_territory, territory_done, territory_made, job);
}

typedef struct teams_job {
    batch b;
    const bench_event *events;
    int n_events;
    uint64_t *ids;
    void (*then)(void *);
    void *user;
} teams_job;

static uint32_t make_team(batch *b, long i)
{
    teams_job *job = b->user;
    const bench_event *e = &job->events[(i / TEAMS_PER_EVENT) % job->n_events];
    Hack__V1__CreateTeamRequest req = HACK__V1__CREATE_TEAM_REQUEST__INIT;
    Hack__V1__Person member = HACK__V1__PERSON__INIT;
    Hack__V1__Person *members[1] = {&member};
    char name[64];
    snprintf(name, sizeof name, "Équipe %ld", i + 1);
    member.name = "Alex Dupont";
    member.role = "développeuse";
    req.challenge_id = e->challenge_id;
    req.name = name;
    req.n_members = 1;
    req.members = members;
    return conn_send_request(b->c, "hack.v1.Teams/Create", &req.base);
}

static int team_done(batch *b, long i, int status, const uint8_t *payload, size_t len)
{
    teams_job *job = b->user;
    if (status != 0) {
        return 0;
    }
    Hack__V1__Team *t = hack__v1__team__unpack(NULL, len, payload);
    if (t == NULL) {
        die("Teams/Create answered something that is not a Team");
    }
    job->ids[i] = t->id;
    hack__v1__team__free_unpacked(t, NULL);
    return 1;
}

static void teams_created(batch *b)
{
    teams_job *job = b->user;
    void (*then)(void *) = job->then;
    void *user = job->user;
    free(job);
    then(user);
}

void setup_teams(conn *admin, const bench_event *events, int n_events, uint64_t *team_ids, long n,
                 void (*then)(void *), void *user)
{
    if (n > (long)n_events * TEAMS_PER_EVENT) {
        die("%ld teams need %ld events, not %d", n, (n + TEAMS_PER_EVENT - 1) / TEAMS_PER_EVENT, n_events);
    }
    teams_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        die("out of memory");
    }
    job->events = events;
    job->n_events = n_events;
    job->ids = team_ids;
    job->then = then;
    job->user = user;
    batch_start(&job->b, admin, "Teams/Create", n, 64, make_team, team_done, teams_created, job);
}
