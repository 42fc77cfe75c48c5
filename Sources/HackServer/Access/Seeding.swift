import HackDomain
import HackProtocol
import HackStorage

/// A token issued outside any call (by `hackd init` or `--demo`): the only
/// time its secret exists in clear.
public struct IssuedSecret: Sendable, Equatable {
    /// The role's name: admin, organiser, moderator, territory, juror, team, observer.
    public let role: String
    /// "event/territory", "event/team N", "event", or "" for admin.
    public let scope: String
    public let name: String
    public let secret: String
}

/// Writes made before the server listens: decided, applied and committed
/// synchronously (nobody is connected yet), audited like any other write.
struct Seeding {
    private(set) var state: HackState
    private var changes: [Change] = []
    private var audit: [AuditEntry] = []
    private let clock: WallClock
    private let method: String
    /// False for the server clock's own writes (see `HackApplication.execute`).
    private let audited: Bool

    init(state: HackState, clock: WallClock, method: String, audited: Bool = true) {
        self.state = state
        self.clock = clock
        self.method = method
        self.audited = audited
    }

    @discardableResult
    mutating func run(_ command: Command) throws -> Change {
        let now = clock.now()
        let change = try state.decide(command, at: now)
        if audited { audit.append(AuditEntry(for: change, in: state, at: now, by: nil, method: method)) }
        state.apply(change)
        changes.append(change)
        return change
    }

    mutating func issueToken(name: String, grant: Grant) throws -> IssuedSecret {
        let secret = TokenSecret.makeVerifier()
        let change = try run(.issueToken(TokenDraft(name: name, grant: grant, secretHash: secret.hash,
                                                    expiresAt: nil, issuedBy: nil)))
        let token = change.token!
        let scope = [grant.eventSlug, grant.territorySlug, grant.teamId.map { "team \($0)" }]
            .compactMap { $0 }.joined(separator: "/")
        return IssuedSecret(role: grant.role.rawValue, scope: scope, name: token.name,
                            secret: TokenSecret.format(id: token.id, verifier: secret.verifier))
    }

    func commit(to store: HackStore) throws {
        guard !changes.isEmpty else { return }
        try store.commit(changes, audit: audit)
    }
}
