import Foundation
import HackDomain
import HackStorage
import Testing

/// Opt-in (slow): `HACKD_BENCH=1 swift test -c release --filter loadsAMillionIdeas`.
/// Commits a million ideas over 300 teams, then times `loadState()`; the target is under 2 s.
@Test(.enabled(if: ProcessInfo.processInfo.environment["HACKD_BENCH"] != nil))
func loadsAMillionIdeas() throws {
    try withDatabasePath { path in
        let store = try HackStore(path: path)
        defer { store.close() }
        var state = HackState()
        try store.commit(decideAll(DemoScenario.parcoursFrance2017, on: &state, from: 1_000))
        let teams = (0..<300).map { Command.createTeam(TeamDraft(challengeId: Int64($0 % 3 + 1), name: "Team \($0)")) }
        try store.commit(decideAll(teams, on: &state, from: 2_000))

        var batch: [Change] = []
        for index in 0..<1_000_000 {
            let team = state.team(id: Int64(index % 300 + 1))!
            batch.append(.ideaCreated(Idea(
                id: Int64(index + 1), teamId: team.id, challengeId: team.challengeId, title: "Idée \(index)",
                pitch: "Un pitch court pour l'idée \(index)", body: "Corps de l'idée \(index), avec quelques mots.",
                revision: 1, createdAt: 5, updatedAt: 5)))
            if batch.count == 20_000 {
                try store.commit(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        let start = Date()
        let loaded = try store.loadState()
        let seconds = Date().timeIntervalSince(start)
        print("loadState: \(loaded.ideaCount) ideas in \(seconds) s")
        #expect(loaded.ideaCount == 1_000_000)
    }
}
