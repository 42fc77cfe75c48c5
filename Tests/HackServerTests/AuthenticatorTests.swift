import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// A connection remembers the credential it proved, and that memory never
/// lets through what a fresh check would refuse.
struct AuthenticatorTests {
    private func principal(_ header: String, _ verified: VerifiedCredential, _ harness: ServiceHarness) throws(RPCError) -> Principal {
        try Authenticator.principal(callMetadata: ["authorization": header], connectionMetadata: [:], verified: verified,
                                    in: harness.app.committed, at: harness.clock.now())
    }

    @Test func aProvedHeaderIsRememberedAndStillCheckedForRevocation() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let secret = harness.secret("organiser")
        let verified = VerifiedCredential()
        let first = try principal("Bearer \(secret)", verified, harness)
        #expect(verified.header == "Bearer \(secret)")
        #expect(verified.tokenId == first.token.id)
        #expect(try principal("Bearer \(secret)", verified, harness).token.id == first.token.id)

        // Same id, wrong verifier: checked afresh, refused, and the memory kept.
        let forged = "Bearer hk_\(first.token.id)_not-the-verifier"
        #expect(throws: RPCError(.unauthenticated, "unknown token")) { try principal(forged, verified, harness) }
        #expect(verified.tokenId == first.token.id)

        _ = try harness.call(Methods.Tokens.revoke, .with { $0.id = UInt64(first.token.id) }, token: harness.secret("admin")).get()
        #expect(throws: RPCError(.unauthenticated, "token \(first.token.id) was revoked")) {
            try principal("Bearer \(secret)", verified, harness)
        }
    }
}
