import HackDomain
import Testing

/// Syntheses on the demo's day (Europe/Paris): the hack until 13:00, synthesis
/// 13:00–14:00, a break, restitution from 15:00. Saves and co-signatures are
/// gated by the synthesis phase; restitution publishes them.
@Suite struct SynthesisTests {
    typealias F = RunFixtures

    /// The demo started at 11:00 with team 1 (Saint-Omer) posting two ideas and
    /// team 2 (Orléans) one, during the hack; nobody advances the clock.
    static func day() throws -> HackState {
        var state = try F.demo()
        try F.control(.start, on: &state, at: F.paris(11, 0))
        try Fixtures.run([
            .createTeam(TeamDraft(challengeId: 2, name: "Lab'O")),
            .createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")),
            .createIdea(IdeaDraft(teamId: 1, title: "Fab Lab ouvert")),
            .createIdea(IdeaDraft(teamId: 2, title: "Industry Lab")),
        ], on: &state, from: F.paris(11, 10))
        return state
    }

    static func save(_ retained: [RetainedIdea] = [RetainedIdea(ideaId: 1, reason: "Très concrète")],
                     summary: String = "Synthèse de Saint-Omer", challenge: Int64 = 1) -> Command {
        .saveSynthesis(SynthesisDraft(challengeId: challenge, summary: summary, retained: retained,
                                      nextSteps: "Rencontre à l'agglomération"), author: "Aurélien")
    }

    static func apply(_ command: Command, to state: inout HackState, at now: Millis) throws -> Synthesis {
        let change = try state.decide(command, at: now)
        state.apply(change)
        switch change {
        case .synthesisSaved(let synthesis), .synthesisCoSigned(let synthesis): return synthesis
        default:
            Issue.record("expected a synthesis change, got \(change)")
            return try #require(state.synthesis(challengeId: 1))
        }
    }

    @Test func everySaveIsARevisionAndWritingLocksTheMillisecondSynthesisEnds() throws {
        var state = try Self.day()
        let early = try #require(refusal(of: Self.save(), in: state, at: F.paris(13, 0) - 1))
        #expect(early.kind == .failedPrecondition)
        #expect(early.message.hasPrefix("synthesis writing opens when phase 3 « Synthèse"), "\(early.message)")

        let first = try Self.apply(Self.save(summary: "v1"), to: &state, at: F.paris(13, 0))
        #expect(first.revision == 1 && first.author == "Aurélien" && first.updatedAt == F.paris(13, 0))
        #expect(first.eventSlug == F.slug && first.territorySlug == "saint-omer")
        _ = try Self.apply(Self.save(summary: "v2"), to: &state, at: F.paris(13, 30))
        let last = try Self.apply(Self.save([], summary: "v3 : écrite à la dernière milliseconde"), to: &state, at: F.paris(14, 0) - 1)
        #expect(last.revision == 3 && last.retained.isEmpty)
        #expect(state.synthesis(challengeId: 1) == last)
        #expect(state.synthesisRevisions(challengeId: 1).map(\.summary) == ["v1", "v2", "v3 : écrite à la dernière milliseconde"])
        #expect(state.synthesisRevisions(challengeId: 1).map(\.revision) == [1, 2, 3])
        #expect(state.synthesisRevisions(challengeId: 1)[0].retained == [RetainedIdea(ideaId: 1, reason: "Très concrète")])

        let late = try #require(refusal(of: Self.save(), in: state, at: F.paris(14, 0)))
        #expect(late.kind == .failedPrecondition && late.field == "event")
        #expect(late.message.hasPrefix("synthesis writing closed at 14:00:00 when phase 3 « Synthèse"), "\(late.message)")
        let cosign = try #require(refusal(of: .coSignSynthesis(challengeId: 1, revision: 3, by: "Élu"), in: state, at: F.paris(14, 0)))
        #expect(cosign.message.hasPrefix("synthesis co-signing closed at 14:00:00"), "\(cosign.message)")
    }

    @Test func coSigningNeedsTheLatestRevisionAndALaterSaveLeavesTheSignatureBehind() throws {
        var state = try Self.day()
        let noSynthesis = try #require(refusal(of: .coSignSynthesis(challengeId: 1, revision: 1, by: "Élu"), in: state, at: F.paris(13, 5)))
        #expect(noSynthesis.message == "challenge 1 has no synthesis to co-sign yet")
        _ = try Self.apply(Self.save(summary: "v1"), to: &state, at: F.paris(13, 5))
        let signed = try Self.apply(.coSignSynthesis(challengeId: 1, revision: 1, by: "François Decoster"), to: &state, at: F.paris(13, 10))
        #expect(signed.signedRevision == 1 && signed.signedBy == "François Decoster" && signed.signedAt == F.paris(13, 10))
        #expect(signed.isSignedAsIs)
        let twice = try #require(refusal(of: .coSignSynthesis(challengeId: 1, revision: 1, by: "Élu"), in: state, at: F.paris(13, 11)))
        #expect(twice.message == "revision 1 is already co-signed by François Decoster")

        let resaved = try Self.apply(Self.save(summary: "v2"), to: &state, at: F.paris(13, 20))
        #expect(resaved.revision == 2 && resaved.signedRevision == 1 && !resaved.isSignedAsIs)
        let stale = try #require(refusal(of: .coSignSynthesis(challengeId: 1, revision: 1, by: "Élu"), in: state, at: F.paris(13, 21)))
        #expect(stale.kind == .failedPrecondition && stale.field == "revision")
        #expect(stale.message == "revision 1 is not the latest (2)")
        let ahead = try #require(refusal(of: .coSignSynthesis(challengeId: 1, revision: 3, by: "Élu"), in: state, at: F.paris(13, 21)))
        #expect(ahead.message == "revision 3 is not the latest (2)")
        #expect(refusal(of: .coSignSynthesis(challengeId: 1, revision: 0, by: "Élu"), in: state, at: F.paris(13, 21))?.kind == .invalidArgument)

        _ = try Self.apply(.coSignSynthesis(challengeId: 1, revision: 2, by: "François Decoster"), to: &state, at: F.paris(13, 30))
        let history = state.synthesisRevisions(challengeId: 1)
        #expect(history.map(\.signedRevision) == [1, 2])
        #expect(history.map(\.signedAt) == [F.paris(13, 10), F.paris(13, 30)])
    }

