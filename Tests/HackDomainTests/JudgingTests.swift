import HackDomain
import Testing

/// Rubrics and scores: validation, the synthesis gate, who may score what.
@Suite struct JudgingTests {
    typealias J = JudgingFixtures

    static func rubric(_ criteria: [Criterion], scale: ClosedRange<Int> = 1...5) -> Command {
        .setRubric(Rubric(eventSlug: J.slug, criteria: criteria, scaleMin: scale.lowerBound, scaleMax: scale.upperBound))
    }

    static let impact = Criterion(key: "impact", name: "Impact pour le territoire", weight: 3)

    @Test func aRubricIsCheckedFieldByField() throws {
        let state = try RunFixtures.demo()
        let cases: [(Command, String)] = [
            (Self.rubric([]), "criteria: must list between 1 and 10 criteria"),
            (Self.rubric(Array(repeating: Self.impact, count: 11)), "criteria: must list between 1 and 10 criteria"),
            (Self.rubric([Criterion(key: "Impact", name: "Impact", weight: 1)]),
             "criteria[0].key: must use only lowercase letters, digits and hyphens"),
            (Self.rubric([Criterion(key: "", name: "Impact", weight: 1)]), "criteria[0].key: must not be empty"),
            (Self.rubric([Criterion(key: String(repeating: "a", count: 33), name: "Impact", weight: 1)]),
             "criteria[0].key: must be at most 32 characters"),
            (Self.rubric([Self.impact, Criterion(key: "impact", name: "Encore", weight: 1)]),
             "criteria[1].key: \"impact\" is already the key of another criterion: keys must be unique"),
            (Self.rubric([Criterion(key: "impact", name: " ", weight: 1)]), "criteria[0].name: must not be empty"),
            (Self.rubric([Criterion(key: "impact", name: "Impact", weight: 0)]), "criteria[0].weight: must be between 1 and 100"),
            (Self.rubric([Criterion(key: "impact", name: "Impact", weight: 101)]), "criteria[0].weight: must be between 1 and 100"),
            (Self.rubric([Criterion(key: "impact", name: "Impact", weight: 1, description: String(repeating: "é", count: 501))]),
             "criteria[0].description: must be at most 500 characters"),
            (Self.rubric([Self.impact], scale: 1...101), "scale_max: must be at most 100"),
            (Self.rubric([Self.impact], scale: 5...5), "scale_min: must be below scale_max (5)"),
        ]
        for (command, message) in cases {
            let error = try #require(refusal(of: command, in: state))
            #expect(error.kind == .invalidArgument)
            #expect(error.message == message)
        }
        let unknown = try #require(refusal(of: .setRubric(Rubric(eventSlug: "inconnu", criteria: [Self.impact], scaleMin: 0, scaleMax: 10)), in: state))
        #expect(unknown.kind == .notFound && unknown.message == "event \"inconnu\" not found")
        #expect(refusal(of: Self.rubric([Self.impact], scale: 0...100), in: state) == nil)
    }

    @Test func theDemoRubricIsValidAndAccentsRoundTrip() throws {
        var state = try RunFixtures.demo()
        try Fixtures.run([.setRubric(DemoScenario.rubric)], on: &state)
        let rubric = try #require(state.rubric(eventSlug: J.slug))
        #expect(rubric.criteria.map(\.name) == ["Impact pour le territoire", "Faisabilité", "Innovation", "Ancrage local"])
        #expect(rubric.criteria.map(\.weight) == [3, 2, 2, 3])
        #expect(rubric.scaleMin == 1 && rubric.scaleMax == 5)
    }

    @Test func aScoreIsTheWeightedMeanInRubricOrder() throws {
        var state = try J.day()
        // Given out of order: stored in the rubric's order. (3·4 + 2·3 + 2·5 + 3·2) / 10 = 34 / 10.
        let score = try J.score(1, by: J.aurelie, [
            CriterionValue(criterion: "ancrage", value: 2), CriterionValue(criterion: "innovation", value: 5),
            CriterionValue(criterion: "impact", value: 4), CriterionValue(criterion: "faisabilite", value: 3),
        ], on: &state)
        #expect(score.values.map(\.criterion) == ["impact", "faisabilite", "innovation", "ancrage"])
        #expect(score.values.map(\.value) == [4, 3, 5, 2])
        #expect(abs(score.total - 3.4) < 1e-12)
        #expect(score.challengeId == 1 && score.jurorTokenId == 100 && score.jurorName == "Aurélie Jury")
        #expect(score.revision == 1 && score.updatedAt == J.during)
        #expect(state.scores(ideaId: 1) == [score])
    }

