/**
 * @file setup.c
 * @brief The calls loadgen's write mode makes before it measures
 *        (Territories/Create, Events/Create, Challenges/Create, Events/Start,
 *        Teams/Create): authorised, validated and decided on the state as
 *        hackd does in substance (not every rule of hackd's: see the
 *        comments), their rows written with hackd's statements in the group
 *        commit with their audit entries, answered once on disk. Not measured.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup.h"

static int setup_write(change *ch, void *db)
{
    setup_change *s = (setup_change *)ch;
    return s->rows(s, db);
}

static void setup_audit(change *ch, char *target, size_t tcap, char *summary, size_t scap)
{
    setup_change *s = (setup_change *)ch;
    snprintf(target, tcap, "%s", s->target);
    snprintf(summary, scap, "%s", s->summary);
}

static void setup_done(change *ch, int ok)
{
    setup_change *s = (setup_change *)ch;
    if (ok) {
        reply_ok(ch->c, ch->call_id, s->answer, s->answer_len);
    } else {
        reply_error(ch->c, ch->call_id, HACK_STATUS_INTERNAL, "the write could not be committed; nothing was saved");
    }
    free(s->answer);
}

void setup_enqueue(sconn *c, uint32_t id, const token *p, const char *method, const char *event_slug,
                   int (*rows)(setup_change *, sqlite3 *), void *what, const ProtobufCMessage *answer,
                   setup_change *s)
{
    s->ch.write = setup_write;
    s->ch.done = setup_done;
    s->ch.audit_text = setup_audit;
    s->ch.at = now_ms();
    s->ch.by = p;
    s->ch.method = method;
    s->ch.event_slug = event_slug;
    s->ch.c = c;
    s->ch.call_id = id;
    s->rows = rows;
    s->what = what;
    s->answer_len = protobuf_c_message_get_packed_size(answer);
    if ((s->answer = malloc(s->answer_len + 1)) == NULL) {
        abort();
    }
    protobuf_c_message_pack(answer, s->answer);
    conn_ref(c);
    committer_enqueue(&s->ch);
}

setup_change *setup_new(void)
{
    setup_change *s = calloc(1, sizeof *s);
    if (s == NULL) {
        abort();
    }
    return s;
}

int setup_step(sqlite3 *db, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i] != '\0'; i++) {
        if (types[i] == 'i') {
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        } else {
            const char *t = va_arg(ap, const char *);
            if (t != NULL) {
                sqlite3_bind_text(st, i + 1, t, -1, SQLITE_STATIC);
            } else {
                sqlite3_bind_null(st, i + 1);
            }
        }
    }
    va_end(ap);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* ---------------------------------------------------------- territories */

static int territory_rows(setup_change *s, sqlite3 *db)
{
    territory *t = s->what;
    return setup_step(db, "INSERT INTO territories (slug, name, representative_name, representative_role) VALUES (?, ?, ?, ?)\n"
                    "ON CONFLICT (slug) DO UPDATE SET name = excluded.name,\n"
                    "    representative_name = excluded.representative_name, representative_role = excluded.representative_role",
                "tttt", t->slug, t->name, t->rep_name, t->rep_role);
}

void territories_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    DECODE(Hack__V1__CreateTerritoryRequest, hack__v1__create_territory_request, "CreateTerritoryRequest")
    const char *rule;
    const char *rep_name = r->representative ? r->representative->name : "", *rep_role = r->representative ? r->representative->role : "";
    if (p->role != ROLE_ADMIN && p->role != ROLE_ORGANISER) {
        reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "permission territories.manage is required (held by: admin; any organiser)");
    } else if ((rule = check_slug(r->slug)) != NULL) {
        INVALID("slug", rule);
    } else if ((rule = check_name(r->name)) != NULL) {
        INVALID("name", rule);
    } else if ((rule = check_name(rep_name)) != NULL) {
        INVALID("representative.name", rule);
    } else if ((rule = check_short_text(rep_role)) != NULL) {
        INVALID("representative.role", rule);
    } else if (territory_find(r->slug) != NULL) {
        reply_error(c, id, HACK_STATUS_ALREADY_EXISTS, "territory \"%s\" already exists", r->slug);
    } else {
        territory *t = territory_add();
        t->slug = strdup(r->slug);
        t->name = strdup(r->name);
        t->rep_name = strdup(rep_name);
        t->rep_role = strdup(rep_role);
        setup_change *s = setup_new();
        snprintf(s->target, sizeof s->target, "territory %s", t->slug);
        snprintf(s->summary, sizeof s->summary, "created \"%s\"", t->name);
        Hack__V1__Person rep = HACK__V1__PERSON__INIT;
        Hack__V1__Territory answer = HACK__V1__TERRITORY__INIT;
        rep.name = t->rep_name;
        rep.role = t->rep_role;
        answer.slug = t->slug;
        answer.name = t->name;
        answer.representative = &rep;
        setup_enqueue(c, id, p, "hack.v1.Territories/Create", NULL, territory_rows, t, &answer.base, s);
    }
    hack__v1__create_territory_request__free_unpacked(r, &frame_arena);
}

/* --------------------------------------------------------------- events */

