/**
 * @file demo_day.c
 * @brief Drives the demo event of `hackd --demo` end to end with the C library:
 *        starts it, skips to the hack phase, creates a team, posts an idea as
 *        the demo team, then watches the phases change while the organiser
 *        skips two phases from a second connection.
 *
 * Usage: demo_day [HOST:PORT [EVENT_SLUG]]
 * The address defaults to $HACKCTL_SERVER, else 127.0.0.1:7420; the event to
 * parcours-france-2017. Tokens (as printed by `hackd --demo`, or written by
 * --demo-tokens): $HACK_ORGANISER_TOKEN and $HACK_TEAM_TOKEN.
 * Prints what happens; on failure "STATUS_NAME: message", exit status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hackclient.h"
#include "hackclient_methods.h"

#define DEFAULT_SERVER "127.0.0.1:7420"
#define DEFAULT_EVENT "parcours-france-2017"
/** The watch gives up when the server says nothing for this long. */
#define WATCH_RECEIVE_TIMEOUT_MS 10000u
/** Phase changes to see on the watch before it stops. */
#define PHASE_CHANGES_TO_WATCH 2

static const char *const PHASE_KINDS[] = { "?", "intro", "hack", "synthesis", "break", "restitution", "custom" };
static const char *const RUN_STATUSES[] = { "?", "draft", "ready", "running", "paused", "finished" };

#define NAME_OF(table, v) ((size_t)(v) < sizeof(table) / sizeof(table)[0] ? (table)[(v)] : "?")

/* Reports a failed call and returns 1 (the exit status). */
static int failed(const char *what, const hack_error *err)
{
    fprintf(stderr, "%s: %s: %s\n", what, hack_status_name(err->status), err->message);
    return 1;
}

static void print_phase(const char *prefix, const Hack__V1__Event *e, uint32_t index)
{
    if (index < e->n_agenda) {
        printf("%s phase %u/%zu « %s » (%s)\n", prefix, index + 1, e->n_agenda, e->agenda[index]->name,
               NAME_OF(PHASE_KINDS, e->agenda[index]->kind));
    }
}

/* Starts the event if it is not running yet, then skips phases until a hack phase. */
static int run_to_hack_phase(hack_client *org, const char *slug, Hack__V1__Event **event, hack_error *err)
{
    Hack__V1__Event *e = *event;
    printf("event « %s »: %s\n", e->name, NAME_OF(RUN_STATUSES, e->run != NULL ? e->run->status : 0));
    if (e->run == NULL || e->run->status == HACK__V1__RUN_STATUS__RUN_STATUS_DRAFT ||
        e->run->status == HACK__V1__RUN_STATUS__RUN_STATUS_READY) {
        Hack__V1__StartEventRequest start = HACK__V1__START_EVENT_REQUEST__INIT;
        start.slug = (char *)slug;
        hack__v1__event__free_unpacked(e, NULL);
        *event = NULL;
        if (hack_events_start(org, &start, event, err) != 0) {
            return failed("Events/Start", err);
        }
        e = *event;
        print_phase("started:", e, e->run->phase_index);
    }
    while (e->run != NULL && e->run->phase_index < e->n_agenda &&
           e->agenda[e->run->phase_index]->kind != HACK__V1__PHASE_KIND__PHASE_KIND_HACK) {
        Hack__V1__SkipPhaseRequest skip = HACK__V1__SKIP_PHASE_REQUEST__INIT;
        skip.slug = (char *)slug;
        skip.phase_number = e->run->phase_index + 1;
        hack__v1__event__free_unpacked(e, NULL);
        *event = NULL;
        if (hack_events_skip(org, &skip, event, err) != 0) {
            return failed("Events/Skip", err);
        }
        e = *event;
        print_phase("skipped to", e, e->run->phase_index);
    }
    if (e->run == NULL || e->run->status != HACK__V1__RUN_STATUS__RUN_STATUS_RUNNING) {
        fprintf(stderr, "FAILED_PRECONDITION: the event is not running in a hack phase\n");
        return 1;
    }
    return 0;
}

