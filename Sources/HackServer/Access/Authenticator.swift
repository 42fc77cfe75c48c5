import HackDomain
import HackProtocol

/// Finds who is calling from the call's metadata (or the connection's, set
/// in HELLO): `authorization: Bearer <secret>`. Every failure is
/// UNAUTHENTICATED, and says what to do without saying which tokens exist.
enum Authenticator {
    static let metadataKey = "authorization"

    /// `verified`: the connection's memory of the header it last proved,
    /// and of the principal HELLO's header gave while `state`'s token table
    /// stays as it was (`tokensVersion`: a revocation is a write); expiry
    /// is checked every call. `state` is always the server's committed
    /// state, the one lineage whose versions a connection compares; its
    /// `tokensVersion` comes apart, so that a principal remembered is
    /// served without the state being fetched.
    static func principal(callMetadata: [String: String], connectionMetadata: @autoclosure () -> [String: String],
                          verified: VerifiedCredential, tokensVersion: UInt64,
                          in state: @autoclosure () -> HackState, at now: Millis) throws(RPCError) -> Principal {
        let ownHeader = callMetadata.isEmpty ? nil : callMetadata[metadataKey]
        if ownHeader == nil, verified.isConnectionHeader {
            // HELLO's header, proved on an earlier call of this connection
            if let cached = verified.principal(at: tokensVersion) {
                try checkLive(cached, at: now)
                return cached
            }
            let state = state()
            if let known = state.token(id: verified.tokenId) {
                let principal = Principal(token: known)
                try checkLive(principal, at: now)
                verified.remember(principal, at: tokensVersion)
                return principal
            }
        }
        guard let header = ownHeader ?? connectionMetadata()[metadataKey] else {
            throw RPCError(.unauthenticated,
                           "a token is required: send metadata \"authorization: Bearer <token>\" (hackctl --token)")
        }
        let principal = Principal(token: try proved(header, verified: verified, isConnectionHeader: ownHeader == nil,
                                                    in: state()))
        try checkLive(principal, at: now)
        return principal
    }

    /// Reads the record's fields in place (passing the record would copy it).
    private static func checkLive(_ principal: Principal, at now: Millis) throws(RPCError) {
        if principal.token.revokedAt != nil {
            throw RPCError(.unauthenticated, "token \(principal.token.id) was revoked")
        }
        if let expiry = principal.token.expiresAt, expiry <= now {
            throw RPCError(.unauthenticated, "token \(principal.token.id) has expired")
        }
    }

    /// The token `header` names, if its secret matches; remembered by the connection.
    private static func proved(_ header: String, verified: VerifiedCredential, isConnectionHeader: Bool,
                               in state: HackState) throws(RPCError) -> TokenRecord {
        if verified.tokenId != 0, verified.header == header, let known = state.token(id: verified.tokenId) {
            return known
        }
        let secret = header.hasPrefix("Bearer ") ? String(header.dropFirst("Bearer ".count)) : header
        guard let (id, verifier) = TokenSecret.parse(secret), let known = state.token(id: id),
              TokenSecret.matches(verifier, storedHash: known.secretHash) else {
            throw RPCError(.unauthenticated, "unknown token")
        }
        verified.remember(header: header, tokenId: id, isConnectionHeader: isConnectionHeader)
        return known
    }
}

/// What a connection's caller has already proved: the `authorization` header
/// it last presented and the token that header names, so that its next calls
/// with the same header skip parsing and hashing. Revocation and expiry are
/// still checked on every call; a token's secret never changes.
final class VerifiedCredential {
    private(set) var header = ""
    private(set) var tokenId: Int64 = 0
    /// The header is HELLO's (fixed for the connection): calls without one of
    /// their own need not look it up or compare it.
    private(set) var isConnectionHeader = false

    /// HELLO's principal and the state version it was found at.
    private var principal: Principal?
    private var principalVersion: UInt64 = 0

    func remember(header: String, tokenId: Int64, isConnectionHeader: Bool) {
        self.header = header
        self.tokenId = tokenId
        self.isConnectionHeader = isConnectionHeader
        principal = nil
    }

    func remember(_ principal: Principal, at version: UInt64) {
        self.principal = principal
        principalVersion = version
    }

    /// HELLO's principal if it was found at this state version.
    func principal(at version: UInt64) -> Principal? {
        principalVersion == version ? principal : nil
    }
}
