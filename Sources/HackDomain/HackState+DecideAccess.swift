/// Deciding the commands on tokens: issuing and revoking. Who may issue what
/// is `Access`'s business (the server checks it first); here a grant is only
/// checked to make sense: fields that fit its role, referring to real rows.
///
/// Order of checks: the name, the hash, the shape of the scope for the role
/// (INVALID_ARGUMENT), then whether what it names exists (NOT_FOUND), then
/// whether the parts belong together (INVALID_ARGUMENT: a well-formed request
/// whose pieces do not match), then the expiry.
extension HackState {
    func decideIssue(_ draft: TokenDraft, at now: Millis) throws(DomainError) -> Change {
        try Validate.name(draft.name, field: "name")
        guard draft.secretHash.count == TokenRecord.secretHashLength else {
            // Not user input: the server computes it, so this guards against a server bug.
            throw .invalid("secret_hash", "must be \(TokenRecord.secretHashLength) bytes, got \(draft.secretHash.count)")
        }
        try requireShape(of: draft.grant)
        try requireScopeExists(draft.grant)
        if let expiresAt = draft.expiresAt, expiresAt <= now {
            throw .invalid("expires_at_ms", "must be in the future")
        }
        return .tokenIssued(TokenRecord(
            id: nextTokenId, name: draft.name, grant: draft.grant, secretHash: draft.secretHash,
            createdAt: now, expiresAt: draft.expiresAt, revokedAt: nil, issuedBy: draft.issuedBy))
    }

    func decideRevoke(tokenId id: Int64, at now: Millis) throws(DomainError) -> Change {
        guard var token = tokensById[id] else { throw .notFound("id", "token \(id)") }
        guard token.revokedAt == nil else {
            throw .failedPrecondition("id", "token \(id) is already revoked")
        }
        token.revokedAt = now
        return .tokenRevoked(token)
    }

    /// Which scope fields the role needs, allows, or forbids (see `Role`).
    private func requireShape(of grant: Grant) throws(DomainError) {
        let role = grant.role
        let needsEvent = role != .admin
        let needsTerritory = role == .moderator || role == .territory
        let allowsTeam = role == .team || role == .juror
        let needsChallenges = role == .juror

        if needsEvent, grant.eventSlug == nil { throw .invalid("event_slug", "is required for role \(role.rawValue)") }
        if !needsEvent, grant.eventSlug != nil { throw .invalid("event_slug", "must not be set for role \(role.rawValue)") }
        if needsTerritory, grant.territorySlug == nil {
            throw .invalid("territory_slug", "is required for role \(role.rawValue)")
        }
        if !needsTerritory, grant.territorySlug != nil {
            throw .invalid("territory_slug", "must not be set for role \(role.rawValue)")
        }
        if role == .team, grant.teamId == nil { throw .invalid("team_id", "is required for role team") }
        if !allowsTeam, grant.teamId != nil { throw .invalid("team_id", "must not be set for role \(role.rawValue)") }
        if needsChallenges {
            guard !grant.challengeIds.isEmpty else { throw .invalid("challenge_ids", "must list at least one challenge for role juror") }
            var seen = Set<Int64>()
            for (index, id) in grant.challengeIds.enumerated() where !seen.insert(id).inserted {
                throw .invalid("challenge_ids[\(index)]", "challenge \(id) is listed twice")
            }
        } else if !grant.challengeIds.isEmpty {
            throw .invalid("challenge_ids", "must be empty for role \(role.rawValue)")
        }
    }

    /// Everything the grant names exists, and lies in the grant's event.
    private func requireScopeExists(_ grant: Grant) throws(DomainError) {
        guard let eventSlug = grant.eventSlug else { return }
        guard eventsBySlug[eventSlug] != nil else { throw .notFound("event_slug", "event \"\(eventSlug)\"") }
        if let territorySlug = grant.territorySlug {
            guard territoriesBySlug[territorySlug] != nil else {
                throw .notFound("territory_slug", "territory \"\(territorySlug)\"")
            }
            guard challengeIdByEventTerritory[eventSlug]?[territorySlug] != nil else {
                throw .invalid("territory_slug", "territory \"\(territorySlug)\" poses no challenge in event \"\(eventSlug)\"")
            }
        }
        if let teamId = grant.teamId {
            guard let team = teamsById[teamId] else { throw .notFound("team_id", "team \(teamId)") }
            guard team.eventSlug == eventSlug else {
                throw .invalid("team_id", "team \(teamId) is not in event \"\(eventSlug)\"")
            }
        }
        for (index, id) in grant.challengeIds.enumerated() {
            guard let challenge = challengesById[id] else { throw .notFound("challenge_ids[\(index)]", "challenge \(id)") }
            guard challenge.eventSlug == eventSlug else {
                throw .invalid("challenge_ids[\(index)]", "challenge \(id) is not in event \"\(eventSlug)\"")
            }
        }
    }
}
