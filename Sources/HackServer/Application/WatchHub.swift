import HackDomain
import HackProtocol
import HackTransport

/// The open Events/Watch streams, by event. Each committed change is encoded
/// once and the same bytes go to every watcher of its event who may see it;
/// ticks are encoded once per event and interval, whatever the number of
/// watchers. A revoked token's streams end at once.
final class WatchHub {
    private struct Watcher {
        let call: ServerCall
        let principal: Principal
        let tick: TickGroup?
    }

    /// Watchers of one event asking for the same tick interval share one timer.
    private struct TickGroup: Hashable {
        let eventSlug: String
        let intervalMs: UInt32
    }

    private let clock: WallClock
    private let loop: EventLoop
    private var watchers: [String: [ObjectIdentifier: Watcher]] = [:]
    private var ticks: [TickGroup: (timer: LoopTimer, members: [ObjectIdentifier: ServerCall])] = [:]
    /// The event's run caught up at a moment, from the committed state (set by the application).
    var runAt: ((String, Millis) -> EventRun?)?

    init(clock: WallClock, loop: EventLoop) {
        self.clock = clock
        self.loop = loop
    }

    var count: Int { watchers.values.reduce(0) { $0 + $1.count } }
    /// Stream items encoded so far (one per change or tick, whatever the audience).
    private(set) var encodedItems = 0

    /// `tickIntervalMs` 0: no ticks.
    func add(_ call: ServerCall, eventSlug: String, principal: Principal, tickIntervalMs: UInt32) {
        let key = ObjectIdentifier(call)
        let group = tickIntervalMs == 0 ? nil : TickGroup(eventSlug: eventSlug, intervalMs: tickIntervalMs)
        watchers[eventSlug, default: [:]][key] = Watcher(call: call, principal: principal, tick: group)
        if let group { join(group, key: key, call: call) }
        call.onCancel = { [weak self, unowned call] in self?.remove(call, eventSlug: eventSlug) }
    }

    func publish(_ change: Change, in state: HackState, at now: Millis) {
        if case .tokenRevoked(let token) = change { endStreams(of: token.id) }
        guard let eventSlug = state.eventSlug(of: change), let audience = watchers[eventSlug], !audience.isEmpty,
              let update = Self.update(for: change, in: state, at: now)
        else { return }
        if let synthesis = change.synthesis {
            send(update, at: now, to: audience.values.lazy.filter { state.mayRead(synthesis, $0.principal, at: now) }.map(\.call))
            return
        }
        let idea = change.idea
        send(update, at: now, to: audience.values.lazy.filter { watcher in
            idea.map { state.mayRead($0, watcher.principal, at: now) } ?? true
        }.map(\.call))
        if case .ideaCreated = change {
            var counts = Hack_V1_EventUpdate()
            counts.ideaCounts = Hack_V1_IdeaCounts(eventSlug: eventSlug, in: state)
            send(counts, at: now, to: audience.values.map(\.call))
        }
        if case .runChanged(_, _, let transitions) = change, state.publicationBegins(eventSlug: eventSlug, with: transitions) {
            var publication = Hack_V1_EventUpdate()
            publication.publication = Hack_V1_Publication(eventSlug: eventSlug, in: state, at: now)
            send(publication, at: now, to: audience.values.map(\.call))
        }
    }

    /// Ends every stream (server shutdown).
    func endAll() {
        let all = watchers.values.flatMap(\.values)
        watchers.removeAll()
        for group in ticks.values { group.timer.close() }
        ticks.removeAll()
        for watcher in all { watcher.call.fail(RPCError(.unavailable, "the server is shutting down")) }
    }

    private func send(_ update: Hack_V1_EventUpdate, at now: Millis, to calls: some Sequence<ServerCall>) {
        var message = update
        message.serverTimeMs = now
        guard let body: [UInt8] = try? message.serializedBytes() else { return }
        encodedItems += 1
        for call in calls { call.send(encodedItem: body) }
    }

    private func endStreams(of tokenId: Int64) {
        let revoked = watchers.values.flatMap(\.values).filter { $0.principal.token.id == tokenId }
        for watcher in revoked { watcher.call.fail(RPCError(.unauthenticated, "token \(tokenId) was revoked")) }
    }

    private func remove(_ call: ServerCall, eventSlug: String) {
        let key = ObjectIdentifier(call)
        guard let watcher = watchers[eventSlug]?.removeValue(forKey: key) else { return }
        if watchers[eventSlug]?.isEmpty == true { watchers[eventSlug] = nil }
        if let group = watcher.tick { leave(group, key: key) }
    }

    // MARK: Ticks

    private func join(_ group: TickGroup, key: ObjectIdentifier, call: ServerCall) {
        if ticks[group] == nil {
            let timer = loop.makeTimer()
            let interval = UInt64(group.intervalMs)
            timer.start(afterMs: interval, repeatMs: interval) { [unowned self] in self.tick(group) }
            ticks[group] = (timer, [:])
        }
        ticks[group]?.members[key] = call
    }

    private func leave(_ group: TickGroup, key: ObjectIdentifier) {
        ticks[group]?.members[key] = nil
        if let entry = ticks[group], entry.members.isEmpty {
            entry.timer.close()
            ticks[group] = nil
        }
    }

    private func tick(_ group: TickGroup) {
        guard let members = ticks[group]?.members, !members.isEmpty else { return }
        let now = clock.now()
        guard let run = runAt?(group.eventSlug, now) else { return }
        var update = Hack_V1_EventUpdate()
        update.tick = Hack_V1_Tick(run, at: now)
        send(update, at: now, to: members.values)
    }

    /// The stream item that tells a change to the watchers of its event.
    private static func update(for change: Change, in state: HackState, at now: Millis) -> Hack_V1_EventUpdate? {
        var update = Hack_V1_EventUpdate()
        switch change {
        case .eventCreated(let event), .eventUpdated(let event):
            update.event = Hack_V1_Event(event, in: state, at: now)
        case .challengeCreated(let challenge), .challengeUpdated(let challenge):
            update.challenge = Hack_V1_Challenge(challenge)
        case .teamCreated(let team), .teamUpdated(let team):
            update.team = Hack_V1_Team(team)
        case .ideaCreated(let idea), .ideaUpdated(let idea):
            update.idea = Hack_V1_Idea(idea)
        case .runChanged(let slug, _, let transitions):
            guard let event = state.event(slug: slug) else { return nil }
            var run = Hack_V1_RunUpdate()
            run.run = Hack_V1_EventRun(of: event, in: state, at: now)
            run.transitions = transitions.map(Hack_V1_RunTransition.init)
            update.run = run
        case .territoryCreated, .territoryUpdated, .tokenIssued, .tokenRevoked:
            return nil
        case .voterCodesIssued, .voteCast:
            return nil  // the tally is not public while the vote runs
        case .rubricSet, .ideaScored:
            return nil  // scores name jurors: read through Judging, never broadcast
        case .synthesisSaved(let synthesis), .synthesisCoSigned(let synthesis):
            update.synthesis = Hack_V1_Synthesis(synthesis, in: state, at: now)
        }
        return update
    }
}
