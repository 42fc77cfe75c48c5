import HackDomain
import HackProtocol

/// The open Events/Watch streams, by event. Each committed change is encoded
/// once and the same bytes go to every watcher of its event who may see it.
/// A revoked token's streams end at once.
final class WatchHub {
    private struct Watcher {
        let call: ServerCall
        let principal: Principal
    }

    private var watchers: [String: [ObjectIdentifier: Watcher]] = [:]

    var count: Int { watchers.values.reduce(0) { $0 + $1.count } }

    func add(_ call: ServerCall, eventSlug: String, principal: Principal) {
        watchers[eventSlug, default: [:]][ObjectIdentifier(call)] = Watcher(call: call, principal: principal)
        call.onCancel = { [weak self, unowned call] in self?.remove(call, eventSlug: eventSlug) }
    }

    func publish(_ change: Change, in state: HackState, at now: Millis) {
        if case .tokenRevoked(let token) = change { endStreams(of: token.id) }
        guard let (eventSlug, update) = Self.update(for: change, in: state),
              let audience = watchers[eventSlug], !audience.isEmpty else { return }
        var message = update
        message.serverTimeMs = now
        guard let body: [UInt8] = try? message.serializedBytes() else { return }
        let idea = change.idea
        for watcher in audience.values where idea.map({ state.mayRead($0, watcher.principal) }) ?? true {
            watcher.call.send(encodedItem: body)
        }
    }

    /// Ends every stream (server shutdown).
    func endAll() {
        let all = watchers.values.flatMap(\.values)
        watchers.removeAll()
        for watcher in all { watcher.call.fail(RPCError(.unavailable, "the server is shutting down")) }
    }

    private func endStreams(of tokenId: Int64) {
        let revoked = watchers.values.flatMap(\.values).filter { $0.principal.token.id == tokenId }
        for watcher in revoked { watcher.call.fail(RPCError(.unauthenticated, "token \(tokenId) was revoked")) }
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
        case .territoryCreated, .territoryUpdated, .tokenIssued, .tokenRevoked:
            return nil
        }
    }
}
