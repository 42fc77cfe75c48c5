import HackDomain
import HackStorage
import Testing

/// Syntheses on disk: the current row with its co-signature, every revision
/// with its retained ideas in order, accents intact.
@Suite struct SynthesisStorageTests {
    static let slug = DemoScenario.eventSlug
    static let minute: Millis = 60_000
    /// 2017-10-10 11:00 Europe/Paris.
    static let eleven: Millis = 1_507_626_000_000

    @Test func synthesesAndTheirRevisionsSurviveCloseAndReopen() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            var state = HackState()
            try store.commit(decideAll(DemoScenario.parcoursFrance2017, on: &state, from: 1_000))
            let save = { (summary: String, retained: [RetainedIdea]) in
                Command.saveSynthesis(SynthesisDraft(challengeId: 1, summary: summary, retained: retained,
                                                     nextSteps: "Présentation au conseil communautaire"), author: "Modération Saint-Omer")
            }
            let steps: [(Command, Millis)] = [
                (.controlRun(eventSlug: Self.slug, .start, by: "Orga"), Self.eleven),
                (.createTeam(TeamDraft(challengeId: 1, name: "Les Audomarois")), Self.eleven + 1),
                (.createIdea(IdeaDraft(teamId: 1, title: "Rayonnement régional")), Self.eleven + 10 * Self.minute),
                (.createIdea(IdeaDraft(teamId: 1, title: "Fab Lab")), Self.eleven + 11 * Self.minute),
                (.advanceRun(eventSlug: Self.slug), Self.eleven + 125 * Self.minute),
                (save("Première version", [RetainedIdea(ideaId: 2, reason: "Ouverte à tous"),
                                          RetainedIdea(ideaId: 1, reason: "Fédère le territoire")]), Self.eleven + 130 * Self.minute),
                (.coSignSynthesis(challengeId: 1, revision: 1, by: "François Decoster"), Self.eleven + 135 * Self.minute),
                (save("Deuxième version, « définitive »", [RetainedIdea(ideaId: 1, reason: "Élue à l'unanimité")]), Self.eleven + 140 * Self.minute),
            ]
            for (command, at) in steps {
                let change = try state.decide(command, at: at)
                state.apply(change)
                try store.commit([change])
            }
            store.close()

            let loaded = try HackStore(path: path).loadState()
            #expect(loaded == state)
            let current = try #require(loaded.synthesis(challengeId: 1))
            #expect(current.summary == "Deuxième version, « définitive »" && current.revision == 2)
            #expect(current.retained == [RetainedIdea(ideaId: 1, reason: "Élue à l'unanimité")])
            #expect(current.signedRevision == 1 && current.signedBy == "François Decoster")
            #expect(current.signedAt == Self.eleven + 135 * Self.minute)
            let revisions = loaded.synthesisRevisions(challengeId: 1)
            #expect(revisions.map(\.revision) == [1, 2])
            #expect(revisions[0].retained.map(\.ideaId) == [2, 1])
            #expect(revisions.map(\.signedRevision) == [1, 0])
            #expect(revisions[1].author == "Modération Saint-Omer")
            #expect(loaded.syntheses(eventSlug: Self.slug).map(\.challengeId) == [1])
        }
    }
}