    @Test func retainedIdeasAreIdeasOfThisChallengeEachOnceWithAReason() throws {
        let state = try Self.day()
        let at = F.paris(13, 5)
        func field(_ retained: [RetainedIdea]) -> String? { refusal(of: Self.save(retained), in: state, at: at)?.message }
        #expect(field([RetainedIdea(ideaId: 3, reason: "Belle idée")]) == "retained[0].idea_id: idea 3 is not an idea of challenge 1")
        #expect(field([RetainedIdea(ideaId: 99, reason: "Belle idée")]) == "retained[0].idea_id: idea 99 is not an idea of challenge 1")
        #expect(field([RetainedIdea(ideaId: 1, reason: "a"), RetainedIdea(ideaId: 1, reason: "b")])
                == "retained[1].idea_id: idea 1 is retained more than once")
        #expect(field([RetainedIdea(ideaId: 1, reason: " \n")]) == "retained[0].reason: must say why the idea is retained")
        let tooMany = (0...InputLimits.retainedIdeasMax).map { RetainedIdea(ideaId: Int64($0 + 1), reason: "r") }
        #expect(field(tooMany) == "retained: must list at most 20 ideas")
        let long = String(repeating: "é", count: InputLimits.synthesisSummaryMaxLength + 1)
        #expect(refusal(of: Self.save(summary: long), in: state, at: at)?.message == "summary: must be at most 10000 characters")
        #expect(refusal(of: Self.save(challenge: 42), in: state, at: at)?.kind == .notFound)
        #expect(field([RetainedIdea(ideaId: 2, reason: "Ouverte à tous"), RetainedIdea(ideaId: 1, reason: "Concrète")]) == nil)
    }

    @Test func restitutionPublishesTheSynthesesAndTheirRetainedIdeas() throws {
        var state = try Self.day()
        _ = try Self.apply(Self.save([RetainedIdea(ideaId: 2, reason: "Ouverte à tous")]), to: &state, at: F.paris(13, 5))
        let observer = AccessFixtures.principals["observer"]!
        let otherTeam = AccessFixtures.principals["team-orleans"]!
        let retained = try #require(state.idea(id: 2))
        let notRetained = try #require(state.idea(id: 1))
        let challenge = try #require(state.challenge(id: 1))
        for now in [F.paris(14, 30), F.paris(15, 0) - 1] {
            #expect(!state.isPublished(eventSlug: F.slug, at: now))
            #expect(!state.mayRead(retained, observer, at: now) && !state.mayRead(retained, otherTeam, at: now))
            #expect(!state.mayReadSynthesis(of: challenge, observer, at: now))
        }
        // Caught up at the first millisecond of restitution, before any clock advance.
        let restitution = F.paris(15, 0)
        #expect(state.isPublished(eventSlug: F.slug, at: restitution))
        #expect(state.mayRead(retained, observer, at: restitution) && state.mayRead(retained, otherTeam, at: restitution))
        #expect(!state.mayRead(notRetained, observer, at: restitution))
        #expect(state.mayReadSynthesis(of: challenge, observer, at: restitution))
        let outsider = AccessFixtures.principal(Grant(role: .observer, eventSlug: "hack-2024"))
        #expect(!state.mayRead(retained, outsider, at: restitution) && !state.mayReadSynthesis(of: challenge, outsider, at: restitution))

        // The clock's catch-up that starts restitution is the moment of publication; later ones are not.
        let caughtUp = try F.advance(on: &state, at: restitution)
        #expect(caughtUp.map(\.phaseIndex) == [1, 2, 3, 4])
        #expect(state.publicationBegins(eventSlug: F.slug, with: caughtUp))
        #expect(!state.publicationBegins(eventSlug: F.slug, with: Array(caughtUp.prefix(3))))
        let finished = try F.advance(on: &state, at: F.paris(16, 0))
        #expect(finished.map(\.kind) == [.finished] && !state.publicationBegins(eventSlug: F.slug, with: finished))
        #expect(state.isPublished(eventSlug: F.slug, at: F.paris(16, 0)))
    }
}
