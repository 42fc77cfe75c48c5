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
        }, answer: eventAnswer(app))

        router.unary(Methods.Events.list, permission: .eventsRead) { [app] _, caller throws(RPCError) in
            let state = app.committed
            let now = caller.now
            var response = Hack_V1_ListEventsResponse()
            response.events = state.events
                .filter { Access.mayReadEvent(caller.principal, event: $0.slug) }
                .map { Hack_V1_Event($0, in: state, at: now) }
            return response
        }

        router.unary(Methods.Events.get, permission: .eventsRead, encoded: { [app] request, caller throws(RPCError) in
            try app.encodedEvent(slug: request.slug, for: caller)
        })

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
        }, answer: eventAnswer(app))

        router.serverStream(Methods.Events.watch, permission: .eventsRead) { [app] request, call, caller throws(RPCError) in
            let tick = request.tickIntervalMs
            guard tick == 0 || InputLimits.tickIntervalMs.contains(tick) else {
                throw RPCError.invalid("tick_interval_ms", "must be 0 (no ticks) or between \(InputLimits.tickIntervalMs.lowerBound) and \(InputLimits.tickIntervalMs.upperBound)")
            }
            let state = app.committed
            let event = try caller.readableEvent(request.slug, in: state)
            let now = caller.now
            var first = Hack_V1_EventUpdate()
            first.serverTimeMs = now
            first.snapshot = snapshot(of: event, in: state, for: caller.principal, at: now)
            call.send(item: first)
            app.watchers.add(call, eventSlug: event.slug, principal: caller.principal, tickIntervalMs: tick)
        }

        RunService.register(on: router, app: app)
    }

    /// Answers with the event the change concerns, its run as of now.
    static func eventAnswer(_ app: HackApplication) -> (Change, HackState) -> Hack_V1_Event {
        { [app] change, state in
            let slug = change.event?.slug ?? change.runEventSlug ?? ""
            guard let event = state.event(slug: slug) else { return Hack_V1_Event() }
            return Hack_V1_Event(event, in: state, at: app.clock.now())
        }
    }

    private static func snapshot(of event: Event, in state: HackState, for principal: Principal, at now: Millis) -> Hack_V1_EventSnapshot {
        var snapshot = Hack_V1_EventSnapshot()
        snapshot.event = Hack_V1_Event(event, in: state, at: now)
        snapshot.ideaCounts = Hack_V1_IdeaCounts(eventSlug: event.slug, in: state)
        snapshot.territories = state.territories(eventSlug: event.slug).map(Hack_V1_Territory.init)
        snapshot.challenges = state.challenges(eventSlug: event.slug).map(Hack_V1_Challenge.init)
        snapshot.teams = state.teams(eventSlug: event.slug, challengeId: nil).map(Hack_V1_Team.init)
        snapshot.ideas = state.ideas(eventSlug: event.slug, challengeId: nil, teamId: nil)
            .filter { state.mayRead($0, principal, at: now) }
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
