/**
 * @file setup_teams.c
 * @brief Challenges/Create and Teams/Create for loadgen's write setup (see setup.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup.h"

#define CONTEXT_MAX_LENGTH 2000 /* InputLimits.contextMaxLength */
#define TEAMS_PER_EVENT_MAX 500 /* InputLimits.teamsPerEventMax */
#define MEMBERS_MAX_COUNT 20    /* InputLimits.membersMaxCount */

/* Setup is open: draft, ready, running or paused (GatedAction.changeSetup). */
static int setup_open(event *ev)
{
    event_run_as_of(ev, now_ms());
    return ev->status != HACK__V1__RUN_STATUS__RUN_STATUS_FINISHED;
}

static int challenge_rows(setup_change *s, sqlite3 *db)
{
    challenge *ch = s->what;
    int rc = setup_step(db, "INSERT INTO challenges (id, event_slug, territory_slug, title, context) VALUES (?, ?, ?, ?, ?)\n"
                            "ON CONFLICT (id) DO UPDATE SET event_slug = excluded.event_slug,\n"
                            "    territory_slug = excluded.territory_slug, title = excluded.title, context = excluded.context",
                        "itttt", ch->id, ch->ev->slug, ch->terr->slug, ch->title, ch->context);
    if (rc == SQLITE_OK) {
        rc = setup_step(db, "DELETE FROM challenge_themes WHERE challenge_id = ?", "i", ch->id);
    }
    return rc; /* no themes: loadgen's challenges have none, and they are not kept here */
}

void challenges_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    DECODE(Hack__V1__CreateChallengeRequest, hack__v1__create_challenge_request, "CreateChallengeRequest")
    event *ev = event_find(r->event_slug);
    territory *terr = territory_find(r->territory_slug);
    const char *rule;
    if (!may_manage_event(p, r->event_slug)) {
        reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "permission events.manage is required (held by: admin; "
                    "organiser of the event)");
    } else if ((rule = check_name(r->title)) != NULL) {
        INVALID("title", rule);
    } else if ((rule = check_long_text(r->context, CONTEXT_MAX_LENGTH)) != NULL) {
        INVALID("context", rule);
    } else if (r->n_themes > 0) {
        INVALID("themes", "themes are not served by this bench server");
    } else if (ev == NULL) {
        reply_error(c, id, HACK_STATUS_NOT_FOUND, "event \"%s\" not found", r->event_slug);
    } else if (terr == NULL) {
        reply_error(c, id, HACK_STATUS_NOT_FOUND, "territory \"%s\" not found", r->territory_slug);
    } else if (!setup_open(ev)) {
        reply_error(c, id, HACK_STATUS_FAILED_PRECONDITION, "changes to the event closed when the event finished");
    } else if (challenge_find_pair(ev, terr) != NULL) {
        reply_error(c, id, HACK_STATUS_ALREADY_EXISTS, "territory \"%s\" already poses a challenge in event \"%s\"",
                    terr->slug, ev->slug);
    } else {
        challenge *ch = challenge_add();
        ch->ev = ev;
        ch->terr = terr;
        ch->title = strdup(r->title);
        ch->context = strdup(r->context);
        Hack__V1__Challenge answer = HACK__V1__CHALLENGE__INIT;
        answer.id = (uint64_t)ch->id;
        answer.event_slug = ev->slug;
        answer.territory_slug = terr->slug;
        answer.title = ch->title;
        answer.context = ch->context;
        setup_change *s = setup_new();
        snprintf(s->target, sizeof s->target, "challenge %lld", (long long)ch->id);
        snprintf(s->summary, sizeof s->summary, "created \"%s\" for %s", ch->title, terr->slug);
        setup_enqueue(c, id, p, "hack.v1.Challenges/Create", ev->slug, challenge_rows, ch, &answer.base, s);
    }
    hack__v1__create_challenge_request__free_unpacked(r, &frame_arena);
}

