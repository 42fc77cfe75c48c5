import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// A connection remembers the credential it proved, and that memory never
/// lets through what a fresh check would refuse.
struct AuthenticatorTests {
    private func principal(_ header: String, _ verified: VerifiedCredential, _ harness: ServiceHarness) throws(RPCError) -> Principal {
        try Authenticator.principal(callMetadata: ["authorization": header], connectionMetadata: [:], verified: verified,
                                    tokensVersion: harness.app.committed.tokensVersion, in: harness.app.committed, at: harness.clock.now())
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

    @Test func helloHeaderProvedOnceAndACallsOwnHeaderStillWins() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let hello = ["authorization": "Bearer \(harness.secret("organiser"))"]
        let verified = VerifiedCredential()
        let state = harness.app.committed
        let now = harness.clock.now()
        let organiser = try Authenticator.principal(callMetadata: [:], connectionMetadata: hello, verified: verified,
                                                    tokensVersion: state.tokensVersion, in: state, at: now)
        #expect(verified.isConnectionHeader)
        #expect(try Authenticator.principal(callMetadata: [:], connectionMetadata: hello, verified: verified,
                                            tokensVersion: state.tokensVersion, in: state, at: now) == organiser)

        // A call's own header is checked on its own, even after HELLO's was proved.
        let own = ["authorization": "Bearer \(harness.secret("team"))"]
        let team = try Authenticator.principal(callMetadata: own, connectionMetadata: hello, verified: verified,
                                               tokensVersion: state.tokensVersion, in: state, at: now)
        #expect(team.grant.role == .team)
        #expect(!verified.isConnectionHeader)
        let forged = ["authorization": "Bearer hk_\(organiser.token.id)_not-the-verifier"]
        #expect(throws: RPCError(.unauthenticated, "unknown token")) {
            try Authenticator.principal(callMetadata: forged, connectionMetadata: hello, verified: verified, tokensVersion: state.tokensVersion, in: state, at: now)
        }
        #expect(try Authenticator.principal(callMetadata: [:], connectionMetadata: hello, verified: verified,
                                            tokensVersion: state.tokensVersion, in: state, at: now) == organiser)
    }

    /// HELLO's principal is kept for the state version it was found at: reused
    /// while nothing changes, expiry still checked every call, found afresh
    /// (and refused) once a revocation changed the state.
    @Test func helloPrincipalReusedForItsStateVersionOnly() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let issued = try harness.issueVisitorToken()
        let hello = ["authorization": "Bearer \(issued.secret)"]
        let verified = VerifiedCredential()
        func principal() throws(RPCError) -> Principal {
            try Authenticator.principal(callMetadata: [:], connectionMetadata: hello, verified: verified,
                                        tokensVersion: harness.app.committed.tokensVersion, in: harness.app.committed, at: harness.clock.now())
        }
        let first = try principal()
        let second = try principal()  // found by id, then kept for this version
        #expect(try principal() === second)
        #expect(verified.principal(at: harness.app.committed.tokensVersion) == second)
        #expect(try principal() == first)

        harness.clock.advance(by: 60_000)
        #expect(throws: RPCError(.unauthenticated, "token \(issued.token.id) has expired")) { try principal() }
        harness.clock.advance(by: -60_000)
        #expect(try principal() == first)

        // A write that is not a token's leaves the principal found as it was.
        _ = try harness.call(Methods.Territories.create, .with {
            $0.slug = "vallee-de-la-bresle"
            $0.name = "Vallée de la Bresle"
            $0.representative = .with { $0.name = "Élise Martin" }
        }, token: harness.secret("admin")).get()
        #expect(try principal() === second)

        let version = harness.app.committed.tokensVersion
        _ = try harness.call(Methods.Tokens.revoke, .with { $0.id = issued.token.id }, token: harness.secret("admin")).get()
        #expect(harness.app.committed.tokensVersion != version)
        #expect(throws: RPCError(.unauthenticated, "token \(issued.token.id) was revoked")) { try principal() }
    }

    /// The server's own wiring (`ServerCore`, the router): a connection
    /// authenticated by HELLO, its principal remembered, is refused once
    /// its token is revoked.
    @Test func aRevokedHelloTokenIsRefusedThroughTheRouter() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let issued = try harness.issueVisitorToken()
        let verified = VerifiedCredential()
        let payload: [UInt8] = try Hack_V1_GetEventRequest.with { $0.slug = DemoScenario.eventSlug }.serializedBytes()
        func get() -> CallAnswer? {
            payload.withUnsafeBytes {
                harness.router.dispatch(CallRequest(method: Methods.Events.get.name), payload: $0,
                                        connectionMetadata: { ["authorization": "Bearer \(issued.secret)"] },
                                        verified: verified, open: { ServerCall(callId: 1, output: harness) })
            }
        }
        for _ in 0..<3 {
            guard case .success? = get() else { Issue.record("the visitor reads the event"); return }
        }
        _ = try harness.call(Methods.Tokens.revoke, .with { $0.id = issued.token.id }, token: harness.secret("admin")).get()
        #expect(get() == .failure(RPCError(.unauthenticated, "token \(issued.token.id) was revoked")))
    }
}
