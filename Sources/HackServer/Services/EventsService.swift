import HackDomain
import HackProtocol

/// hack.v1.Events: create, list, get, update and watch events.
enum EventsService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Events.create, permission: .eventsCreate, on: app, command: { request, caller, _ throws(RPCError) in
            try caller.require(Access.mayCreateEvent(caller.principal))
            return .createEvent(EventDraft(
                slug: request.slug, name: request.name, venue: request.venue,
                timeZone: request.timeZone, date: request.date, theme: request.theme,
                agenda: try agendaDrafts(request.agenda)))
        }, answer: eventAnswer)

        router.unary(Methods.Events.list, permission: .eventsRead) { [unowned app] _, caller throws(RPCError) in
            let state = app.committed
            var response = Hack_V1_ListEventsResponse()
            response.events = state.events
                .filter { Access.mayReadEvent(caller.principal, event: $0.slug) }
                .map { Hack_V1_Event($0, in: state) }
            return response
        }

        router.unary(Methods.Events.get, permission: .eventsRead) { [unowned app] request, caller throws(RPCError) in
            Hack_V1_Event(try caller.readableEvent(request.slug, in: app.committed), in: app.committed)
        }

        router.write(Methods.Events.update, permission: .eventsManage, on: app, command: { request, caller, state throws(RPCError) in
            _ = try caller.visible(state.event(slug: request.slug), notFound: "event \"\(request.slug)\" not found") {
                Access.mayManageEvent(caller.principal, event: $0.slug)
            }
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

        router.serverStream(Methods.Events.watch, permission: .eventsRead) { [unowned app] request, call, caller throws(RPCError) in
            let state = app.committed
            let event = try caller.readableEvent(request.slug, in: state)
            var first = Hack_V1_EventUpdate()
            first.serverTimeMs = app.clock.now()
            first.snapshot = snapshot(of: event, in: state, for: caller.principal)
            call.send(item: first)
            app.watchers.add(call, eventSlug: event.slug, principal: caller.principal)
        }
    }

    private static func eventAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Event {
        Hack_V1_Event(change.event!, in: state)
    }

    private static func snapshot(of event: Event, in state: HackState, for principal: Principal) -> Hack_V1_EventSnapshot {
        var snapshot = Hack_V1_EventSnapshot()
        snapshot.event = Hack_V1_Event(event, in: state)
        snapshot.territories = state.territories(eventSlug: event.slug).map(Hack_V1_Territory.init)
        snapshot.challenges = state.challenges(eventSlug: event.slug).map(Hack_V1_Challenge.init)
        snapshot.teams = state.teams(eventSlug: event.slug, challengeId: nil).map(Hack_V1_Team.init)
        snapshot.ideas = state.ideas(eventSlug: event.slug, challengeId: nil, teamId: nil)
            .filter { state.mayRead($0, principal) }
            .map(Hack_V1_Idea.init)
        return snapshot
    }
}

extension Caller {
    /// An event the caller may read; see `visible` for what is told.
    func readableEvent(_ slug: String, in state: HackState) throws(RPCError) -> Event {
        try visible(state.event(slug: slug), notFound: "event \"\(slug)\" not found") {
            Access.mayReadEvent(principal, event: $0.slug)
        }
    }
}

extension HackState {
    /// Whether `principal` may read `idea` (its team and challenge looked up).
    func mayRead(_ idea: Idea, _ principal: Principal) -> Bool {
        guard let team = team(id: idea.teamId), let challenge = challenge(id: idea.challengeId) else { return false }
        return Access.mayReadIdea(principal, idea, team: team, challenge: challenge)
    }
}
