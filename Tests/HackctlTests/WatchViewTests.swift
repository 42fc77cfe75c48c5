import Foundation
import HackProtocol
import Testing
@testable import hackctl

@Suite("hackctl watch: big digits, state and live view")
struct WatchViewTests {
    @Test("big digits are five lines of equal width")
    func bigDigits() {
        let lines = BigDigits.render("01:42:13")
        #expect(lines.count == 5)
        #expect(Set(lines.map(\.count)).count == 1)
        #expect(lines[0].count == 6 * 5 + 2 * 3 + 7)
        #expect(BigDigits.width("01:42:13") == lines[0].count)
        #expect(lines.map { String($0.prefix(5)) } == ["█████", "█   █", "█   █", "█   █", "█████"])
        #expect(BigDigits.render("8") == ["█████", "█   █", "█████", "█   █", "█████"])
    }

    @Test("progress bars fill their width")
    func bars() {
        #expect(WatchView.bar(0.5, width: 10) == "█████░░░░░  50%")
        #expect(WatchView.bar(0, width: 4) == "░░░░   0%")
        #expect(WatchView.bar(2, width: 4) == "████ 100%")
    }

    @Test("a running phase counts down on the local clock between items")
    func runningCountdown() {
        var state = WatchState()
        _ = state.apply(snapshot(status: .running), receivedAtNs: 1_000_000_000)
        let now = state.serverNow(localNs: 1_000_000_000)
        #expect(now == RunFixture.now)
        let lines = WatchView.render(state, now: now, width: 80)
        #expect(lines[0].hasPrefix("Demo day"))
        #expect(lines[0].hasSuffix("demo"))
        #expect(lines[1].hasPrefix("Phase 2/5 « Hack »"))
        #expect(lines[1].hasSuffix("RUNNING"))
        #expect(contains(lines, BigDigits.render("01:42:13")))
        #expect(lines.contains { $0.hasPrefix("phase   ") && $0.contains("ends 12:42:13") })
        #expect(lines.contains { $0.hasPrefix("agenda  ") })
        #expect(lines.allSatisfy { Text.width($0) <= 80 })

        // 1.5 s later, with no item in between.
        let later = state.serverNow(localNs: 2_500_000_000)
        #expect(later == RunFixture.now + 1_500)
        #expect(contains(WatchView.render(state, now: later, width: 80), BigDigits.render("01:42:12")))
    }

    @Test("a paused phase is frozen and says so")
    func pausedIsFrozen() {
        var state = WatchState()
        _ = state.apply(snapshot(status: .paused), receivedAtNs: 0)
        let much = state.serverNow(localNs: 600_000_000_000)
        let lines = WatchView.render(state, now: much, width: 80, styled: true)
        #expect(contains(lines, BigDigits.render("01:42:13")))
        let status = lines[1]
        #expect(status.contains("PAUSED since 11:00:00"))
        #expect(status.hasPrefix(WatchView.emphasis.on))
        #expect(!WatchView.render(state, now: much, width: 80).joined().contains("\u{1B}"))
    }

