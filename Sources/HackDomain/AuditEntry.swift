/// One accepted mutation, as the audit log records it: who, when, through
/// which method, on what. The server builds one per accepted change and
/// commits it in the same transaction, so the log never misses or invents one.
public struct AuditEntry: Sendable, Equatable {
    /// 0 until stored; then the log's own increasing id, which orders the log.
    public var id: Int64
    /// Server clock.
    public var at: Millis
    /// nil: no token (`hackd init`, demo seeding).
    /// Also nil for an audience vote: the voter code was the credential, and the log does not name it.
    public var tokenId: Int64?
    /// Copied, not joined: the entry reads the same whatever happens to the token later.
    public var tokenName: String
    /// The RPC, e.g. "hack.v1.Ideas/Update".
    public var method: String
    /// nil for server-wide changes (territories, admin tokens).
    public var eventSlug: String?
    /// e.g. "idea 12".
    public var target: String
    /// e.g. "revision 3".
    public var summary: String

    public init(
        id: Int64 = 0, at: Millis, tokenId: Int64?, tokenName: String, method: String, eventSlug: String?,
        target: String, summary: String
    ) {
        self.id = id
        self.at = at
        self.tokenId = tokenId
        self.tokenName = tokenName
        self.method = method
        self.eventSlug = eventSlug
        self.target = target
        self.summary = summary
    }

    /// The entry for an accepted change: target and summary from the change, its
    /// event from `state` (an idea's event is its challenge's). Call before or
    /// after applying the change: the event of what it names never changes.
    public init(for change: Change, in state: HackState, at: Millis, by token: TokenRecord?, method: String) {
        self.init(AuditStamp(for: change, in: state, at: at, by: token, method: method), change: change)
    }

    /// The entry of `change`, stamped when it was decided: its text is
    /// written here, so the server can leave that to the commit's thread.
    public init(_ stamp: AuditStamp, change: Change) {
        self.init(
            at: stamp.at, tokenId: stamp.tokenId, tokenName: stamp.tokenName, method: stamp.method,
            eventSlug: stamp.eventSlug, target: change.auditTarget, summary: change.auditSummary)
    }
}

/// What an audit entry takes from the moment a change is decided — when,
/// who, through which method, in which event (from the state then) — the
/// rest being the change's own text.
public struct AuditStamp: Sendable, Equatable {
    public var at: Millis
    public var tokenId: Int64?
    public var tokenName: String
    public var method: String
    public var eventSlug: String?

    public init(for change: Change, in state: HackState, at: Millis, by token: TokenRecord?, method: String) {
        self.at = at
        self.tokenId = token?.id
        // A vote comes with no token: the log says a code did it, never which one.
        if let token {
            tokenName = token.name
        } else {
            tokenName = if case .voteCast = change { "voter code" } else { "" }
        }
        self.method = method
        self.eventSlug = state.eventSlug(of: change)
    }
}

extension Change {
    /// What the change is about, as "<kind> <key>": "idea 12", "event parcours-france-2017".
    public var auditTarget: String {
        switch self {
        case .eventCreated(let event), .eventUpdated(let event): "event \(event.slug)"
        case .territoryCreated(let territory), .territoryUpdated(let territory): "territory \(territory.slug)"
        case .challengeCreated(let challenge), .challengeUpdated(let challenge): "challenge \(challenge.id)"
        case .teamCreated(let team), .teamUpdated(let team): "team \(team.id)"
        case .ideaCreated(let idea), .ideaUpdated(let idea): "idea \(idea.id)"
        case .tokenIssued(let token), .tokenRevoked(let token): "token \(token.id)"
        case .runChanged(let slug, _, _): "event \(slug)"
        case .voterCodesIssued(let slug, _): "event \(slug)"
        case .voteCast(let vote): "challenge \(vote.challengeId)"
        case .rubricSet(let rubric): "rubric \(rubric.eventSlug)"
        case .ideaScored(let score): "idea \(score.ideaId)"
        case .synthesisSaved(let synthesis), .synthesisCoSigned(let synthesis): "synthesis \(synthesis.challengeId)"
        }
    }

