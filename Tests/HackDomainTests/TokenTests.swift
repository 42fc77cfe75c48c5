import HackDomain
import Testing

/// Issuing and revoking tokens: every validation rule of `decide`.
@Suite struct TokenTests {
    static let event = AccessFixtures.event
    static let hash = AccessFixtures.hash

    static func issue(_ grant: Grant, name: String = "Aurélien", hash: [UInt8] = hash, expiresAt: Millis? = nil) -> Command {
        .issueToken(TokenDraft(name: name, grant: grant, secretHash: hash, expiresAt: expiresAt, issuedBy: nil))
    }

    @Test func issueGivesFreshIdsAndTheWholeRecord() throws {
        var state = try AccessFixtures.world().state
        let grant = Grant(role: .moderator, eventSlug: Self.event, territorySlug: "saint-omer")
        let change = try state.decide(
            .issueToken(TokenDraft(name: "Aurélien", grant: grant, secretHash: Self.hash, expiresAt: 20_000, issuedBy: 7)),
            at: 10_000)
        let expected = TokenRecord(
            id: 1, name: "Aurélien", grant: grant, secretHash: Self.hash, createdAt: 10_000, expiresAt: 20_000,
            revokedAt: nil, issuedBy: 7)
        #expect(change == .tokenIssued(expected))
        state.apply(change)
        #expect(state.token(id: 1) == expected)
        let second = try state.decide(Self.issue(Grant(role: .admin)), at: 10_001)
        guard case .tokenIssued(let admin) = second else { Issue.record("expected a token"); return }
        #expect(admin.id == 2)
        state.apply(second)
        #expect(state.tokens(eventSlug: Self.event).map(\.id) == [1])
        #expect(state.tokens(eventSlug: nil).map(\.id) == [1, 2])
        #expect(state.tokens(eventSlug: "hack-2024").isEmpty)
    }

    @Test func revokeKeepsTheRecordAndRefusesTwice() throws {
        var state = try AccessFixtures.world().state
        state.apply(try state.decide(Self.issue(Grant(role: .observer, eventSlug: Self.event)), at: 1))
        let change = try state.decide(.revokeToken(id: 1), at: 5)
        guard case .tokenRevoked(let token) = change else { Issue.record("expected a revocation"); return }
        #expect(token.revokedAt == 5 && token.createdAt == 1 && token.name == "Aurélien")
        state.apply(change)
        #expect(state.token(id: 1)?.revokedAt == 5)
        let twice = refusal(of: .revokeToken(id: 1), in: state)
        #expect(twice?.kind == .failedPrecondition)
        #expect(twice?.message == "token 1 is already revoked")
        let unknown = refusal(of: .revokeToken(id: 9), in: state)
        #expect(unknown?.kind == .notFound && unknown?.field == "id")
    }

    /// Grants that fit their role.
    static let valid: [Grant] = [
        Grant(role: .admin),
        Grant(role: .organiser, eventSlug: event),
        Grant(role: .observer, eventSlug: event),
        Grant(role: .moderator, eventSlug: event, territorySlug: "saint-omer"),
        Grant(role: .territory, eventSlug: event, territorySlug: "orleans"),
        Grant(role: .team, eventSlug: event, teamId: 1),
        Grant(role: .juror, eventSlug: event, challengeIds: [2, 1]),
        Grant(role: .juror, eventSlug: event, teamId: 1, challengeIds: [2]),
    ]

    @Test(arguments: valid)
    func fittingScopesAreAccepted(_ grant: Grant) throws {
        let state = try AccessFixtures.world().state
        #expect(refusal(of: Self.issue(grant), in: state) == nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let grant: Grant
        let kind: DomainError.Kind
        let field: String
        let message: String
        var testDescription: String { message }
    }

