import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// Judging through the router on the manual clock: the demo rubric, jurors
/// scoring during synthesis, and who reads scores and rankings when.
struct JudgingServiceTests {
    static let slug = DemoScenario.eventSlug
    static let minute: Int64 = 60_000

    /// The demo with three ideas on Saint-Omer's challenge (1): two by the demo team (1), one by a
    /// second team (2); one on Orléans' (2) by a third team (3); and a juror who belongs to team 1.
    /// The event is left in synthesis (phase index 2), which started now and lasts 60 minutes.
    struct Day {
        let harness: ServiceHarness
        let ideas: [UInt64]
        let memberJuror: String
    }

    static func day() throws -> Day {
        let harness = try ServiceHarness()
        let organiser = harness.secret("organiser")
        let second = try harness.call(Methods.Teams.create, .with { $0.challengeID = 1; $0.name = "La Gare Numérique" }).get()
        let third = try harness.call(Methods.Teams.create, .with { $0.challengeID = 2; $0.name = "Lab'O" }).get()
        let member = try harness.call(Methods.Tokens.issue, .with {
            $0.name = "Lyes, juré et équipier"
            $0.role = .juror
            $0.eventSlug = slug
            $0.teamID = 1
            $0.challengeIds = [1]
        }, token: organiser).get()
        try harness.runDemo(toPhase: 1)
        var ideas: [UInt64] = []
        for (team, title) in [(UInt64(1), "Rayonnement régional"), (1, "Café-atelier"), (second.id, "Fab Lab itinérant"), (third.id, "Séries pilotes")] {
            ideas.append(try harness.call(Methods.Ideas.create, .with { $0.teamID = team; $0.title = title }).get().id)
        }
        try harness.runDemo(toPhase: 2)
        return Day(harness: harness, ideas: ideas, memberJuror: member.secret)
    }

    static func values(_ impact: UInt32, _ faisabilite: UInt32, _ innovation: UInt32, _ ancrage: UInt32) -> [Hack_V1_CriterionScore] {
        zip(["impact", "faisabilite", "innovation", "ancrage"], [impact, faisabilite, innovation, ancrage]).map { key, value in
            .with { $0.criterion = key; $0.value = value }
        }
    }

    static func score(_ idea: UInt64, _ values: [Hack_V1_CriterionScore], in harness: ServiceHarness,
                      token: String) throws -> Result<Hack_V1_Score, RPCError> {
        try harness.call(Methods.Judging.scoreIdea, .with { $0.ideaID = idea; $0.values = values }, token: token)
    }

