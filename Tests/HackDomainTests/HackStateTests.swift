import HackDomain
import Testing

@Suite struct HackStateTests {
    @Test func decideDoesNotMutateAndIdsAreFreshAfterApply() throws {
        var state = try Fixtures.demoState()
        let challengeIds = state.challenges(eventSlug: Fixtures.eventSlug).map(\.id)
        #expect(challengeIds == [1, 2, 3])

        let first = try state.decide(.createTeam(TeamDraft(challengeId: 1, name: "A")), at: 5)
        let again = try state.decide(.createTeam(TeamDraft(challengeId: 1, name: "A")), at: 5)
        #expect(first == again, "decide is pure: same state, same answer")
        #expect(state.team(id: 1) == nil)

        state.apply(first)
        let second = try #require(Fixtures.teamOf(state.decide(.createTeam(TeamDraft(challengeId: 2, name: "B")), at: 6)))
        #expect(second.id == 2)
        #expect(second.eventSlug == Fixtures.eventSlug)
    }

    @Test func applyAdvancesCountersPastRestoredIds() throws {
        var state = try Fixtures.demoState()
        state.apply(.teamCreated(Team(id: 41, eventSlug: Fixtures.eventSlug, challengeId: 1, name: "Restored", members: [])))
        let next = try #require(Fixtures.teamOf(state.decide(.createTeam(TeamDraft(challengeId: 1, name: "New")), at: 1)))
        #expect(next.id == 42)
    }

    @Test func ideaRevisionsIncrementAndKeepHistory() throws {
        var (state, team, idea) = try Fixtures.demoWithTeamAndIdea()
        #expect(idea.revision == 1)
        #expect(idea.challengeId == team.challengeId)
        for (step, patch) in [IdeaPatch(title: "Rayonnement"), IdeaPatch(pitch: "Lille et Dunkerque"), IdeaPatch()].enumerated() {
            let change = try state.decide(.updateIdea(id: idea.id, patch), at: 4_000 + Millis(step))
            state.apply(change)
        }
        let current = try #require(state.idea(id: idea.id))
        #expect(current.revision == 4)
        #expect(current.title == "Rayonnement")
        #expect(current.pitch == "Lille et Dunkerque")
        #expect(current.createdAt == 3_000)
        #expect(current.updatedAt == 4_002)
        let history = state.revisions(ideaId: idea.id)
        #expect(history.map(\.revision) == [1, 2, 3, 4])
        #expect(history.map(\.at) == [3_000, 4_000, 4_001, 4_002])
        #expect(history.map(\.title) == ["Rayonnement régional", "Rayonnement", "Rayonnement", "Rayonnement"])
        #expect(history[0].pitch == "Attirer Lille")
    }

    @Test func updatesThatChangeNothingStillCount() throws {
        var state = try Fixtures.demoState()
        let event = try #require(Fixtures.eventOf(state.decide(.updateEvent(slug: Fixtures.eventSlug, EventPatch()), at: 9_999)))
        state.apply(.eventUpdated(event))
        #expect(state.event(slug: Fixtures.eventSlug)?.updatedAt == 9_999)
        #expect(state.event(slug: Fixtures.eventSlug)?.createdAt == 1_000)
    }

    @Test func teamNamesAreUniquePerEventByExactText() throws {
        var (state, team, _) = try Fixtures.demoWithTeamAndIdea()
        try Fixtures.run([.createEvent(Fixtures.validEventDraft()),
                          .createChallenge(ChallengeDraft(eventSlug: "hack-2024", territorySlug: "orleans", title: "T"))],
                         on: &state)
        // Same name in another event: fine.
        _ = try state.decide(.createTeam(TeamDraft(challengeId: 4, name: team.name)), at: 1)
        // Same letters, other Unicode spelling ("e" + combining acute vs "é"): distinct, as SQLite sees them.
        try Fixtures.run([.createTeam(TeamDraft(challengeId: 1, name: "Équipe"))], on: &state)
        #expect(refusal(of: .createTeam(TeamDraft(challengeId: 2, name: "E\u{301}quipe")), in: state) == nil)
        #expect(refusal(of: .createTeam(TeamDraft(challengeId: 2, name: "Équipe")), in: state)?.kind == .alreadyExists)
        // Renaming: to itself is fine, to another team's name is not; the old name is freed.
        let equipe = try #require(state.teams(eventSlug: Fixtures.eventSlug, challengeId: 1).last)
        #expect(refusal(of: .updateTeam(id: equipe.id, TeamPatch(name: "Équipe")), in: state) == nil)
        let taken = try #require(refusal(of: .updateTeam(id: equipe.id, TeamPatch(name: team.name)), in: state))
        #expect(taken.kind == .alreadyExists && taken.field == "name")
        try Fixtures.run([.updateTeam(id: equipe.id, TeamPatch(name: "Renamed"))], on: &state)
        #expect(refusal(of: .createTeam(TeamDraft(challengeId: 2, name: "Équipe")), in: state) == nil)
    }