    static let refused: [Case] = [
        // Shape: fields the role needs, allows, or forbids.
        Case(grant: Grant(role: .admin, eventSlug: event), kind: .invalidArgument, field: "event_slug", message: "event_slug: must not be set for role admin"),
        Case(grant: Grant(role: .admin, territorySlug: "orleans"), kind: .invalidArgument, field: "territory_slug", message: "territory_slug: must not be set for role admin"),
        Case(grant: Grant(role: .admin, teamId: 1), kind: .invalidArgument, field: "team_id", message: "team_id: must not be set for role admin"),
        Case(grant: Grant(role: .admin, challengeIds: [1]), kind: .invalidArgument, field: "challenge_ids", message: "challenge_ids: must be empty for role admin"),
        Case(grant: Grant(role: .organiser), kind: .invalidArgument, field: "event_slug", message: "event_slug: is required for role organiser"),
        Case(grant: Grant(role: .observer), kind: .invalidArgument, field: "event_slug", message: "event_slug: is required for role observer"),
        Case(grant: Grant(role: .organiser, eventSlug: event, territorySlug: "orleans"), kind: .invalidArgument, field: "territory_slug", message: "territory_slug: must not be set for role organiser"),
        Case(grant: Grant(role: .observer, eventSlug: event, teamId: 1), kind: .invalidArgument, field: "team_id", message: "team_id: must not be set for role observer"),
        Case(grant: Grant(role: .organiser, eventSlug: event, challengeIds: [1]), kind: .invalidArgument, field: "challenge_ids", message: "challenge_ids: must be empty for role organiser"),
        Case(grant: Grant(role: .moderator, eventSlug: event), kind: .invalidArgument, field: "territory_slug", message: "territory_slug: is required for role moderator"),
        Case(grant: Grant(role: .territory, eventSlug: event), kind: .invalidArgument, field: "territory_slug", message: "territory_slug: is required for role territory"),
        Case(grant: Grant(role: .moderator, territorySlug: "orleans"), kind: .invalidArgument, field: "event_slug", message: "event_slug: is required for role moderator"),
        Case(grant: Grant(role: .moderator, eventSlug: event, territorySlug: "orleans", teamId: 1), kind: .invalidArgument, field: "team_id", message: "team_id: must not be set for role moderator"),
        Case(grant: Grant(role: .team, eventSlug: event), kind: .invalidArgument, field: "team_id", message: "team_id: is required for role team"),
        Case(grant: Grant(role: .team, eventSlug: event, teamId: 1, challengeIds: [1]), kind: .invalidArgument, field: "challenge_ids", message: "challenge_ids: must be empty for role team"),
        Case(grant: Grant(role: .juror, eventSlug: event), kind: .invalidArgument, field: "challenge_ids", message: "challenge_ids: must list at least one challenge for role juror"),
        Case(grant: Grant(role: .juror, eventSlug: event, challengeIds: [1, 2, 1]), kind: .invalidArgument, field: "challenge_ids[2]", message: "challenge_ids[2]: challenge 1 is listed twice"),
        Case(grant: Grant(role: .juror, eventSlug: event, territorySlug: "orleans", challengeIds: [1]), kind: .invalidArgument, field: "territory_slug", message: "territory_slug: must not be set for role juror"),
        // Existence.
        Case(grant: Grant(role: .organiser, eventSlug: "nowhere"), kind: .notFound, field: "event_slug", message: "event \"nowhere\" not found"),
        Case(grant: Grant(role: .moderator, eventSlug: event, territorySlug: "lille"), kind: .notFound, field: "territory_slug", message: "territory \"lille\" not found"),
        Case(grant: Grant(role: .team, eventSlug: event, teamId: 99), kind: .notFound, field: "team_id", message: "team 99 not found"),
        Case(grant: Grant(role: .juror, eventSlug: event, teamId: 99, challengeIds: [1]), kind: .notFound, field: "team_id", message: "team 99 not found"),
        Case(grant: Grant(role: .juror, eventSlug: event, challengeIds: [1, 99]), kind: .notFound, field: "challenge_ids[1]", message: "challenge 99 not found"),
        // Parts that do not belong together.
        Case(grant: Grant(role: .moderator, eventSlug: "hack-2024", territorySlug: "saint-omer"), kind: .invalidArgument, field: "territory_slug", message: "territory_slug: territory \"saint-omer\" poses no challenge in event \"hack-2024\""),
        Case(grant: Grant(role: .territory, eventSlug: "hack-2024", territorySlug: "haute-saintonge"), kind: .invalidArgument, field: "territory_slug", message: "territory_slug: territory \"haute-saintonge\" poses no challenge in event \"hack-2024\""),
        Case(grant: Grant(role: .team, eventSlug: event, teamId: 3), kind: .invalidArgument, field: "team_id", message: "team_id: team 3 is not in event \"parcours-france-2017\""),
        Case(grant: Grant(role: .juror, eventSlug: event, teamId: 3, challengeIds: [1]), kind: .invalidArgument, field: "team_id", message: "team_id: team 3 is not in event \"parcours-france-2017\""),
        Case(grant: Grant(role: .juror, eventSlug: event, challengeIds: [1, 4]), kind: .invalidArgument, field: "challenge_ids[1]", message: "challenge_ids[1]: challenge 4 is not in event \"parcours-france-2017\""),
    ]

