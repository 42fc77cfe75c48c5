/// docs/PHASES.md, rendered from the `GatedAction` table: the document
/// cannot say what the gates do not.
public enum PhaseGateDocument {
    public static func render() -> String {
        var lines = [
            "# What each phase allows",
            "",
            "Generated from `GatedAction` in `Sources/HackDomain/Run/PhaseGate.swift` (a test checks",
            "this file against the code; `HACKD_UPDATE_DOCS=1 swift test --filter PhaseGateDocumentTests`",
            "rewrites it).",
            "",
            "An event runs draft → ready → running ⇄ paused → finished. While running it is in one",
            "phase of its agenda at a time; each phase has a kind (intro, hack, synthesis, break,",
            "restitution, custom). A write is allowed only in the run states, and phase kinds, below.",
            "Gates are decided on the server clock when the write is decided: a write decided in the",
            "millisecond a phase ends is refused, whether or not the timer has fired yet.",
            "",
            "| action | run states | phase kinds |",
            "|--------|------------|-------------|",
        ]
        for action in GatedAction.allCases {
            let (statuses, kinds) = action.rule
            let kindText = kinds.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "any"
            lines.append("| \(action.rawValue) | \(statuses.map(\.rawValue).joined(separator: ", ")) | \(kindText) |")
        }
        lines += [
            "",
            "Reads are never gated by the phase: who may read what is docs/PERMISSIONS.md.",
            "",
            "A refused write is `FAILED_PRECONDITION` with a message naming the current phase and",
            "when the action opens or closed, in the event's time zone, e.g.:",
            "",
            "    idea submission closed at 13:00:00 when phase 2 « Hack » ended; now: phase 3 « Synthèse »",
            "    idea submission opens when phase 2 « Hack » starts (planned at 11:05:00); the event has not started (draft)",
            "    idea submission is suspended while the event is paused (since 12:10:03, now: phase 2 « Hack », paused)",
            "",
            "Run controls (`Events/Start`, `Schedule`, `Pause`, `Resume`, `Extend`, `Skip`) have their",
            "own states: start and schedule from draft or ready; pause from running; resume from",
            "paused; extend and skip from running or paused. After finished, nothing changes.",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
