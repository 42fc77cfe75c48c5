import HackDomain

/// Rows for tokens and audit entries.
extension ChangeWriter {
    /// Upserts the token (issue and revoke alike carry the full record) and
    /// replaces its challenge list whole.
    func upsert(_ token: TokenRecord) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO tokens (id, name, role, event_slug, territory_slug, team_id, secret_hash,
                created_at, expires_at, revoked_at, issued_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
                event_slug = excluded.event_slug, territory_slug = excluded.territory_slug,
                team_id = excluded.team_id, secret_hash = excluded.secret_hash, created_at = excluded.created_at,
                expires_at = excluded.expires_at, revoked_at = excluded.revoked_at, issued_by = excluded.issued_by
            """)
        let grant = token.grant
        try row.bind(
            .integer(token.id), .text(token.name), .text(grant.role.rawValue), optional(grant.eventSlug),
            optional(grant.territorySlug), optional(grant.teamId), .blob(token.secretHash), .integer(token.createdAt),
            optional(token.expiresAt), optional(token.revokedAt), optional(token.issuedBy))
        try row.run()

        let clear = try database.cached("DELETE FROM token_challenges WHERE token_id = ?")
        try clear.bind(.integer(token.id))
        try clear.run()
        let challenge = try database.cached(
            "INSERT INTO token_challenges (token_id, position, challenge_id) VALUES (?, ?, ?)")
        for (position, id) in grant.challengeIds.enumerated() {
            challenge.reset()
            try challenge.bind(.integer(token.id), .integer(Int64(position)), .integer(id))
            try challenge.run()
        }
    }

    /// Appends an entry; its `id` is ignored (the log numbers its entries).
    func insert(_ entry: AuditEntry) throws(SQLiteError) {
        let row = try database.cached("""
            INSERT INTO audit_log (at, token_id, token_name, method, event_slug, target, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try row.bind(
            .integer(entry.at), optional(entry.tokenId), .text(entry.tokenName), .text(entry.method),
            optional(entry.eventSlug), .text(entry.target), .text(entry.summary))
        try row.run()
    }

    private func optional(_ text: String?) -> StatementValue {
        text.map { .text($0) } ?? .null
    }

    private func optional(_ integer: Int64?) -> StatementValue {
        integer.map { .integer($0) } ?? .null
    }
}