/* The organiser creates a team on the event's first challenge. */
static int create_team(hack_client *org, const char *slug, hack_error *err)
{
    Hack__V1__ListChallengesRequest list = HACK__V1__LIST_CHALLENGES_REQUEST__INIT;
    list.event_slug = (char *)slug;
    Hack__V1__ListChallengesResponse *challenges;
    if (hack_challenges_list(org, &list, &challenges, err) != 0) {
        return failed("Challenges/List", err);
    }
    if (challenges->n_challenges == 0) {
        hack__v1__list_challenges_response__free_unpacked(challenges, NULL);
        fprintf(stderr, "NOT_FOUND: the event has no challenge\n");
        return 1;
    }
    char name[64];
    snprintf(name, sizeof name, "L'équipe du client C %ld", (long)getpid());
    Hack__V1__Person member = HACK__V1__PERSON__INIT;
    member.name = (char *)"Ada Lovelace";
    Hack__V1__Person *members[] = { &member };
    Hack__V1__CreateTeamRequest create = HACK__V1__CREATE_TEAM_REQUEST__INIT;
    create.challenge_id = challenges->challenges[0]->id;
    create.name = name;
    create.n_members = 1;
    create.members = members;
    Hack__V1__Team *team;
    int rc = hack_teams_create(org, &create, &team, err);
    if (rc == 0) {
        printf("team created: #%llu « %s » on « %s »\n", (unsigned long long)team->id, team->name,
               challenges->challenges[0]->title);
        hack__v1__team__free_unpacked(team, NULL);
    }
    hack__v1__list_challenges_response__free_unpacked(challenges, NULL);
    return rc != 0 ? failed("Teams/Create", err) : 0;
}

/* The demo team posts an idea: its team comes from its own token (Tokens/WhoAmI). */
static int post_idea(hack_client *team_client, hack_error *err)
{
    Hack__V1__Token *me;
    if (hack_tokens_who_am_i(team_client, NULL, &me, err) != 0) {
        return failed("Tokens/WhoAmI", err);
    }
    Hack__V1__CreateIdeaRequest create = HACK__V1__CREATE_IDEA_REQUEST__INIT;
    create.team_id = me->team_id;
    create.title = (char *)"Un tableau de bord des tiers-lieux";
    create.pitch = (char *)"Les données ouvertes des tiers-lieux, lisibles par tous.";
    create.body = (char *)"Posté par examples/demo_day.c avec la bibliothèque C de hackd.";
    hack__v1__token__free_unpacked(me, NULL);
    Hack__V1__Idea *idea;
    if (hack_ideas_create(team_client, &create, &idea, err) != 0) {
        return failed("Ideas/Create", err);
    }
    printf("idea posted: #%llu « %s » by team #%llu\n", (unsigned long long)idea->id, idea->title,
           (unsigned long long)idea->team_id);
    hack__v1__idea__free_unpacked(idea, NULL);
    return 0;
}

/* What the watch callback needs: the organiser's connection skips phases from inside it. */
struct watch {
    hack_client *org;
    const char *slug;
    const Hack__V1__Event *event; /* names the phases */
    int phase_changes;
    int failed;
    hack_error err;
};

/* Skips the current phase from the organiser's connection (not the watching one). */
static int skip_current(struct watch *w, uint32_t phase_index)
{
    Hack__V1__SkipPhaseRequest skip = HACK__V1__SKIP_PHASE_REQUEST__INIT;
    skip.slug = (char *)w->slug;
    skip.phase_number = phase_index + 1;
    Hack__V1__Event *e;
    if (hack_events_skip(w->org, &skip, &e, &w->err) != 0) {
        w->failed = failed("Events/Skip", &w->err);
        return 1;
    }
    printf("organiser skipped phase %u (second connection)\n", phase_index + 1);
    hack__v1__event__free_unpacked(e, NULL);
    return 0;
}

