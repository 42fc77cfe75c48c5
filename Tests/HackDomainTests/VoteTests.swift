import HackDomain
import Testing

/// The audience vote: one-time codes, one vote per code per challenge,
/// only while the restitution runs, and a tally counted on every write.
@Suite struct VoteTests {
    typealias F = RunFixtures

    /// An opaque 32-byte hash standing for code `n` (the domain never sees codes).
    static func hash(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 32) }

    static func cast(_ code: UInt8, challenge: Int64, idea: Int64) -> Command {
        .castVote(eventSlug: F.slug, codeHash: hash(code), challengeId: challenge, ideaId: idea)
    }

    /// The demo day started at 11:00 with teams on challenges 1 and 2, ideas 1 and 2 on
    /// challenge 1 and idea 3 on challenge 2, and voter codes 1 to 3; nobody touches the
    /// run after 11:00, so the restitution runs from 15:00 to 15:45.
    static func demoWithIdeasAndCodes() throws -> HackState {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        try Fixtures.run([
            .createTeam(TeamDraft(challengeId: 2, name: "Les Orléanais")),
            .createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")),
            .createIdea(IdeaDraft(teamId: 1, title: "Gare des Flandres")),
            .createIdea(IdeaDraft(teamId: 2, title: "Loire à vélo")),
            .issueVoterCodes(eventSlug: F.slug, hashes: [hash(1), hash(2), hash(3)]),
        ], on: &state, from: F.paris(11, 10))
        return state
    }

    @Test func aCodeVotesOncePerChallengeAndOnceInEachChallenge() throws {
        var state = try Self.demoWithIdeasAndCodes()
        let restitution = F.paris(15, 0)
        try Fixtures.run([Self.cast(1, challenge: 1, idea: 2), Self.cast(1, challenge: 2, idea: 3)], on: &state, from: restitution)
        #expect(state.vote(codeId: 1, challengeId: 1)?.ideaId == 2)
        #expect(state.vote(codeId: 1, challengeId: 2)?.ideaId == 3)

        let again = try #require(refusal(of: Self.cast(1, challenge: 2, idea: 3), in: state, at: restitution + 10))
        #expect(again.kind == .failedPrecondition)
        #expect(again.message == "this code has already voted for challenge 2")
        // Another idea of the same challenge does not make it a new vote.
        #expect(refusal(of: Self.cast(1, challenge: 1, idea: 1), in: state, at: restitution + 10)?.message
                == "this code has already voted for challenge 1")
    }

    @Test func theIdeaMustAnswerTheChallengeAndTheChallengeBelongToTheEvent() throws {
        let state = try Self.demoWithIdeasAndCodes()
        let now = F.paris(15, 10)
        let other = try #require(refusal(of: Self.cast(1, challenge: 2, idea: 1), in: state, at: now))
        #expect(other.kind == .invalidArgument && other.field == "idea_id")
        #expect(other.message == "idea_id: idea 1 answers challenge 1, not challenge 2")
        #expect(refusal(of: Self.cast(1, challenge: 1, idea: 99), in: state, at: now)?.kind == .notFound)
        #expect(refusal(of: Self.cast(1, challenge: 99, idea: 1), in: state, at: now)?.field == "challenge_id")
        #expect(refusal(of: .castVote(eventSlug: "nope", codeHash: Self.hash(1), challengeId: 1, ideaId: 1),
                        in: state, at: now)?.kind == .notFound)
    }

    @Test func anUnknownCodeIsRefusedWithoutSayingMore() throws {
        var state = try Self.demoWithIdeasAndCodes()
        try Fixtures.run([.createEvent(Fixtures.validEventDraft(slug: "autre-2017"))], on: &state, from: F.paris(11, 30))
        try Fixtures.run([.issueVoterCodes(eventSlug: "autre-2017", hashes: [Self.hash(9)])], on: &state, from: F.paris(11, 31))
        for code: UInt8 in [7, 9] {  // never issued; issued for another event
            let error = try #require(refusal(of: Self.cast(code, challenge: 1, idea: 1), in: state, at: F.paris(15, 10)))
            #expect(error.kind == .invalidArgument && error.message == "code: unknown voter code")
        }
    }

    @Test func theVoteIsOpenFromTheRestitutionsFirstMillisecondToItsLast() throws {
        let state = try Self.demoWithIdeasAndCodes()
        let (start, end) = (F.paris(15, 0), F.paris(15, 45))
        let early = try #require(refusal(of: Self.cast(1, challenge: 1, idea: 1), in: state, at: start - 1))
        #expect(early.kind == .failedPrecondition && early.field == "event")
        #expect(early.message.hasPrefix("the audience vote opens when phase 5"), "\(early.message)")
        #expect(refusal(of: Self.cast(1, challenge: 1, idea: 1), in: state, at: start) == nil)
        #expect(refusal(of: Self.cast(1, challenge: 1, idea: 1), in: state, at: end - 1) == nil)
        let late = try #require(refusal(of: Self.cast(1, challenge: 1, idea: 1), in: state, at: end))
        #expect(late.message.hasPrefix("the audience vote closed at 15:45:00"), "\(late.message)")
        // A draft event never voted.
        var draft = try F.demo()
        try Fixtures.run([.issueVoterCodes(eventSlug: F.slug, hashes: [Self.hash(1)])], on: &draft, from: 5_000)
        #expect(refusal(of: Self.cast(1, challenge: 1, idea: 1), in: draft, at: start)?.kind == .failedPrecondition)
    }

    @Test func theTallyCountsVotesAndCodesMostVotedFirst() throws {
        var state = try Self.demoWithIdeasAndCodes()
        try Fixtures.run([
            Self.cast(1, challenge: 1, idea: 2), Self.cast(2, challenge: 1, idea: 2), Self.cast(3, challenge: 1, idea: 1),
            Self.cast(2, challenge: 2, idea: 3),
        ], on: &state, from: F.paris(15, 5))
        let tally = state.voteTally(eventSlug: F.slug)
        #expect(tally.codesIssued == 3 && tally.codesUsed == 3)
        #expect(tally.challenges.map(\.challengeId) == [1, 2, 3])
        #expect(tally.challenges[0].ideas.map(\.ideaId) == [2, 1])
        #expect(tally.challenges[0].ideas.map(\.votes) == [2, 1])
        #expect(tally.challenges[0].ideas.first?.title == "Gare des Flandres")
        #expect(tally.challenges[1].ideas.map(\.votes) == [1])
        #expect(tally.challenges[2].ideas.isEmpty)
        // Replaying a change counts nothing twice.
        state.apply(.voteCast(Vote(codeId: 1, challengeId: 1, ideaId: 2, at: F.paris(15, 5))))
        #expect(state.voteTally(eventSlug: F.slug) == tally)
    }

    @Test func theAuditLogSaysACodeVotedNeverWhichOne() throws {
        let state = try Self.demoWithIdeasAndCodes()
        let vote = AuditEntry(for: .voteCast(Vote(codeId: 2, challengeId: 1, ideaId: 2, at: 5)), in: state, at: 5, by: nil,
                              method: "hack.v1.Votes/Cast")
        #expect(vote.tokenId == nil && vote.tokenName == "voter code" && vote.eventSlug == F.slug)
        #expect(vote.target == "challenge 1" && vote.summary == "audience vote for idea 2")
        let codes = [VoterCode(id: 4, eventSlug: F.slug, hash: Self.hash(4), createdAt: 5)]
        let issued = AuditEntry(for: .voterCodesIssued(eventSlug: F.slug, codes: codes), in: state, at: 5, by: nil, method: "m")
        #expect(issued.tokenName == "" && issued.target == "event \(F.slug)" && issued.summary == "issued 1 voter code")
    }

    @Test func codesAreIssuedWithinTheLimits() throws {
        var state = try Self.demoWithIdeasAndCodes()
        let none = try #require(refusal(of: .issueVoterCodes(eventSlug: F.slug, hashes: []), in: state))
        #expect(none.kind == .invalidArgument && none.message == "count: must be 1 to 5000, got 0")
        #expect(refusal(of: .issueVoterCodes(eventSlug: F.slug, hashes: [Self.hash(1)]), in: state)?.kind == .alreadyExists)
        #expect(refusal(of: .issueVoterCodes(eventSlug: F.slug, hashes: [Self.hash(5), Self.hash(5)]), in: state)?.kind == .alreadyExists)
        #expect(refusal(of: .issueVoterCodes(eventSlug: F.slug, hashes: [[1, 2]]), in: state)?.field == "code_hash")
        #expect(refusal(of: .issueVoterCodes(eventSlug: "nope", hashes: [Self.hash(5)]), in: state)?.kind == .notFound)

        // Up to the event's limit, in calls of at most 5000.
        var next: UInt32 = 100
        func batch(_ count: Int) -> Command {
            defer { next += UInt32(count) }
            return .issueVoterCodes(eventSlug: F.slug, hashes: (0..<UInt32(count)).map { i in
                withUnsafeBytes(of: (next + i).bigEndian) { Array($0) } + [UInt8](repeating: 0xAB, count: 28)
            })
        }
        let perEvent = InputLimits.voterCodesPerEventMax
        #expect(refusal(of: batch(InputLimits.voterCodesPerCall.upperBound + 1), in: state)?.field == "count")
        while state.voterCodeCount(eventSlug: F.slug) + 5_000 <= perEvent {
            try Fixtures.run([batch(5_000)], on: &state)
        }
        try Fixtures.run([batch(perEvent - state.voterCodeCount(eventSlug: F.slug))], on: &state)
        #expect(state.voterCodeCount(eventSlug: F.slug) == perEvent)
        let full = try #require(refusal(of: batch(1), in: state))
        #expect(full.message == "count: event \"\(F.slug)\" already has \(perEvent) voter codes; 1 more would pass the limit of \(perEvent)")
    }

    @Test(arguments: [
        ("K7MQ-4XTP-9HRW", "K7MQ4XTP9HRW"), ("k7mq4xtp9hrw", "K7MQ4XTP9HRW"), (" k7mq 4xtp-9HRW\n", "K7MQ4XTP9HRW"),
        ("K-7-M-Q-4-X-T-P-9-H-R-W", "K7MQ4XTP9HRW"),
    ])
    func typedCodesAreNormalised(_ typed: String, _ normalised: String) throws {
        #expect(try VoterCodeText.normalise(typed) == normalised)
        #expect(VoterCodeText.format(normalised) == "K7MQ-4XTP-9HRW")
    }

    @Test(arguments: ["K7MQ-4XTP-9HR", "K7MQ-4XTP-9HRWW", "K7MQ-4XTP-9HR0", "K7MQ-4XTP-9HRO", "K7MQ-4XTP-9HRI", "K7MQ-4XTP-9HRß",
                      "", String(repeating: "-", count: 65)])
    func malformedCodesAreRefusedNamingTheField(_ typed: String) {
        #expect(throws: DomainError.self) { try VoterCodeText.normalise(typed) }
        do {
            _ = try VoterCodeText.normalise(typed)
        } catch {
            #expect(error.kind == .invalidArgument && error.message.hasPrefix("code: "), "\(error.message)")
        }
    }

    @Test func theAlphabetHasNoLookAlikes() {
        #expect(VoterCodeText.alphabet.count == 31)
        for ambiguous in "0O1IL" { #expect(!VoterCodeText.alphabet.contains(ambiguous)) }
    }
}
