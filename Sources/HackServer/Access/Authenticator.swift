import HackDomain
import HackProtocol

/// Finds who is calling from the call's metadata (or the connection's, set
/// in HELLO): `authorization: Bearer <secret>`. Every failure is
/// UNAUTHENTICATED, and says what to do without saying which tokens exist.
enum Authenticator {
    static let metadataKey = "authorization"

    static func principal(callMetadata: [String: String], connectionMetadata: [String: String],
                          in state: HackState, at now: Millis) throws(RPCError) -> Principal {
        guard let header = callMetadata[metadataKey] ?? connectionMetadata[metadataKey] else {
            throw RPCError(.unauthenticated,
                           "a token is required: send metadata \"authorization: Bearer <token>\" (hackctl --token)")
        }
        let secret = header.hasPrefix("Bearer ") ? String(header.dropFirst("Bearer ".count)) : header
        guard let (id, verifier) = TokenSecret.parse(secret), let token = state.token(id: id),
              TokenSecret.matches(verifier, storedHash: token.secretHash) else {
            throw RPCError(.unauthenticated, "unknown token")
        }
        if token.revokedAt != nil {
            throw RPCError(.unauthenticated, "token \(id) was revoked")
        }
        if let expiry = token.expiresAt, expiry <= now {
            throw RPCError(.unauthenticated, "token \(id) has expired")
        }
        return Principal(token: token)
    }
}
