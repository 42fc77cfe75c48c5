import HackDomain
import HackProtocol

// Tokens and audit entries as they travel.

extension Hack_V1_Role {
    init(_ role: Role) {
        self = switch role {
        case .admin: .admin
        case .organiser: .organiser
        case .moderator: .moderator
        case .territory: .territory
        case .juror: .juror
        case .team: .team
        case .observer: .observer
        }
    }
}

extension Role {
    init(_ role: Hack_V1_Role) throws(RPCError) {
        switch role {
        case .admin: self = .admin
        case .organiser: self = .organiser
        case .moderator: self = .moderator
        case .territory: self = .territory
        case .juror: self = .juror
        case .team: self = .team
        case .observer: self = .observer
        case .unspecified, .UNRECOGNIZED:
            throw .invalid("role", "must be one of admin, organiser, moderator, territory, juror, team, observer")
        }
    }
}

extension Grant {
    init(_ request: Hack_V1_IssueTokenRequest) throws(RPCError) {
        var challengeIds: [Int64] = []
        for (index, id) in request.challengeIds.enumerated() {
            challengeIds.append(try resourceId(id, field: "challenge_ids[\(index)]"))
        }
        self.init(
            role: try Role(request.role),
            eventSlug: request.eventSlug.isEmpty ? nil : request.eventSlug,
            territorySlug: request.territorySlug.isEmpty ? nil : request.territorySlug,
            teamId: request.teamID == 0 ? nil : try resourceId(request.teamID, field: "team_id"),
            challengeIds: challengeIds)
    }
}

extension Hack_V1_Token {
    init(_ token: TokenRecord) {
        self.init()
        id = UInt64(token.id)
        name = token.name
        role = Hack_V1_Role(token.grant.role)
        eventSlug = token.grant.eventSlug ?? ""
        territorySlug = token.grant.territorySlug ?? ""
        teamID = token.grant.teamId.map(UInt64.init) ?? 0
        challengeIds = token.grant.challengeIds.map(UInt64.init)
        createdAtMs = token.createdAt
        expiresAtMs = token.expiresAt ?? 0
        revokedAtMs = token.revokedAt ?? 0
        issuedBy = token.issuedBy.map(UInt64.init) ?? 0
    }
}

extension Hack_V1_AuditEntry {
    init(_ entry: AuditEntry) {
        self.init()
        id = UInt64(entry.id)
        atMs = entry.at
        tokenID = entry.tokenId.map(UInt64.init) ?? 0
        tokenName = entry.tokenName
        method = entry.method
        eventSlug = entry.eventSlug ?? ""
        target = entry.target
        summary = entry.summary
    }
}
