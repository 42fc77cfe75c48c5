/**
 * @file calls.c
 * @brief The measured write, doing hackd's work: Ideas/Create
 *        (decoded, validated, authorised, gated by the run, decided against
 *        the pending state, group-committed with its audit entry, answered
 *        once on disk), Server/Stats; and the table of methods.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cserver.h"

stats server_stats;

#define PITCH_MAX_LENGTH 2000  /* InputLimits.pitchMaxLength */
#define BODY_MAX_LENGTH 20000  /* InputLimits.bodyMaxLength */
#define IDEAS_PER_TEAM_MAX 100 /* InputLimits.ideasPerTeamMax */

/* --------------------------------------------------------------- access */

int may_manage_event(const token *p, const char *slug)
{
    return p->role == ROLE_ADMIN || (p->role == ROLE_ORGANISER && strcmp(p->event_slug, slug) == 0);
}

static int may_create_idea(const token *p, const team *t)
{
    return may_manage_event(p, t->ev->slug) ||
           (p->role == ROLE_TEAM && p->team_id == t->id && strcmp(p->event_slug, t->ev->slug) == 0);
}

/* --------------------------------------------------------- Ideas/Create */

static int idea_write(change *ch, void *db);
static void idea_audit(change *ch, char *target, size_t tcap, char *summary, size_t scap);

static void idea_done(change *ch, int ok)
{
    idea *i = ch->data;
    team *t = team_find(i->team_id);
    if (ok) {
        i->committed = 1;
        t->ideas_committed++;
        Hack__V1__Idea m = HACK__V1__IDEA__INIT;
        m.id = (uint64_t)i->id;
        m.team_id = (uint64_t)i->team_id;
        m.challenge_id = (uint64_t)i->challenge_id;
        m.title = i->title;
        m.pitch = i->pitch;
        m.body = i->body;
        m.revision = 1;
        m.created_at_ms = m.updated_at_ms = i->at;
        reply_msg(ch->c, ch->call_id, &m.base);
    } else {
        t->ideas_pending--;
        reply_error(ch->c, ch->call_id, HACK_STATUS_INTERNAL, "the write could not be committed; nothing was saved");
    }
}

/* The gate of an idea: the run, caught up at now, is running in a hack phase (GatedAction.submitIdea). */
int run_allows_ideas(event *ev, int64_t now)
{
    event_run_as_of(ev, now);
    return ev->status == HACK__V1__RUN_STATUS__RUN_STATUS_RUNNING && ev->phase_index < ev->n_phases &&
           ev->phase_kinds[ev->phase_index] == HACK__V1__PHASE_KIND__PHASE_KIND_HACK;
}

static void ideas_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    Hack__V1__CreateIdeaRequest flat;
    Hack__V1__CreateIdeaRequest *r = (Hack__V1__CreateIdeaRequest *)request_read(
        &hack__v1__create_idea_request__descriptor, payload, len, &flat.base);
    const char *rule;
    if (r == NULL) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "payload is not a valid hack.v1.CreateIdeaRequest");
        goto out;
    }
    if (r->team_id == 0 || r->team_id > (uint64_t)INT64_MAX) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "team_id: must be a positive id");
        goto out;
    }
    int64_t team_id = (int64_t)r->team_id;
    team *t = team_find(team_id);
    if (t == NULL || !may_create_idea(p, t)) {
        if (t == NULL && p->role == ROLE_ADMIN) {
            reply_error(c, id, HACK_STATUS_NOT_FOUND, "team %lld not found", (long long)team_id);
        } else {
            reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "team %lld not found or not visible to this token: "
                        "permission ideas.write is required (held by: admin; organiser of the event; members of "
                        "the idea's team)", (long long)team_id);
        }
        goto out;
    }
    int64_t now = now_ms();
    if ((rule = check_name(r->title)) != NULL) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "title: %s", rule);
    } else if ((rule = check_long_text(r->pitch, PITCH_MAX_LENGTH)) != NULL) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "pitch: %s", rule);
    } else if ((rule = check_long_text(r->body, BODY_MAX_LENGTH)) != NULL) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "body: %s", rule);
    } else if (!run_allows_ideas(t->ev, now)) {
        reply_error(c, id, HACK_STATUS_FAILED_PRECONDITION, "idea submission is not open in event \"%s\"",
                    t->ev->slug);
    } else if (t->ideas_pending >= IDEAS_PER_TEAM_MAX) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "team_id: team %lld already has %d ideas, the limit",
                    (long long)team_id, IDEAS_PER_TEAM_MAX);
    } else {
        /* Decided: the idea joins the pending state, its change the next commit. */
        idea *i = idea_add();
        i->team_id = team_id;
        i->challenge_id = t->ch->id;
        i->at = now;
        i->title_len = strlen(r->title);
        i->pitch_len = strlen(r->pitch);
        i->body_len = strlen(r->body);
        if ((i->title = malloc(i->title_len + i->pitch_len + i->body_len + 3)) == NULL) {
            abort();
        }
        i->pitch = i->title + i->title_len + 1;
        i->body = i->pitch + i->pitch_len + 1;
        memcpy(i->title, r->title, i->title_len + 1);
        memcpy(i->pitch, r->pitch, i->pitch_len + 1);
        memcpy(i->body, r->body, i->body_len + 1);
        t->ideas_pending++;
        change *ch = calloc(1, sizeof *ch);
        if (ch == NULL) {
            abort();
        }
        ch->write = idea_write;
        ch->done = idea_done;
        ch->at = now;
        ch->by = p;
        ch->method = "hack.v1.Ideas/Create";
        ch->event_slug = t->ch->ev->slug;
        ch->audit_text = idea_audit;
        ch->c = c;
        ch->call_id = id;
        ch->data = i;
        conn_ref(c);
        committer_enqueue(ch);
    }
