import HackDomain
import HackProtocol

/// The open Events/Watch streams, by event. Each committed change is encoded
/// once and the same bytes go to every watcher of its event.
final class WatchHub {
    private var watchers: [String: [ObjectIdentifier: ServerCall]] = [:]

    var count: Int { watchers.values.reduce(0) { $0 + $1.count } }

    func add(_ call: ServerCall, eventSlug: String) {
        watchers[eventSlug, default: [:]][ObjectIdentifier(call)] = call
        call.onCancel = { [weak self, unowned call] in self?.remove(call, eventSlug: eventSlug) }
    }

    func publish(_ change: Change, in state: HackState, at now: Millis) {
        guard let (eventSlug, update) = Self.update(for: change, in: state),
              let audience = watchers[eventSlug], !audience.isEmpty else { return }
        var message = update
        message.serverTimeMs = now
        guard let body: [UInt8] = try? message.serializedBytes() else { return }
        for call in audience.values { call.send(encodedItem: body) }
    }

    /// Ends every stream (server shutdown).
    func endAll() {
        let all = watchers.values.flatMap(\.values)
        watchers.removeAll()
        for call in all { call.fail(RPCError(.unavailable, "the server is shutting down")) }
    }

    private func remove(_ call: ServerCall, eventSlug: String) {
        watchers[eventSlug]?[ObjectIdentifier(call)] = nil
        if watchers[eventSlug]?.isEmpty == true { watchers[eventSlug] = nil }
    }

    /// The event a change belongs to, and the stream item that tells it.
    private static func update(for change: Change, in state: HackState) -> (String, Hack_V1_EventUpdate)? {
        var update = Hack_V1_EventUpdate()
        switch change {
        case .eventCreated(let event), .eventUpdated(let event):
            update.event = Hack_V1_Event(event, in: state)
            return (event.slug, update)
        case .challengeCreated(let challenge), .challengeUpdated(let challenge):
            update.challenge = Hack_V1_Challenge(challenge)
            return (challenge.eventSlug, update)
        case .teamCreated(let team), .teamUpdated(let team):
            update.team = Hack_V1_Team(team)
            return (team.eventSlug, update)
        case .ideaCreated(let idea), .ideaUpdated(let idea):
            guard let challenge = state.challenge(id: idea.challengeId) else { return nil }
            update.idea = Hack_V1_Idea(idea)
            return (challenge.eventSlug, update)
        case .territoryCreated, .territoryUpdated:
            return nil
        }
    }
}