    /// One short line: `created "Les Audomarois"`, `revision 3`,
    /// `issued moderator token "Aurélien" for saint-omer`, `revoked`.
    /// Never a token's secret or hash: the log is readable by organisers.
    public var auditSummary: String {
        switch self {
        case .eventCreated(let event): "created \"\(event.name)\""
        case .eventUpdated(let event): "updated \"\(event.name)\""
        case .territoryCreated(let territory): "created \"\(territory.name)\""
        case .territoryUpdated(let territory): "updated \"\(territory.name)\""
        case .challengeCreated(let challenge): "created \"\(challenge.title)\" for \(challenge.territorySlug)"
        case .challengeUpdated(let challenge): "updated \"\(challenge.title)\""
        case .teamCreated(let team): "created \"\(team.name)\""
        case .teamUpdated(let team): "updated \"\(team.name)\""
        case .ideaCreated(let idea): "created \"\(idea.title)\""
        case .ideaUpdated(let idea): "revision \(idea.revision)"
        case .tokenIssued(let token): "issued \(token.grant.role.rawValue) token \"\(token.name)\"\(Self.scope(of: token.grant))"
        case .tokenRevoked: "revoked"
        case .runChanged(_, _, let transitions): transitions.map(\.auditText).joined(separator: ", ")
        case .voterCodesIssued(_, let codes): "issued \(codes.count) voter code\(codes.count == 1 ? "" : "s")"
        case .voteCast(let vote): "audience vote for idea \(vote.ideaId)"
        case .rubricSet(let rubric): "set \(rubric.criteria.count) criteria, scale \(rubric.scaleMin)–\(rubric.scaleMax)"
        case .ideaScored(let score): "scored \(score.totalText) (revision \(score.revision))"
        case .synthesisSaved(let synthesis): "revision \(synthesis.revision), \(synthesis.retained.count) retained"
        case .synthesisCoSigned(let synthesis): "co-signed revision \(synthesis.signedRevision)"
        }
    }

    /// The part of a grant narrower than its event (the entry carries the event).
    private static func scope(of grant: Grant) -> String {
        switch grant.role {
        case .moderator, .territory: grant.territorySlug.map { " for \($0)" } ?? ""
        case .team: grant.teamId.map { " for team \($0)" } ?? ""
        case .juror:
            " for challenge\(grant.challengeIds.count == 1 ? "" : "s") "
                + grant.challengeIds.map(String.init).joined(separator: ", ")
                + (grant.teamId.map { " (member of team \($0))" } ?? "")
        case .admin, .organiser, .observer: ""
        }
    }
}

extension HackState {
    /// The event a change belongs to, for the audit log; nil for server-wide
    /// changes (territories, admin tokens). Needs the state only for ideas,
    /// whose event is their challenge's (nil if the challenge is unknown).
    public func eventSlug(of change: Change) -> String? {
        switch change {
        case .eventCreated(let event), .eventUpdated(let event): event.slug
        case .territoryCreated, .territoryUpdated: nil
        case .challengeCreated(let challenge), .challengeUpdated(let challenge): challenge.eventSlug
        case .teamCreated(let team), .teamUpdated(let team): team.eventSlug
        case .ideaCreated(let idea), .ideaUpdated(let idea): challengesById[idea.challengeId]?.eventSlug
        case .tokenIssued(let token), .tokenRevoked(let token): token.grant.eventSlug
        case .runChanged(let slug, _, _): slug
        case .voterCodesIssued(let slug, _): slug
        case .voteCast(let vote): challengesById[vote.challengeId]?.eventSlug
        case .rubricSet(let rubric): rubric.eventSlug
        case .ideaScored(let score): challengesById[score.challengeId]?.eventSlug
        case .synthesisSaved(let synthesis), .synthesisCoSigned(let synthesis): synthesis.eventSlug
        }
    }
}