out:
    request_free((ProtobufCMessage *)r, &flat.base);
}

/* ---------------------------------------------------------- Server/Stats */

static void server_stats_call(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    Hack__V1__ServerStatsRequest *r = hack__v1__server_stats_request__unpack(&frame_arena, len, payload);
    if (r == NULL) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "payload is not a valid hack.v1.ServerStatsRequest");
        return;
    }
    hack__v1__server_stats_request__free_unpacked(r, &frame_arena);
    if (p->role != ROLE_ADMIN) {
        reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "permission server.stats is required (held by: admin)");
        return;
    }
    Hack__V1__ServerStats s = HACK__V1__SERVER_STATS__INIT;
    s.started_at_ms = server_stats.started_at;
    s.connections_open = conns_open;
    s.calls_accepted = server_stats.accepted;
    s.calls_unauthenticated = server_stats.unauthenticated;
    s.calls_permission_denied = server_stats.permission_denied;
    s.commits = server_stats.commits;
    s.changes_committed = server_stats.changes_committed;
    reply_msg(c, id, &s.base);
}

/* --------------------------------------------------------------- methods */

void events_get(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len);
void territories_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len);
void events_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len);
void challenges_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len);
void events_start(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len);
void teams_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len);

static const method methods[] = {
    {"hack.v1.Events/Get", events_get},
    {"hack.v1.Ideas/Create", ideas_create},
    {"hack.v1.Server/Stats", server_stats_call},
    {"hack.v1.Territories/Create", territories_create},
    {"hack.v1.Events/Create", events_create},
    {"hack.v1.Challenges/Create", challenges_create},
    {"hack.v1.Events/Start", events_start},
    {"hack.v1.Teams/Create", teams_create},
};

const method *method_named(const char *name)
{
    static const method *last; /* clients mostly repeat the same call */
    if (last != NULL && strcmp(last->name, name) == 0) {
        return last;
    }
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (strcmp(methods[i].name, name) == 0) {
            return last = &methods[i];
        }
    }
    return NULL;
}

/* ------------------------------------------------------------- the rows */

#include <sqlite3.h>

#include "hackd_db.h"

static int idea_write(change *ch, void *db)
{
    const idea *i = ch->data;
    sqlite3_stmt *st = store_stmt(db, hackd_idea_sql);
    sqlite3_bind_int64(st, 1, i->id);
    sqlite3_bind_int64(st, 2, i->team_id);
    sqlite3_bind_int64(st, 3, i->challenge_id);
    sqlite3_bind_text(st, 4, i->title, (int)i->title_len, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, i->pitch, (int)i->pitch_len, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, i->body, (int)i->body_len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, 1);
    sqlite3_bind_int64(st, 8, i->at);
    sqlite3_bind_int64(st, 9, i->at);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return rc;
    }
    return sqlite3_changes(db) == 1 ? SQLITE_OK : SQLITE_CONSTRAINT; /* an idea's team and challenge never change */
}

static void idea_audit(change *ch, char *target, size_t tcap, char *summary, size_t scap)
{
    const idea *i = ch->data;
    snprintf(target, tcap, "idea %lld", (long long)i->id);
    snprintf(summary, scap, "created \"%s\"", i->title);
}