static int event_rows(setup_change *s, sqlite3 *db)
{
    event *ev = s->what;
    const Hack__V1__Event *m = ev->msg;
    int rc = setup_step(db, "INSERT INTO events (slug, name, venue, time_zone, date, theme, created_at, updated_at)\n"
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)\n"
                      "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, venue = excluded.venue,\n"
                      "    time_zone = excluded.time_zone, date = excluded.date, theme = excluded.theme,\n"
                      "    created_at = excluded.created_at, updated_at = excluded.updated_at",
                  "ttttttii", ev->slug, m->name, m->venue, m->time_zone, m->date, m->theme, m->created_at_ms,
                  m->updated_at_ms);
    if (rc == SQLITE_OK) {
        rc = setup_step(db, "DELETE FROM phases WHERE event_slug = ?", "t", ev->slug);
    }
    static const char *const kinds[] = {"", "intro", "hack", "synthesis", "break", "restitution", "custom"};
    for (size_t i = 0; rc == SQLITE_OK && i < m->n_agenda; i++) {
        const Hack__V1__Phase *ph = m->agenda[i];
        rc = setup_step(db, "INSERT INTO phases (event_slug, position, kind, name, planned_start, duration_ms)\n"
                      "VALUES (?, ?, ?, ?, ?, ?)",
                  "tititi", ev->slug, (int64_t)i, kinds[ph->kind < 7 ? ph->kind : 0], ph->name,
                  ph->planned_start[0] ? ph->planned_start : NULL, (int64_t)ph->duration_ms);
    }
    return rc;
}

void events_create(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    DECODE(Hack__V1__CreateEventRequest, hack__v1__create_event_request, "CreateEventRequest")
    const char *rule = NULL;
    int ok = 0;
    if (p->role != ROLE_ADMIN) {
        reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "permission events.create is required (held by: admin)");
    } else if ((rule = check_slug(r->slug)) != NULL) {
        INVALID("slug", rule);
    } else if ((rule = check_name(r->name)) != NULL) {
        INVALID("name", rule);
    } else if ((rule = check_short_text(r->venue)) != NULL) {
        INVALID("venue", rule);
    } else if ((rule = check_short_text(r->theme)) != NULL) {
        INVALID("theme", rule);
    } else if (r->n_agenda < 1 || r->n_agenda > 50) {
        INVALID("agenda", "must list between 1 and 50 phases");
    } else if (event_find(r->slug) != NULL) {
        reply_error(c, id, HACK_STATUS_ALREADY_EXISTS, "event \"%s\" already exists", r->slug);
    } else {
        ok = 1;
        /* Not checked here (hackd does): the time zone against the IANA database, the date, planned starts. */
        for (size_t i = 0; ok && i < r->n_agenda; i++) {
            const Hack__V1__Phase *ph = r->agenda[i];
            if (ph->kind < 1 || ph->kind > 6 || (rule = check_short_text(ph->name)) != NULL ||
                ph->duration_ms < 1 || ph->duration_ms > 7ull * 24 * 3600 * 1000) {
                INVALID("agenda", rule != NULL ? rule : "a phase's kind or duration is out of range");
                ok = 0;
            }
        }
    }
    if (ok) {
        event *ev = event_add(r->slug);
        event_build_msg(ev, r, now_ms());
        event_run_as_of(ev, now_ms());
        setup_change *s = setup_new();
        snprintf(s->target, sizeof s->target, "event %s", ev->slug);
        snprintf(s->summary, sizeof s->summary, "created \"%s\"", ev->msg->name);
        setup_enqueue(c, id, p, "hack.v1.Events/Create", ev->slug, event_rows, ev, &ev->msg->base, s);
    }
    hack__v1__create_event_request__free_unpacked(r, &frame_arena);
}

static int start_rows(setup_change *s, sqlite3 *db)
{
    event *ev = s->what;
    return setup_step(db, "INSERT INTO run_transitions (event_slug, seq, kind, at_ms, phase_index, delta_ms, start_at_ms, by_name)\n"
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                "titiiiit", ev->slug, s->seq, "started", s->ch.at, (int64_t)0, (int64_t)0, (int64_t)0, s->ch.by->name);
}

void events_start(sconn *c, uint32_t id, const token *p, const uint8_t *payload, size_t len)
{
    DECODE(Hack__V1__StartEventRequest, hack__v1__start_event_request, "StartEventRequest")
    event *ev = event_find(r->slug);
    int64_t now = now_ms();
    if (ev == NULL || !may_manage_event(p, ev->slug)) {
        if (ev == NULL && p->role == ROLE_ADMIN) {
            reply_error(c, id, HACK_STATUS_NOT_FOUND, "event \"%s\" not found", r->slug);
        } else {
            reply_error(c, id, HACK_STATUS_PERMISSION_DENIED, "event \"%s\" not found or not visible to this token: "
                        "permission events.run is required (held by: admin; organiser of the event)", r->slug);
        }
    } else if (ev->loaded || (event_run_as_of(ev, now), ev->status != HACK__V1__RUN_STATUS__RUN_STATUS_DRAFT &&
                                                          ev->status != HACK__V1__RUN_STATUS__RUN_STATUS_READY)) {
        reply_error(c, id, HACK_STATUS_FAILED_PRECONDITION, "event \"%s\" cannot start now", r->slug);
    } else {
        ev->status = HACK__V1__RUN_STATUS__RUN_STATUS_RUNNING;
        ev->phase_index = 0;
        ev->started_at = ev->phase_started_at = now;
        ev->phase_ends_at = now + ev->phase_ms[0];
        event_run_as_of(ev, now);
        setup_change *s = setup_new();
        s->seq = ev->history++;
        snprintf(s->target, sizeof s->target, "event %s", ev->slug);
        snprintf(s->summary, sizeof s->summary, "started");
        setup_enqueue(c, id, p, "hack.v1.Events/Start", ev->slug, start_rows, ev, &ev->msg->base, s);
        s->ch.at = now;
    }
    hack__v1__start_event_request__free_unpacked(r, &frame_arena);
}