static int on_update(const Hack__V1__EventUpdate *u, void *user_data)
{
    struct watch *w = user_data;
    if (u->update_case == HACK__V1__EVENT_UPDATE__UPDATE_SNAPSHOT) {
        const Hack__V1__EventSnapshot *s = u->snapshot;
        uint32_t index = s->event->run->phase_index;
        printf("watching: %zu teams, %zu ideas visible;", s->n_teams, s->n_ideas);
        print_phase("", s->event, index);
        return skip_current(w, index);
    }
    if (u->update_case != HACK__V1__EVENT_UPDATE__UPDATE_RUN) {
        return 0; /* teams, ideas, counts...: not what this demo looks at */
    }
    const Hack__V1__EventRun *run = u->run->run;
    for (size_t i = 0; i < u->run->n_transitions; i++) {
        if (u->run->transitions[i]->kind == HACK__V1__RUN_TRANSITION__KIND__KIND_PHASE_STARTED) {
            w->phase_changes++;
            print_phase("phase changed:", w->event, u->run->transitions[i]->phase_index);
        }
    }
    if (w->phase_changes >= PHASE_CHANGES_TO_WATCH) {
        return 1; /* enough: cancel the watch */
    }
    return w->phase_changes > 0 ? skip_current(w, run->phase_index) : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        puts("usage: demo_day [HOST:PORT [EVENT_SLUG]]\n"
             "  Runs the demo event: start, hack phase, a team, an idea, phases watched.\n"
             "environment: HACKCTL_SERVER, HACK_ORGANISER_TOKEN, HACK_TEAM_TOKEN");
        return 0;
    }
    const char *addr = argc > 1 ? argv[1] : getenv("HACKCTL_SERVER");
    const char *slug = argc > 2 ? argv[2] : DEFAULT_EVENT;
    const char *org_token = getenv("HACK_ORGANISER_TOKEN");
    const char *team_token = getenv("HACK_TEAM_TOKEN");
    char host[256];
    uint16_t port;
    if (hack_parse_address(addr != NULL && addr[0] != '\0' ? addr : DEFAULT_SERVER, host, sizeof host, &port) != 0 ||
        org_token == NULL || team_token == NULL) {
        fputs("INVALID_ARGUMENT: need HOST:PORT, $HACK_ORGANISER_TOKEN and $HACK_TEAM_TOKEN\n", stderr);
        return 2;
    }

    hack_error err;
    hack_client *org = NULL, *team = NULL;
    Hack__V1__Event *event = NULL;
    int rc = 1;
    if (hack_connect_with_token(host, port, "demo_day organiser", org_token, &org, &err) != 0 ||
        hack_connect_with_token(host, port, "demo_day team", team_token, &team, &err) != 0) {
        failed("connect", &err);
        goto done;
    }

    Hack__V1__GetEventRequest get = HACK__V1__GET_EVENT_REQUEST__INIT;
    get.slug = (char *)slug;
    if (hack_events_get(org, &get, &event, &err) != 0) {
        failed("Events/Get", &err);
        goto done;
    }
    if ((rc = run_to_hack_phase(org, slug, &event, &err)) != 0 || (rc = create_team(org, slug, &err)) != 0 ||
        (rc = post_idea(team, &err)) != 0) {
        goto done;
    }

    struct watch w = { .org = org, .slug = slug, .event = event };
    Hack__V1__WatchEventRequest watch = HACK__V1__WATCH_EVENT_REQUEST__INIT;
    watch.slug = (char *)slug;
    hack_set_receive_timeout(team, WATCH_RECEIVE_TIMEOUT_MS);
    rc = hack_events_watch(team, &watch, on_update, &w, &err);
    if (rc != 0) {
        rc = failed("Events/Watch", &err);
    } else if (w.failed || w.phase_changes < PHASE_CHANGES_TO_WATCH) {
        fprintf(stderr, "Events/Watch: ended after %d phase changes\n", w.phase_changes);
        rc = 1;
    } else {
        printf("watch cancelled after %d phase changes; demo day done\n", w.phase_changes);
    }

done:
    if (event != NULL) {
        hack__v1__event__free_unpacked(event, NULL);
    }
    hack_close(team);
    hack_close(org);
    return rc;
}