static int team_rows(setup_change *s, sqlite3 *db)
{
    team *t = s->what;
    int rc = setup_step(db, "INSERT INTO teams (id, event_slug, challenge_id, name) VALUES (?, ?, ?, ?)\n"
                            "ON CONFLICT (id) DO UPDATE SET name = excluded.name\n"
                            "WHERE teams.event_slug = excluded.event_slug AND teams.challenge_id = excluded.challenge_id",
                        "itit", t->id, t->ev->slug, t->ch->id, t->name);
    if (rc == SQLITE_OK) {
        rc = setup_step(db, "DELETE FROM team_members WHERE team_id = ?", "i", t->id);
    }
    for (int i = 0; rc == SQLITE_OK && i < t->n_members; i++) {
        rc = setup_step(db, "INSERT INTO team_members (team_id, position, name, role) VALUES (?, ?, ?, ?)", "iitt",
                        t->id, (int64_t)i, t->member_names[i], t->member_roles[i]);
    }
    return rc;
}

void teams_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    DECODE(Hack__V1__CreateTeamRequest, hack__v1__create_team_request, "CreateTeamRequest")
    challenge *ch = r->challenge_id <= (uint64_t)INT64_MAX ? challenge_find((int64_t)r->challenge_id) : NULL;
    const char *rule = NULL;
    int members_ok = r->n_members <= MEMBERS_MAX_COUNT;
    for (size_t i = 0; members_ok && i < r->n_members; i++) {
        members_ok = (rule = check_name(r->members[i]->name)) == NULL &&
                     (rule = check_short_text(r->members[i]->role)) == NULL;
    }
    int taken = 0;
    for (int i = 0; ch != NULL && i < ch->ev->n_teams && !taken; i++) {
        taken = strcmp(ch->ev->teams[i]->name, r->name) == 0;
    }
    if (ch == NULL || !may_manage_event(p, ch->ev->slug)) {
        if (ch == NULL && p->role == ROLE_ADMIN) {
            reply_error(c, id, HACK_STATUS_NOT_FOUND, "challenge %llu not found", (unsigned long long)r->challenge_id);
        } else {
            reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "permission teams.create is required (held by: admin; "
                        "organiser of the event)");
        }
    } else if ((rule = check_name(r->name)) != NULL) {
        INVALID("name", rule);
    } else if (!members_ok) {
        INVALID("members", rule != NULL ? rule : "must list at most 20 members");
    } else if (!setup_open(ch->ev)) {
        reply_error(c, id, HACK_STATUS_FAILED_PRECONDITION, "changes to the event closed when the event finished");
    } else if (taken) {
        reply_error(c, id, HACK_STATUS_ALREADY_EXISTS, "team \"%s\" already exists in event \"%s\"", r->name,
                    ch->ev->slug);
    } else if (ch->ev->n_teams >= TEAMS_PER_EVENT_MAX) {
        reply_error(c, id, HACK_STATUS_INVALID_ARGUMENT, "challenge_id: event \"%s\" already has %d teams, the limit",
                    ch->ev->slug, TEAMS_PER_EVENT_MAX);
    } else {
        team *t = team_add();
        t->ev = ch->ev;
        t->ch = ch;
        t->name = strdup(r->name);
        t->n_members = (int)r->n_members;
        t->member_names = calloc(r->n_members + 1, sizeof *t->member_names);
        t->member_roles = calloc(r->n_members + 1, sizeof *t->member_roles);
        if (t->member_names == NULL || t->member_roles == NULL) {
            abort();
        }
        for (size_t i = 0; i < r->n_members; i++) {
            t->member_names[i] = strdup(r->members[i]->name);
            t->member_roles[i] = strdup(r->members[i]->role);
        }
        event *ev = ch->ev;
        if (ev->n_teams == ev->cap_teams) {
            ev->cap_teams = ev->cap_teams ? ev->cap_teams * 2 : 64;
            if ((ev->teams = realloc(ev->teams, (size_t)ev->cap_teams * sizeof *ev->teams)) == NULL) {
                abort();
            }
        }
        ev->teams[ev->n_teams++] = t;
        Hack__V1__Team answer = HACK__V1__TEAM__INIT;
        answer.id = (uint64_t)t->id;
        answer.event_slug = ev->slug;
        answer.challenge_id = (uint64_t)ch->id;
        answer.name = t->name;
        answer.n_members = r->n_members;
        answer.members = r->members;
        setup_change *s = setup_new();
        snprintf(s->target, sizeof s->target, "team %lld", (long long)t->id);
        snprintf(s->summary, sizeof s->summary, "created \"%s\"", t->name);
        setup_enqueue(c, id, p, "hack.v1.Teams/Create", ev->slug, team_rows, t, &answer.base, s);
    }
    hack__v1__create_team_request__free_unpacked(r, &frame_arena);
}