    @Test func theDemoComesWithItsRubricForEveryone() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let rubric = try harness.call(Methods.Judging.getRubric, .with { $0.eventSlug = Self.slug }, token: harness.secret("observer")).get()
        #expect(rubric.criteria.map(\.key) == ["impact", "faisabilite", "innovation", "ancrage"])
        #expect(rubric.criteria.map(\.name) == ["Impact pour le territoire", "Faisabilité", "Innovation", "Ancrage local"])
        #expect(rubric.criteria.map(\.weight) == [3, 2, 2, 3])
        #expect(rubric.scaleMin == 1 && rubric.scaleMax == 5)
    }

    @Test func organisersReplaceTheRubricUntilAnIdeaIsScored() throws {
        let day = try Self.day()
        let harness = day.harness
        defer { #expect(throws: Never.self) { try harness.close() } }
        let rubric = Hack_V1_SetRubricRequest.with {
            $0.rubric.eventSlug = Self.slug
            $0.rubric.criteria = [.with { $0.key = "impact"; $0.name = "Impact"; $0.weight = 1; $0.description_p = "Pour qui ?" }]
            $0.rubric.scaleMin = 0
            $0.rubric.scaleMax = 10
        }
        let team = try harness.call(Methods.Judging.setRubric, rubric, token: harness.secret("team"))
        #expect(team.failure?.status == .permissionDenied)
        let bad = try harness.call(Methods.Judging.setRubric, .with { $0.rubric = rubric.rubric; $0.rubric.scaleMax = 0 })
        #expect(bad.failure?.status == .invalidArgument)
        #expect(bad.failure?.message == "scale_min: must be below scale_max (0)")
        let set = try harness.call(Methods.Judging.setRubric, rubric).get()
        #expect(set == rubric.rubric)

        #expect(try Self.score(day.ideas[0], [.with { $0.criterion = "impact"; $0.value = 7 }], in: harness,
                               token: harness.secret("juror")).get().total == 7)
        let locked = try harness.call(Methods.Judging.setRubric, rubric)
        #expect(locked.failure?.status == .failedPrecondition)
        #expect(locked.failure?.message.contains("is locked: 1 score was already given") == true, "\(locked)")
    }

    @Test func aJurorScoresDuringSynthesisAndMayChangeTheirMind() throws {
        let day = try Self.day()
        let harness = day.harness
        defer { #expect(throws: Never.self) { try harness.close() } }
        let juror = harness.secret("juror")
        let first = try Self.score(day.ideas[0], Self.values(4, 3, 5, 2), in: harness, token: juror).get()
        #expect(first.revision == 1 && first.challengeID == 1 && first.jurorName == "Démo · jury")
        #expect(abs(first.total - 3.4) < 1e-12)
        #expect(first.updatedAtMs == harness.clock.now())
        harness.advanceClock(by: 10 * Self.minute)
        let second = try Self.score(day.ideas[0], Self.values(5, 5, 5, 5), in: harness, token: juror).get()
        #expect(second.revision == 2 && second.total == 5)

        let missing = try Self.score(day.ideas[1], Array(Self.values(4, 3, 5, 2).prefix(3)), in: harness, token: juror)
        #expect(missing.failure?.status == .invalidArgument)
        #expect(missing.failure?.message == "values: missing a value for \"ancrage\": every criterion needs one")

        let organiser = try Self.score(day.ideas[1], Self.values(4, 3, 5, 2), in: harness, token: harness.secret("organiser"))
        #expect(organiser.failure?.status == .permissionDenied)
        #expect(organiser.failure?.message.contains("permission judging.score is required") == true)

        // Synthesis (skipped to at 11:00 Paris) ends 60 minutes later: scoring closes that millisecond.
        harness.advanceClock(by: 50 * Self.minute)
        let late = try Self.score(day.ideas[1], Self.values(4, 3, 5, 2), in: harness, token: juror)
        #expect(late.failure?.status == .failedPrecondition)
        #expect(late.failure?.message.hasPrefix("scoring closed at 12:00:00 when phase 3 « Synthèse") == true, "\(late)")
    }

    @Test func aJurorIsRefusedTheirOwnTeamsIdeasAndOtherChallenges() throws {
        let day = try Self.day()
        let harness = day.harness
        defer { #expect(throws: Never.self) { try harness.close() } }
        let own = try Self.score(day.ideas[0], Self.values(5, 5, 5, 5), in: harness, token: day.memberJuror)
        #expect(own.failure?.status == .failedPrecondition)
        #expect(own.failure?.message.hasPrefix("conflict of interest: juror \"Lyes, juré et équipier\" is a member of team 1") == true, "\(own)")
        #expect(try Self.score(day.ideas[2], Self.values(3, 3, 3, 3), in: harness, token: day.memberJuror).value != nil)
        // Orléans' idea: not their challenge, so not even visible to them.
        let elsewhere = try Self.score(day.ideas[3], Self.values(3, 3, 3, 3), in: harness, token: day.memberJuror)
        #expect(elsewhere.failure?.status == .permissionDenied)

        let progress = try harness.call(Methods.Judging.progress, .with { $0.eventSlug = Self.slug }, token: day.memberJuror).get()
        #expect(progress.ideasToScore == 1 && progress.scored == 1 && progress.left.isEmpty)
        let demo = try harness.call(Methods.Judging.progress, .with { $0.eventSlug = Self.slug }, token: harness.secret("juror")).get()
        #expect(demo.ideasToScore == 4 && demo.scored == 0 && demo.left == day.ideas)
    }

    @Test func scoresAreReadByTheEventTheTableAndTheirJuror() throws {
        let day = try Self.day()
        let harness = day.harness
        defer { #expect(throws: Never.self) { try harness.close() } }
        _ = try Self.score(day.ideas[0], Self.values(4, 4, 4, 4), in: harness, token: harness.secret("juror")).get()
        _ = try Self.score(day.ideas[3], Self.values(2, 2, 2, 2), in: harness, token: harness.secret("juror")).get()
        _ = try Self.score(day.ideas[2], Self.values(3, 3, 3, 3), in: harness, token: day.memberJuror).get()
        func list(_ token: String, challenge: UInt64 = 0) throws -> Result<[Hack_V1_Score], RPCError> {
            try harness.call(Methods.Judging.listScores, .with { $0.eventSlug = Self.slug; $0.challengeID = challenge }, token: token)
                .map(\.scores)
        }
        #expect(try list(harness.secret("organiser")).get().map(\.ideaID) == [day.ideas[0], day.ideas[2], day.ideas[3]])
        #expect(try list(day.memberJuror).get().map(\.ideaID) == [day.ideas[2]])
        let saintOmer = harness.secret("moderator", scope: "\(Self.slug)/saint-omer")
        #expect(try list(saintOmer).get().map(\.challengeID) == [1, 1])
        let orleans = harness.secret("territory", scope: "\(Self.slug)/orleans")
        #expect(try list(orleans).get().map(\.ideaID) == [day.ideas[3]])
        #expect(try list(orleans, challenge: 1).failure?.status == .permissionDenied)
        #expect(try list(harness.secret("team")).failure?.status == .permissionDenied)
        #expect(try list(harness.secret("observer")).failure?.status == .permissionDenied)
    }

    @Test func rankingsStayWithTheTableUntilRestitution() throws {
        let day = try Self.day()
        let harness = day.harness
        defer { #expect(throws: Never.self) { try harness.close() } }
        let juror = harness.secret("juror")
        _ = try Self.score(day.ideas[0], Self.values(2, 2, 2, 2), in: harness, token: juror).get()
        _ = try Self.score(day.ideas[1], Self.values(4, 4, 4, 4), in: harness, token: juror).get()
        _ = try Self.score(day.ideas[2], Self.values(4, 4, 4, 4), in: harness, token: juror).get()
        _ = try Self.score(day.ideas[2], Self.values(3, 3, 3, 3), in: harness, token: day.memberJuror).get()
        func rankings(_ token: String, challenge: UInt64 = 0) throws -> Result<[Hack_V1_Ranking], RPCError> {
            try harness.call(Methods.Judging.rankings, .with { $0.eventSlug = Self.slug; $0.challengeID = challenge }, token: token)
                .map(\.rankings)
        }
        let all = try rankings(harness.secret("organiser")).get()
        #expect(all.map(\.challengeID) == [1, 2, 3])
        let first = all[0]
        #expect(first.territorySlug == "saint-omer" && first.jurors == 2)
        // The demo juror: 2, 4, 4 → z −√2, 1/√2, 1/√2; the member scored only idea 3 → z 0.
        #expect(first.ideas.map(\.ideaID) == [day.ideas[1], day.ideas[2], day.ideas[0]])
        #expect(first.ideas.map(\.rank) == [1, 2, 3])
        #expect(abs(first.ideas[0].normalized - 1 / 2.0.squareRoot()) < 1e-9)
        #expect(abs(first.ideas[1].normalized - 1 / (2 * 2.0.squareRoot())) < 1e-9)
        #expect(first.ideas[1].rawMean == 3.5 && first.ideas[1].scores == 2)
        #expect(first.ideas[0].title == "Café-atelier" && first.ideas[0].teamName == "Les hackers de La Station")
        #expect(first.ideas[0].criterionMeans == [4, 4, 4, 4])
        #expect(all[1].ideas.map(\.rank) == [0])

        let table = harness.secret("moderator", scope: "\(Self.slug)/saint-omer")
        #expect(try rankings(table).get().map(\.challengeID) == [1])
        #expect(try rankings(harness.secret("observer")).failure?.status == .permissionDenied)
        #expect(try rankings(juror).failure?.status == .permissionDenied)
        #expect(try rankings(harness.secret("moderator", scope: "\(Self.slug)/orleans"), challenge: 1).failure?.status == .permissionDenied)

        try harness.runDemo(toPhase: 4)
        #expect(try rankings(harness.secret("observer")).get().map(\.challengeID) == [1, 2, 3])
        #expect(try rankings(harness.secret("team"), challenge: 1).get().first?.ideas.count == 3)
    }

    @Test func scoresAreNeverBroadcastToWatchers() throws {
        let day = try Self.day()
        let harness = day.harness
        defer { #expect(throws: Never.self) { try harness.close() } }
        let watch = harness.start(name: Methods.Events.watch.name,
                                  payload: try Hack_V1_WatchEventRequest.with { $0.slug = Self.slug }.serializedBytes(),
                                  token: harness.secret("observer"))
        let before = harness.streamed[watch]?.count
        _ = try Self.score(day.ideas[0], Self.values(4, 4, 4, 4), in: harness, token: harness.secret("juror")).get()
        #expect(harness.streamed[watch]?.count == before)
        #expect(harness.app.watchers.count == 1)
    }
}
