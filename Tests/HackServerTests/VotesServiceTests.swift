import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// The audience vote through the router: codes issued by the organiser,
/// votes cast with a code and no token, the tally live for organisers and
/// public once the event has finished.
struct VotesServiceTests {
    static let slug = DemoScenario.eventSlug

    /// The demo in its restitution: two ideas on challenge 1, one on challenge 2, and `codes` issued.
    static func restitution(codes count: UInt32 = 3) throws -> (harness: ServiceHarness, codes: [String], ideas: [UInt64]) {
        let harness = try ServiceHarness()
        try harness.startHackPhase()
        let team2 = try harness.call(Methods.Teams.create, .with { $0.challengeID = 2; $0.name = "Les Orléanais" }).get()
        var ideas: [UInt64] = []
        for (team, title) in [(UInt64(1), "Rayonnement régional"), (1, "Gare des Flandres"), (team2.id, "Loire à vélo")] {
            ideas.append(try harness.call(Methods.Ideas.create, .with { $0.teamID = team; $0.title = title }).get().id)
        }
        let codes = try harness.call(Methods.Votes.issueCodes, .with { $0.eventSlug = slug; $0.count = count }).get().codes
        try harness.runDemo(toPhase: 4)
        return (harness, codes, ideas)
    }

    static func cast(_ code: String, challenge: UInt64, idea: UInt64) -> Hack_V1_CastVoteRequest {
        .with { $0.eventSlug = slug; $0.code = code; $0.challengeID = challenge; $0.ideaID = idea }
    }

    @Test func codesArePrintableUniqueAndShownOnce() throws {
        let (harness, codes, _) = try Self.restitution(codes: 200)
        defer { #expect(throws: Never.self) { try harness.close() } }
        #expect(codes.count == 200 && Set(codes).count == 200)
        for code in codes {
            #expect(code.wholeMatch(of: /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/) != nil, "\(code)")
        }
        for count: UInt32 in [0, 5_001] {
            let refused = try harness.call(Methods.Votes.issueCodes, .with { $0.eventSlug = Self.slug; $0.count = count })
            #expect(refused.failure?.status == .invalidArgument)
            #expect(refused.failure?.message == "count: must be 1 to 5000, got \(count)")
        }
        let tally = try harness.call(Methods.Votes.tally, .with { $0.eventSlug = Self.slug }).get()
        #expect(tally.codesIssued == 200 && tally.codesUsed == 0)
    }

    @Test func aCodeVotesWithoutATokenOncePerChallenge() throws {
        let (harness, codes, ideas) = try Self.restitution()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let anonymous: String?? = .some(nil)
        let first = try harness.call(Methods.Votes.cast, Self.cast(codes[0], challenge: 1, idea: ideas[1]), token: anonymous).get()
        #expect(first.challengeID == 1 && first.ideaID == ideas[1])

        // Typed as people do: lower case, no dashes, spaces.
        let typed = codes[0].lowercased().replacingOccurrences(of: "-", with: " ")
        let twice = try harness.call(Methods.Votes.cast, Self.cast(typed, challenge: 1, idea: ideas[0]), token: anonymous)
        #expect(twice.failure?.status == .failedPrecondition)
        #expect(twice.failure?.message == "this code has already voted for challenge 1")
        #expect(try harness.call(Methods.Votes.cast, Self.cast(typed, challenge: 2, idea: ideas[2]), token: anonymous).value != nil)

        // A token sent along is ignored, even an unknown one: the code is the credential.
        #expect(try harness.call(Methods.Votes.cast, Self.cast(codes[1], challenge: 1, idea: ideas[1]), token: "hk_999_nope").value != nil)

        let unknown = try harness.call(Methods.Votes.cast, Self.cast("2345-6789-ABCD", challenge: 1, idea: ideas[0]), token: anonymous)
        #expect(unknown.failure?.status == .invalidArgument)
        #expect(unknown.failure?.message == "code: unknown voter code")
        let malformed = try harness.call(Methods.Votes.cast, Self.cast("K7MQ-4XTP", challenge: 1, idea: ideas[0]), token: anonymous)
        #expect(malformed.failure?.status == .invalidArgument)
        #expect(malformed.failure?.message.hasPrefix("code: must be 12 letters and digits") == true)
        let elsewhere = try harness.call(Methods.Votes.cast, Self.cast(codes[2], challenge: 2, idea: ideas[0]), token: anonymous)
        #expect(elsewhere.failure?.status == .invalidArgument)
        #expect(elsewhere.failure?.message.hasPrefix("idea_id: ") == true)

        let tally = try harness.call(Methods.Votes.tally, .with { $0.eventSlug = Self.slug }).get()
        #expect(!tally.final)
        #expect(tally.codesIssued == 3 && tally.codesUsed == 2)
        #expect(tally.challenges.map(\.challengeID) == [1, 2, 3])
        #expect(tally.challenges[0].ideas.map(\.ideaID) == [ideas[1], ideas[0]])
        #expect(tally.challenges[0].ideas.map(\.votes) == [2, 0])
        #expect(tally.challenges[0].ideas[0].title == "Gare des Flandres")
        #expect(tally.challenges[1].ideas.map(\.votes) == [1])
    }

    @Test func theVoteClosesWhenTheEventFinishes() throws {
        let (harness, codes, ideas) = try Self.restitution()
        defer { #expect(throws: Never.self) { try harness.close() } }
        harness.advanceClock(by: 45 * 60_000)
        let late = try harness.call(Methods.Votes.cast, Self.cast(codes[0], challenge: 1, idea: ideas[0]), token: .some(nil))
        #expect(late.failure?.status == .failedPrecondition)
        #expect(late.failure?.message.contains("the audience vote closed at") == true, "\(late)")
    }

    @Test func theTallyIsLiveForOrganisersAndPublicToTheEventOnceFinished() throws {
        let (harness, codes, ideas) = try Self.restitution()
        defer { #expect(throws: Never.self) { try harness.close() } }
        _ = try harness.call(Methods.Votes.cast, Self.cast(codes[0], challenge: 1, idea: ideas[0]), token: .some(nil)).get()
        let request = Hack_V1_VoteTallyRequest.with { $0.eventSlug = Self.slug }

        let live = try harness.call(Methods.Votes.tally, request, token: harness.secret("organiser")).get()
        #expect(!live.final && live.codesUsed == 1)
        #expect(try harness.call(Methods.Votes.tally, request, token: harness.secret("admin")).value?.final == false)
        for role in ["observer", "team", "juror"] {
            let refused = try harness.call(Methods.Votes.tally, request, token: harness.secret(role))
            #expect(refused.failure?.status == .permissionDenied, "\(role)")
            #expect(refused.failure?.message.contains("revealed when the event finishes") == true, "\(refused)")
        }

        _ = try harness.call(Methods.Events.skip, .with { $0.slug = Self.slug; $0.phaseNumber = 5 }).get()
        for role in ["observer", "team", "juror", "organiser"] {
            let tally = try #require(harness.call(Methods.Votes.tally, request, token: harness.secret(role)).value, "\(role)")
            #expect(tally.final && tally.codesUsed == 1, "\(role)")
            #expect(tally.challenges.first?.ideas.first?.votes == 1)
        }
    }
}