    @Test("run updates, ideas and counts show in the latest changes and the idea table")
    func changes() {
        var state = WatchState()
        _ = state.apply(snapshot(status: .running), receivedAtNs: 0)

        var run = Hack_V1_RunUpdate()
        run.run = RunFixture.event(status: .running, phaseIndex: 2, now: RunFixture.now + 1_000, remainingMs: 3_600_000).run
        var skipped = Hack_V1_RunTransition()
        skipped.kind = .skipped
        skipped.atMs = RunFixture.now + 1_000
        skipped.phaseIndex = 1
        skipped.by = "Alice"
        var started = skipped
        started.kind = .phaseStarted
        started.phaseIndex = 2
        run.transitions = [skipped, started]
        var update = Hack_V1_EventUpdate()
        update.serverTimeMs = RunFixture.now + 1_000
        update.run = run
        let changes = state.apply(update, receivedAtNs: 1_000_000_000)
        #expect(changes.map(\.text) == ["skipped phase 2/5 « Hack » (Alice)", "phase 3/5 « Synthèse » started (Alice)"])

        var idea = Hack_V1_Idea()
        idea.id = 7
        idea.teamID = 1
        idea.title = "Vélos"
        idea.revision = 1
        update.idea = idea
        #expect(state.apply(update, receivedAtNs: 1_000_000_000).map(\.text) == ["idea \"Vélos\" posted by team \"Les Audomarois\""])

        var counts = Hack_V1_IdeaCounts()
        var count = Hack_V1_ChallengeIdeaCount()
        count.challengeID = 1
        count.ideas = 3
        count.teams = 2
        counts.challenges = [count]
        update.ideaCounts = counts
        #expect(state.apply(update, receivedAtNs: 1_000_000_000).isEmpty)

        let lines = WatchView.render(state, now: state.serverNow(localNs: 1_000_000_000), width: 100)
        #expect(lines.contains { $0.hasPrefix("Phase 3/5 « Synthèse »") })
        #expect(contains(lines, BigDigits.render("01:00:00")))
        #expect(lines.contains { $0.hasPrefix("  saint-omer") && $0.contains("Tourisme") && $0.hasSuffix("3      2") })
        let latest = lines.drop { $0 != "Latest" }.dropFirst()
        #expect(latest.first?.contains("idea \"Vélos\" posted") == true)
        #expect(latest.contains { $0.contains("skipped phase 2/5 « Hack » (Alice)") })
    }

    @Test("a lost connection shows until the next item; a new snapshot keeps non-run changes")
    func reconnecting() {
        var state = WatchState()
        _ = state.apply(snapshot(status: .running), receivedAtNs: 0)
        var update = Hack_V1_EventUpdate()
        var team = Hack_V1_Team()
        team.id = 2
        team.name = "Orléanais"
        team.challengeID = 1
        update.team = team
        update.serverTimeMs = RunFixture.now
        _ = state.apply(update, receivedAtNs: 0)
        state.connectionProblem = "reconnecting… (the server closed the connection)"
        #expect(WatchView.render(state, now: RunFixture.now, width: 80).last == "⟳ reconnecting… (the server closed the connection)")
        _ = state.apply(snapshot(status: .running), receivedAtNs: 0)
        #expect(state.connectionProblem == nil)
        #expect(state.recent.map(\.text) == ["team \"Orléanais\" joined challenge \"Tourisme durable\""])
    }

    private func snapshot(status: Hack_V1_RunStatus) -> Hack_V1_EventUpdate {
        var snapshot = Hack_V1_EventSnapshot()
        snapshot.event = RunFixture.event(status: status, phaseIndex: 1, now: RunFixture.now, remainingMs: 6_133_000)
        if status == .paused { snapshot.event.run.pausedAtMs = RunFixture.now }
        var territory = Hack_V1_Territory()
        territory.slug = "saint-omer"
        territory.name = "Saint-Omer"
        snapshot.territories = [territory]
        var challenge = Hack_V1_Challenge()
        challenge.id = 1
        challenge.territorySlug = "saint-omer"
        challenge.title = "Tourisme durable"
        snapshot.challenges = [challenge]
        var team = Hack_V1_Team()
        team.id = 1
        team.name = "Les Audomarois"
        team.challengeID = 1
        snapshot.teams = [team]
        var update = Hack_V1_EventUpdate()
        update.serverTimeMs = RunFixture.now
        update.snapshot = snapshot
        return update
    }

    /// True when `block` appears in `lines` as consecutive lines (indentation aside).
    private func contains(_ lines: [String], _ block: [String]) -> Bool {
        guard block.count <= lines.count else { return false }
        return (0...(lines.count - block.count)).contains { start in
            zip(lines[start...], block).allSatisfy { line, row in
                line.trimmingCharacters(in: .whitespaces) == row.trimmingCharacters(in: .whitespaces)
            }
        }
    }
}
