import HackDomain
import HackStorage
import Testing

/// Many ideas are read in two halves of their ids, on two connections at
/// once: the state must be exactly the one a single pass rebuilds.
@Suite struct IdeasInTwoHalvesTests {
    @Test func twoHalvesLoadTheStateOnePassLoads() throws {
        try withDatabasePath { path in
            let store = try HackStore(path: path)
            defer { store.close() }
            var state = try HackStoreTests.buildRichHistory(into: store)
            // 150 more ideas on both teams (ids 3…152, the middle id 76), then edits on both sides
            // of the middle id and at both ends: their earlier revisions must follow.
            let ideas = (0..<150).map { index in
                Command.createIdea(IdeaDraft(teamId: Int64(index % 2 + 1), title: "Idée n°\(index)",
                                             pitch: "Pitch accentué é\(index)", body: "Corps\n\(index)"))
            }
            try store.commit(decideAll(ideas, on: &state, from: 5_000))
            let edits = [3, 50, 76, 77, 120, 152].flatMap { id in
                (1...2).map { step in Command.updateIdea(id: Int64(id), IdeaPatch(title: "Idée \(id) v\(step + 1)")) }
            }
            try store.commit(decideAll(edits, on: &state, from: 6_000))

            let inOnePass = try store.loadState(ideasInTwoHalvesFrom: .max)
            let inTwoHalves = try store.loadState(ideasInTwoHalvesFrom: 2)
            #expect(inOnePass == state)
            #expect(inTwoHalves == state)
            #expect(inTwoHalves.revisions(ideaId: 77).map(\.title) == ["Idée n°74", "Idée 77 v2", "Idée 77 v3"])
            #expect(inTwoHalves.revisions(ideaId: 152).count == 3)
            #expect(inTwoHalves.revisions(ideaId: 1).count == 4)
        }
    }
}