    @Test func readsAreSortedAndFiltered() throws {
        var (state, team, idea) = try Fixtures.demoWithTeamAndIdea()
        try Fixtures.run([
            .createEvent(Fixtures.validEventDraft(slug: "b-later")),
            .createEvent(Fixtures.validEventDraft(slug: "a-later")),
            .createEvent({ var d = Fixtures.validEventDraft(slug: "early"); d.date = "2001-01-01"; return d }()),
            .createTeam(TeamDraft(challengeId: 3, name: "Saintonge")),
            .createIdea(IdeaDraft(teamId: 2, title: "Symbiose")),
        ], on: &state)
        #expect(state.events.map(\.slug) == ["early", "parcours-france-2017", "a-later", "b-later"])
        let slug = Fixtures.eventSlug
        #expect(state.teams(eventSlug: slug, challengeId: nil).map(\.id) == [1, 2])
        #expect(state.teams(eventSlug: slug, challengeId: 3).map(\.id) == [2])
        #expect(state.teams(eventSlug: "early", challengeId: 3).isEmpty)
        #expect(state.ideas(eventSlug: slug, challengeId: nil, teamId: nil).map(\.id) == [1, 2])
        #expect(state.ideas(eventSlug: slug, challengeId: team.challengeId, teamId: nil) == [idea])
        #expect(state.ideas(eventSlug: slug, challengeId: nil, teamId: 2).map(\.title) == ["Symbiose"])
        #expect(state.ideas(eventSlug: slug, challengeId: 1, teamId: 2).isEmpty)
        #expect(state.territories(eventSlug: "early").isEmpty)

        // Moving an event's date moves it in the listing.
        try Fixtures.run([.updateEvent(slug: "early", EventPatch(date: "2030-01-01"))], on: &state)
        #expect(state.events.map(\.slug) == ["parcours-france-2017", "a-later", "b-later", "early"])
    }

    @Test func patchesKeepWhatTheyDoNotName() throws {
        var (state, team, _) = try Fixtures.demoWithTeamAndIdea()
        try Fixtures.run([
            .updateTeam(id: team.id, TeamPatch(members: [Person(name: "Zoé"), Person(name: "Ana", role: "design")])),
            .updateChallenge(id: 1, ChallengePatch(context: "Nouveau contexte")),
            .updateTerritory(slug: "orleans", TerritoryPatch(representative: Person(name: "Frédéric Ros", role: "président"))),
        ], on: &state)
        #expect(state.team(id: team.id)?.name == team.name)
        #expect(state.team(id: team.id)?.members.map(\.name) == ["Zoé", "Ana"])
        #expect(state.challenge(id: 1)?.themes == ["numérique", "entrepreneuriat", "tiers-lieu"])
        #expect(state.challenge(id: 1)?.context == "Nouveau contexte")
        #expect(state.territory(slug: "orleans")?.name == "Orléans-Val de Loire Technopôle (Orléans Métropole)")
        #expect(state.territory(slug: "orleans")?.representative.role == "président")
    }

    @Test func farAndOutOfOrderIdsStillWork() throws {
        var (state, team, _) = try Fixtures.demoWithTeamAndIdea()
        let far = Idea(id: 5_000_000, teamId: team.id, challengeId: team.challengeId, title: "Loin", pitch: "", body: "",
                       revision: 1, createdAt: 7, updatedAt: 7)
        let near = Idea(id: 3, teamId: team.id, challengeId: team.challengeId, title: "Près", pitch: "", body: "",
                        revision: 1, createdAt: 8, updatedAt: 8)
        state.restore(idea: far)
        state.restore(idea: near)
        #expect(state.idea(id: 5_000_000) == far)
        #expect(state.idea(id: 2) == nil)
        #expect(state.ideaCount == 3)
        #expect(state.ideas(eventSlug: Fixtures.eventSlug, challengeId: nil, teamId: team.id).map(\.id) == [1, 3, 5_000_000])
        let next = try #require(Fixtures.ideaOf(state.decide(.createIdea(IdeaDraft(teamId: team.id, title: "Suivante")), at: 9)))
        #expect(next.id == 5_000_001)
    }

    @Test func applyingAnUpdateTwiceRecordsItsRevisionOnce() throws {
        var (state, _, idea) = try Fixtures.demoWithTeamAndIdea()
        let change = try state.decide(.updateIdea(id: idea.id, IdeaPatch(body: "v2")), at: 5_000)
        state.apply(change)
        state.apply(change)
        #expect(state.revisions(ideaId: idea.id).map(\.revision) == [1, 2])
    }
}
