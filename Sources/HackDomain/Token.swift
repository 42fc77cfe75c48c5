/// A bearer token as the state keeps it. The secret itself is never kept:
/// only its hash, computed by the server (the domain stays free of crypto),
/// so a copy of the database does not hand out access.
public struct TokenRecord: Sendable, Equatable {
    public var id: Int64
    /// Who holds it, e.g. "Pierre Alzingre": shown in listings and the audit log.
    public var name: String
    public var grant: Grant
    /// `TokenRecord.secretHashLength` bytes.
    public var secretHash: [UInt8]
    public var createdAt: Millis
    /// nil: never expires.
    public var expiresAt: Millis?
    /// nil: not revoked. Revoked tokens are kept, so the audit log still names them.
    public var revokedAt: Millis?
    /// The token that issued it; nil for `hackd init` or demo seeding.
    public var issuedBy: Int64?

    /// A SHA-256 digest: the only hash length the server stores.
    public static let secretHashLength = 32

    public init(
        id: Int64, name: String, grant: Grant, secretHash: [UInt8], createdAt: Millis,
        expiresAt: Millis? = nil, revokedAt: Millis? = nil, issuedBy: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.grant = grant
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.issuedBy = issuedBy
    }

    /// Whether the token may authenticate at `now`: not revoked, not yet expired.
    /// `Access` assumes its principal passed this check.
    public func isActive(at now: Millis) -> Bool {
        guard revokedAt == nil else { return false }
        guard let expiresAt else { return true }
        return now < expiresAt
    }
}

/// The fields of a new token; the server generates the secret and passes its hash.
public struct TokenDraft: Sendable, Equatable {
    public var name: String
    public var grant: Grant
    public var secretHash: [UInt8]
    public var expiresAt: Millis?
    /// The issuing token's id; nil for `hackd init` or demo seeding.
    public var issuedBy: Int64?

    public init(name: String, grant: Grant, secretHash: [UInt8], expiresAt: Millis? = nil, issuedBy: Int64? = nil) {
        self.name = name
        self.grant = grant
        self.secretHash = secretHash
        self.expiresAt = expiresAt
        self.issuedBy = issuedBy
    }
}
