import HackDomain
import HackProtocol

/// hack.v1.Events: create, list, get, update and watch events.
enum EventsService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Events.create, on: app, command: { request throws(RPCError) in
            .createEvent(EventDraft(
                slug: request.slug, name: request.name, venue: request.venue,
                timeZone: request.timeZone, date: request.date, theme: request.theme,
                agenda: try agendaDrafts(request.agenda)))
        }, answer: eventAnswer)

        router.unary(Methods.Events.list) { [unowned app] _ throws(RPCError) in
            var response = Hack_V1_ListEventsResponse()
            response.events = app.committed.events.map { Hack_V1_Event($0, in: app.committed) }
            return response
        }

        router.unary(Methods.Events.get) { [unowned app] request throws(RPCError) in
            Hack_V1_Event(try app.committed.requireEvent(request.slug), in: app.committed)
        }

        router.write(Methods.Events.update, on: app, command: { request throws(RPCError) in
            let mask = try UpdateMask(request.updateMask,
                                      allowed: ["name", "venue", "time_zone", "date", "theme", "agenda"])
            let event = request.event
            return .updateEvent(slug: request.slug, EventPatch(
                name: try mask.pick("name", event.name),
                venue: try mask.pick("venue", event.venue),
                timeZone: try mask.pick("time_zone", event.timeZone),
                date: try mask.pick("date", event.date),
                theme: try mask.pick("theme", event.theme),
                agenda: try mask.pick("agenda", try agendaDrafts(event.agenda))))
        }, answer: eventAnswer)

        router.serverStream(Methods.Events.watch) { [unowned app] request, call in
            let state = app.committed
            guard let event = state.event(slug: request.slug) else {
                call.fail(RPCError(.notFound, "event \"\(request.slug)\" not found"))
                return
            }
            var first = Hack_V1_EventUpdate()
            first.serverTimeMs = app.clock.now()
            first.snapshot = snapshot(of: event, in: state)
            call.send(item: first)
            app.watchers.add(call, eventSlug: event.slug)
        }
    }

    private static func eventAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Event {
        Hack_V1_Event(change.event!, in: state)
    }

    private static func snapshot(of event: Event, in state: HackState) -> Hack_V1_EventSnapshot {
        var snapshot = Hack_V1_EventSnapshot()
        snapshot.event = Hack_V1_Event(event, in: state)
        snapshot.territories = state.territories(eventSlug: event.slug).map(Hack_V1_Territory.init)
        snapshot.challenges = state.challenges(eventSlug: event.slug).map(Hack_V1_Challenge.init)
        snapshot.teams = state.teams(eventSlug: event.slug, challengeId: nil).map(Hack_V1_Team.init)
        snapshot.ideas = state.ideas(eventSlug: event.slug, challengeId: nil, teamId: nil).map(Hack_V1_Idea.init)
        return snapshot
    }
}

extension HackState {
    /// Lookups that answer NOT_FOUND with the name of what is missing.
    func requireEvent(_ slug: String) throws(RPCError) -> Event {
        guard let event = event(slug: slug) else { throw RPCError(.notFound, "event \"\(slug)\" not found") }
        return event
    }

    func requireTerritory(_ slug: String) throws(RPCError) -> Territory {
        guard let territory = territory(slug: slug) else {
            throw RPCError(.notFound, "territory \"\(slug)\" not found")
        }
        return territory
    }

    func requireChallenge(_ id: UInt64) throws(RPCError) -> Challenge {
        guard let challenge = challenge(id: try resourceId(id, field: "id")) else {
            throw RPCError(.notFound, "challenge \(id) not found")
        }
        return challenge
    }

    func requireTeam(_ id: UInt64) throws(RPCError) -> Team {
        guard let team = team(id: try resourceId(id, field: "id")) else {
            throw RPCError(.notFound, "team \(id) not found")
        }
        return team
    }

    func requireIdea(_ id: UInt64) throws(RPCError) -> Idea {
        guard let idea = idea(id: try resourceId(id, field: "id")) else {
            throw RPCError(.notFound, "idea \(id) not found")
        }
        return idea
    }
}
