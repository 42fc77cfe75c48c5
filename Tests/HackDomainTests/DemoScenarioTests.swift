import HackDomain
import Testing

@Suite struct DemoScenarioTests {
    @Test func decidesAndAppliesCleanly() throws {
        let state = try Fixtures.demoState()
        #expect(state.events.count == 1)
        let event = try #require(state.event(slug: "parcours-france-2017"))
        #expect(event.name == "Hackathon #OpenTerritoires — PARCOURS FRANCE 2017")
        #expect(event.venue == "Espace Champerret, Paris")
        #expect(event.timeZone == "Europe/Paris")
        #expect(event.date.description == "2017-10-10")
        #expect(event.theme == "Territoires de startups – accélérer l'innovation locale")
        #expect(event.agenda.count == 5)
        #expect(event.agenda.map(\.kind) == [.intro, .hack, .synthesis, .pause, .restitution])
        #expect(event.agenda.map { $0.plannedStart?.description } == ["11:00", "11:05", "13:00", "14:00", "15:00"])
        #expect(event.agenda.map(\.durationMs) == [5, 115, 60, 60, 45].map { Int64($0) * 60_000 })
        #expect(event.agenda[2].name == "Synthèse (espace réservé, territoire + modérateur)")
        #expect(state.territories(eventSlug: nil).count == 3)
        #expect(state.territorySlugs(eventSlug: event.slug) == ["haute-saintonge", "orleans", "saint-omer"])
        #expect(state.challenges(eventSlug: event.slug).count == 3)
        #expect(state.teams(eventSlug: event.slug, challengeId: nil).isEmpty)
        #expect(state.ideas(eventSlug: event.slug, challengeId: nil, teamId: nil).isEmpty)
    }

    @Test func accentedNamesRoundTripExactly() throws {
        let state = try Fixtures.demoState()
        let saintOmer = try #require(state.territory(slug: "saint-omer"))
        #expect(Array(saintOmer.name.unicodeScalars) == Array("Communauté d'agglomération du pays de Saint-Omer".unicodeScalars))
        #expect(saintOmer.representative == Person(name: "Aurélien Brietz", role: "spécialiste du numérique, DSI"))
        let orleans = try #require(state.territory(slug: "orleans"))
        #expect(Array(orleans.name.utf8) == Array("Orléans-Val de Loire Technopôle (Orléans Métropole)".utf8))
        let challenge = try #require(state.challenges(eventSlug: Fixtures.eventSlug).first { $0.territorySlug == "haute-saintonge" })
        #expect(challenge.themes == ["économie circulaire", "déchets", "énergie"])
    }

    @Test func replayingTheDemoIsRefused() throws {
        let state = try Fixtures.demoState()
        let error = try #require(refusal(of: DemoScenario.parcoursFrance2017[0], in: state))
        #expect(error.kind == .alreadyExists)
    }
}
