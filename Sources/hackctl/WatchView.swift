import Foundation
import HackProtocol

/// The live view of `hackctl watch`: a pure function of the watcher's state
/// and the server clock now, so it can be tested without a terminal.
enum WatchView {
    /// Reverse video, for what must be seen from afar (PAUSED).
    static let emphasis = (on: "\u{1B}[7;1m", off: "\u{1B}[0m")

    /// The screen, one string per line, each at most `width` columns
    /// (escape sequences aside, with `styled`).
    static func render(_ state: WatchState, now: Int64, width: Int, styled: Bool = false) -> [String] {
        let width = max(width, 20)
        guard state.hasSnapshot else {
            return [state.connectionProblem.map { "⟳ \($0)" } ?? "waiting for hackd…"]
        }
        let event = state.event
        let zone = Text.zone(of: event)
        let (phase, status) = headline(state, now: now)
        var sections: [[String]] = [[spread(event.name, event.slug, width: width), spread(phase, status, width: width)]]
        if let remaining = state.remainingMs(at: now) {
            let digits = BigDigits.render(Text.countdown(ms: remaining))
            let indent = String(repeating: " ", count: max(0, (width - (digits.first?.count ?? 0)) / 2))
            sections.append(digits.map { indent + $0 })
        }
        sections.append(progress(state, now: now, width: width))
        let counts = ideaTable(state)
        if !counts.rows.isEmpty {
            sections.append(["Ideas"] + counts.render().split(separator: "\n").map { "  " + $0 })
        }
        if !state.recent.isEmpty {
            sections.append(["Latest"] + state.recent.reversed().map { "  \(Text.clock(ms: $0.atMs, in: zone, reference: now))  \($0.text)" })
        }
        if let problem = state.connectionProblem { sections.append(["⟳ \(problem)"]) }

        var lines = Array(sections.filter { !$0.isEmpty }.joined(separator: [""])).map { clip($0, width: width) }
        if styled, event.run.status == .paused {
            lines[1] = emphasis.on + lines[1] + emphasis.off
        }
        return lines
    }

    /// The bars of the phase and of the agenda, and the drift from the plan.
    static func progress(_ state: WatchState, now: Int64, width: Int) -> [String] {
        let run = state.event.run
        let zone = Text.zone(of: state.event)
        let progress = state.progress(at: now)
        let barWidth = max(10, min(40, width - 46))
        switch run.status {
        case .running, .paused:
            let ends = run.status == .running ? "ends \(Text.clock(ms: run.phaseEndsAtMs, in: zone, reference: now))" : "frozen"
            var agenda = "agenda  \(bar(progress.agenda, width: barWidth))"
            if let end = state.projectedEnd(at: now) {
                agenda += "  ends ~\(Text.clock(ms: end.atMs, in: zone, reference: now, seconds: false))"
                if let drift = end.driftMs { agenda += " (\(Text.drift(ms: drift)) vs plan)" }
            }
            var lines = ["phase   \(bar(progress.phase, width: barWidth))  \(ends)", agenda]
            let index = Int(run.phaseIndex)
            if index < run.phases.count, run.phases[index].plannedStartMs != 0 {
                lines.append("drift   phase \(index + 1) started \(Text.drift(ms: run.phases[index].driftMs)) vs plan")
            }
            return lines
        case .finished:
            return ["agenda  \(bar(1, width: barWidth))"]
        default:
            return []
        }
    }

    /// "Phase 2/5 « Hack »" and the status in capitals, PAUSED with since when.
    static func headline(_ state: WatchState, now: Int64) -> (String, String) {
        let run = state.event.run
        let zone = Text.zone(of: state.event)
        let phase = "Phase \(Text.phaseLabel(state.event, run.phaseIndex))"
        switch run.status {
        case .running:
            return (phase, "▶ RUNNING")
        case .paused:
            return (phase, "‖ PAUSED since \(Text.clock(ms: run.pausedAtMs, in: zone, reference: now))")
        case .ready:
            return ("Starts at \(Text.clock(ms: run.scheduledStartMs, in: zone, reference: now))", "READY")
        case .finished:
            return ("All \(Text.count(state.event.agenda.count, "phase")) done", "FINISHED")
        default:
            return ("Not started (\(Text.count(state.event.agenda.count, "phase")))", Text.statusName(run.status).uppercased())
        }
    }

    /// Ideas and teams with ideas per challenge, in challenge order, each
    /// challenge named by its territory's slug and the start of its title.
    static func ideaTable(_ state: WatchState) -> Table {
        var table = Table("TERRITORY", "CHALLENGE", "IDEAS", "TEAMS", rightAligned: [2, 3])
        let ids = Set(state.challenges.keys).union(state.ideaCounts.keys).sorted()
        for id in ids {
            let challenge = state.challenges[id]
            let count = state.ideaCounts[id]
            table.add(
                challenge.map(\.territorySlug) ?? "-",
                challenge.map { Text.summary($0.title, limit: 40) } ?? "#\(id)",
                String(count?.ideas ?? 0), String(count?.teams ?? 0)
            )
        }
        return table
    }

    /// "████████░░░░░░░░  42%": `fraction` (0 to 1) of `width` cells filled.
    static func bar(_ fraction: Double, width: Int) -> String {
        let clamped = min(max(fraction.isNaN ? 0 : fraction, 0), 1)
        let filled = Int((clamped * Double(width)).rounded(.down))
        let percent = Int((clamped * 100).rounded(.down))
        let label = String(repeating: " ", count: 3 - min(String(percent).count, 3)) + "\(percent)%"
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + " " + label
    }

    /// `left` and `right` on one line of `width`, right flush when it fits.
    static func spread(_ left: String, _ right: String, width: Int) -> String {
        let gap = width - Text.width(left) - Text.width(right)
        return gap >= 2 ? left + String(repeating: " ", count: gap) + right : left + "  " + right
    }

    /// At most `width` columns, "…" marking a cut.
    static func clip(_ line: String, width: Int) -> String {
        Text.width(line) <= width ? line : String(line.prefix(width - 1)) + "…"
    }
}