    @Test func valuesMustCoverEveryCriterionOnTheScale() throws {
        let state = try J.day()
        func message(_ values: [CriterionValue]) -> String? {
            refusal(of: .scoreIdea(ideaId: 1, juror: J.aurelie, values: values), in: state, at: J.during)?.message
        }
        var missing = J.all(3)
        missing.removeLast()
        #expect(message(missing) == "values: missing a value for \"ancrage\": every criterion needs one")
        #expect(message(J.values(impact: 6, faisabilite: 3, innovation: 3, ancrage: 3)) ==
                "values[0].value: must be between 1 and 5 (the rubric's scale)")
        #expect(message(J.values(impact: 3, faisabilite: 0, innovation: 3, ancrage: 3)) ==
                "values[1].value: must be between 1 and 5 (the rubric's scale)")
        #expect(message(J.all(3) + [CriterionValue(criterion: "impact", value: 2)]) == "values[4].criterion: \"impact\" is given twice")
        #expect(message([CriterionValue(criterion: "beauté", value: 3)]) ==
                "values[0].criterion: \"beauté\" is not a criterion of the rubric (impact, faisabilite, innovation, ancrage)")
        #expect(message(Array(repeating: CriterionValue(criterion: "impact", value: 3), count: 11)) ==
                "values: must list at most 10 values, one per criterion")
    }

    @Test func scoringIsOpenFromTheSynthesisFirstMillisecondToItsLast() throws {
        var state = try J.day()
        let synthesis = "phase 3 « Synthèse (espace réservé, territoire + modérateur) »"
        let early = try #require(refusal(of: .scoreIdea(ideaId: 1, juror: J.aurelie, values: J.all(3)), in: state, at: J.synthesisStart - 1))
        #expect(early.kind == .failedPrecondition)
        #expect(early.message == "scoring opens when \(synthesis) starts (expected at 13:00:00); now: phase 2 « Hack »")
        try J.score(1, by: J.aurelie, J.all(3), on: &state, at: J.synthesisStart)
        try J.score(1, by: J.aurelie, J.all(4), on: &state, at: J.synthesisEnd - 1)

        let closed = try #require(refusal(of: .scoreIdea(ideaId: 1, juror: J.aurelie, values: J.all(5)), in: state, at: J.synthesisEnd))
        #expect(closed.kind == .failedPrecondition && closed.field == "event")
        #expect(closed.message == "scoring closed at 14:00:00 when \(synthesis) ended; now: phase 4 « Pause »")
        #expect(state.score(ideaId: 1, jurorTokenId: 100)?.values == J.all(4))
    }

    @Test func scoringAgainReplacesTheScoreAsRevisionTwo() throws {
        var state = try J.day()
        let first = try J.score(1, by: J.aurelie, J.all(2), on: &state, at: J.during)
        let second = try J.score(1, by: J.aurelie, J.all(5), on: &state, at: J.during + 60_000)
        #expect(first.revision == 1 && second.revision == 2)
        #expect(second.total == 5 && second.updatedAt == J.during + 60_000)
        #expect(state.scores(ideaId: 1) == [second])
        #expect(state.scoreCount(eventSlug: J.slug) == 1)
        try J.score(1, by: J.bernard, J.all(1), on: &state)
        #expect(state.scores(ideaId: 1).map(\.jurorTokenId) == [100, 101])
        #expect(state.scoreCount(eventSlug: J.slug) == 2)
    }

    @Test func aJurorNeverScoresTheirOwnTeamsIdea() throws {
        let state = try J.day()
        let member = J.juror(102, "Lyes Jury", challenges: [1], team: 1)
        let error = try #require(refusal(of: .scoreIdea(ideaId: 1, juror: member, values: J.all(5)), in: state, at: J.during))
        #expect(error.kind == .failedPrecondition && error.field == "idea_id")
        #expect(error.message == "conflict of interest: juror \"Lyes Jury\" is a member of team 1, which posted idea 1; a juror never scores their own team's ideas")
        // Another team's idea on the same challenge is fine.
        #expect(refusal(of: .scoreIdea(ideaId: 2, juror: member, values: J.all(5)), in: state, at: J.during) == nil)
    }

    @Test func onlyJurorsAssignedToTheChallengeScore() throws {
        let state = try J.day()
        let error = try #require(refusal(of: .scoreIdea(ideaId: 3, juror: J.aurelie, values: J.all(3)), in: state, at: J.during))
        #expect(error.kind == .failedPrecondition)
        #expect(error.message == "\"Aurélie Jury\" is not a juror of challenge 2, the challenge of idea 3")
        #expect(refusal(of: .scoreIdea(ideaId: 3, juror: J.bernard, values: J.all(3)), in: state, at: J.during) == nil)
        let elsewhere = J.juror(103, "Ailleurs", challenges: [1], event: "hack-2024")
        #expect(refusal(of: .scoreIdea(ideaId: 1, juror: elsewhere, values: J.all(3)), in: state, at: J.during)?.kind == .failedPrecondition)
        let organiser = Principal(token: TokenRecord(id: 7, name: "Orga", grant: Grant(role: .organiser, eventSlug: J.slug),
                                                     secretHash: AccessFixtures.hash, createdAt: 0))
        #expect(refusal(of: .scoreIdea(ideaId: 1, juror: organiser, values: J.all(3)), in: state, at: J.during)?.kind == .failedPrecondition)
        #expect(refusal(of: .scoreIdea(ideaId: 99, juror: J.aurelie, values: J.all(3)), in: state, at: J.during)?.kind == .notFound)
    }

    @Test func withoutARubricScoringIsRefused() throws {
        var state = try RunFixtures.demo()
        try RunFixtures.control(.start, on: &state, at: RunFixtures.paris(11, 0))
        try Fixtures.run([.createIdea(IdeaDraft(teamId: 1, title: "Sans grille"))], on: &state, from: RunFixtures.paris(11, 10))
        let error = try #require(refusal(of: .scoreIdea(ideaId: 1, juror: J.aurelie, values: J.all(3)), in: state, at: J.during))
        #expect(error.kind == .failedPrecondition)
        #expect(error.message.hasPrefix("no rubric: event \"parcours-france-2017\" has no rubric yet"))
    }

    @Test func theRubricIsLockedOnceAnIdeaIsScored() throws {
        var state = try J.day()
        let replacement = Self.rubric([Self.impact], scale: 0...10)
        #expect(refusal(of: replacement, in: state, at: J.during) == nil, "changeable while running, until scored")
        try J.score(2, by: J.aurelie, J.all(4), on: &state)
        let error = try #require(refusal(of: replacement, in: state, at: J.during + 1))
        #expect(error.kind == .failedPrecondition && error.field == "rubric")
        #expect(error.message == "the rubric of event \"parcours-france-2017\" is locked: 1 score was already given against it")
    }

    @Test func theRubricCannotChangeOnceTheEventFinished() throws {
        var state = try RunFixtures.demo()
        try RunFixtures.control(.start, on: &state, at: RunFixtures.paris(11, 0))
        let error = try #require(refusal(of: .setRubric(DemoScenario.rubric), in: state, at: RunFixtures.paris(16, 0)))
        #expect(error.kind == .failedPrecondition)
        #expect(error.message == "rubric changes closed at 15:45:00 when the event finished")
    }

    @Test func progressListsWhatIsLeftOwnTeamExcluded() throws {
        var state = try J.day()
        let member = J.juror(102, "Lyes Jury", challenges: [1, 2], team: 1)
        #expect(state.progress(of: member) == JurorProgress(jurorTokenId: 102, ideasToScore: 2, scored: 0, left: [2, 3]))
        try J.score(3, by: member, J.all(4), on: &state)
        #expect(state.progress(of: member) == JurorProgress(jurorTokenId: 102, ideasToScore: 2, scored: 1, left: [2]))
        #expect(state.progress(of: J.aurelie) == JurorProgress(jurorTokenId: 100, ideasToScore: 2, scored: 0, left: [1, 2]))
    }

    @Test func changesAreAuditedWithoutValues() throws {
        var state = try J.day()
        let score = try J.score(1, by: J.aurelie, J.values(impact: 4, faisabilite: 3, innovation: 5, ancrage: 2), on: &state)
        let entry = AuditEntry(for: .ideaScored(score), in: state, at: J.during, by: J.aurelie.token, method: "hack.v1.Judging/ScoreIdea")
        #expect(entry.eventSlug == J.slug && entry.target == "idea 1" && entry.summary == "scored 3.40 (revision 1)")
        let rubric = AuditEntry(for: .rubricSet(DemoScenario.rubric), in: state, at: 0, by: nil, method: "test")
        #expect(rubric.target == "rubric parcours-france-2017" && rubric.summary == "set 4 criteria, scale 1–5")
    }
}