    @Test(arguments: refused)
    func scopesThatDoNotFitAreRefused(_ c: Case) throws {
        let state = try AccessFixtures.world().state
        let error = try #require(refusal(of: Self.issue(c.grant), in: state))
        #expect(error.kind == c.kind)
        #expect(error.field == c.field)
        #expect(error.message == c.message)
    }

    @Test func nameFollowsTheNameRules() throws {
        let state = try AccessFixtures.world().state
        let admin = Grant(role: .admin)
        #expect(refusal(of: Self.issue(admin, name: "  "), in: state)?.message == "name: must not be empty")
        #expect(refusal(of: Self.issue(admin, name: "a\u{7}b"), in: state)?.message == "name: must not contain control characters")
        let long = String(repeating: "é", count: InputLimits.nameMaxLength + 1)
        #expect(refusal(of: Self.issue(admin, name: long), in: state)?.field == "name")
        #expect(refusal(of: Self.issue(admin, name: String(repeating: "é", count: InputLimits.nameMaxLength)), in: state) == nil)
    }

    @Test func expiryMustBeInTheFuture() throws {
        let state = try AccessFixtures.world().state
        let admin = Grant(role: .admin)
        for past in [Millis(10_000), 9_999, 0, -1] {
            let error = refusal(of: Self.issue(admin, expiresAt: past), in: state, at: 10_000)
            #expect(error?.message == "expires_at_ms: must be in the future")
            #expect(error?.kind == .invalidArgument)
        }
        #expect(refusal(of: Self.issue(admin, expiresAt: 10_001), in: state, at: 10_000) == nil)
    }

    @Test func secretHashMustBe32Bytes() throws {
        let state = try AccessFixtures.world().state
        for count in [0, 31, 33, 64] {
            let error = refusal(of: Self.issue(Grant(role: .admin), hash: [UInt8](repeating: 1, count: count)), in: state)
            #expect(error?.kind == .invalidArgument)
            #expect(error?.field == "secret_hash")
            #expect(error?.message.hasPrefix("secret_hash: ") == true)
        }
    }

    /// Issued or restored, a grant holds its event's own slug string (the
    /// same storage), so access checks on the event compare pointers.
    @Test func aGrantSharesItsEventsSlugString() throws {
        var state = try AccessFixtures.world().state
        let canonical = try #require(state.event(slug: Self.event)).slug
        let copy = { String(decoding: Array(Self.event.utf8), as: UTF8.self) }
        #expect(!Self.sameStorage(copy(), canonical), "the check below would prove nothing")
        state.apply(try state.decide(Self.issue(Grant(role: .organiser, eventSlug: copy())), at: 10_000))
        state.restore(token: TokenRecord(id: 9, name: "restored", grant: Grant(role: .team, eventSlug: copy(), teamId: 1),
                                         secretHash: Self.hash, createdAt: 1))
        for id: Int64 in [1, 9] {
            let slug = try #require(state.token(id: id)?.grant.eventSlug)
            #expect(Self.sameStorage(slug, canonical), "token \(id)")
        }
    }

    /// Requests are handed the same string (`RecentStrings`): an event's
    /// slug for equal text, nothing for texts that are no event's slug.
    @Test func theStateHandsOutItsOwnStringForAnEventsSlug() throws {
        let state = try AccessFixtures.world().state
        let canonical = try #require(state.event(slug: Self.event)).slug
        let copy = String(decoding: Array(Self.event.utf8), as: UTF8.self)
        #expect(Self.sameStorage(try #require(state.eventSlug(equalTo: copy)), canonical))
        for text in ["hack-1999", "Parcours France 2017", "parcours-france-2017 ", "", "été"] {
            #expect(state.eventSlug(equalTo: text) == nil, "\(text)")
        }
        #expect(state.eventSlug(equalTo: AccessFixtures.otherEvent) == AccessFixtures.otherEvent)
    }

    /// Two strings with the same storage: the same bits.
    private static func sameStorage(_ a: String, _ b: String) -> Bool {
        withUnsafeBytes(of: a) { a in withUnsafeBytes(of: b) { b in a.elementsEqual(b) } }
    }

    @Test func restoredTokensKeepCountersAhead() throws {
        var state = try AccessFixtures.world().state
        state.restore(token: TokenRecord(id: 41, name: "old", grant: Grant(role: .admin), secretHash: Self.hash, createdAt: 1))
        guard case .tokenIssued(let next) = try state.decide(Self.issue(Grant(role: .admin)), at: 2) else {
            Issue.record("expected a token")
            return
        }
        #expect(next.id == 42)
    }
}
