import Foundation
import HackProtocol

/// How an event's run looks on screen: the summary the run controls print,
/// the run part of `event show`, and the words for its transitions.
enum RunView {
    /// One or two lines: status and phase, then what is left and when it ends
    /// (at the run's `as_of_ms`), e.g.
    /// "running: phase 2/5 « Hack »" / "01:54:59 left, ends at 12:59:59".
    static func summary(_ event: Hack_V1_Event) -> [String] {
        let run = event.run
        let zone = Text.zone(of: event)
        let status = Text.statusName(run.status)
        let phase = Text.phaseLabel(event, run.phaseIndex)
        switch run.status {
        case .running:
            return ["\(status): phase \(phase)",
                    "\(Text.countdown(ms: run.remainingMs)) left, ends at \(Text.clock(ms: run.phaseEndsAtMs, in: zone, reference: run.asOfMs))"]
        case .paused:
            return ["\(status): phase \(phase)",
                    "\(Text.countdown(ms: run.remainingMs)) left, frozen since \(Text.clock(ms: run.pausedAtMs, in: zone, reference: run.asOfMs))"]
        case .ready:
            return ["\(status): starts at \(Text.clock(ms: run.scheduledStartMs, in: zone, reference: run.asOfMs))"
                + " (in \(Text.countdown(ms: run.scheduledStartMs - run.asOfMs)))"]
        case .finished:
            return ["\(status) at \(Text.clock(ms: run.finishedAtMs, in: zone, reference: run.asOfMs))"]
        case .draft, .unspecified, .UNRECOGNIZED:
            return ["\(status): not started (\(Text.count(event.agenda.count, "phase")))"]
        }
    }

    /// The summary, or the event as JSON: what every run control prints.
    static func print(_ event: Hack_V1_Event, json: Bool) throws {
        if json { return try Output.json(event) }
        for line in summary(event) { Output.line(line) }
    }

    /// The agenda as planned and as it runs: one row per phase.
    static func agendaTable(_ event: Hack_V1_Event) -> Table {
        let run = event.run
        let zone = Text.zone(of: event)
        let started = run.status == .running || run.status == .paused
        var table = Table("", "#", "KIND", "NAME", "PLANNED", "DURATION", "START", "END", "DRIFT", rightAligned: [1, 5])
        for (index, phase) in event.agenda.enumerated() {
            let timing = index < run.phases.count ? run.phases[index] : Hack_V1_PhaseTiming()
            let marker = started && index == Int(run.phaseIndex) ? (run.status == .paused ? "‖" : "▶") : (timing.ended ? "✓" : "")
            // As planned; then what it really lasted, or the extensions it got.
            var duration = Text.duration(ms: phase.durationMs)
            let ran = UInt64(max(timing.durationMs, 0) + 500) / 1000 * 1000
            if timing.ended {
                duration += " (ran \(Text.duration(ms: ran)))"
            } else if timing.durationMs > 0, UInt64(timing.durationMs) != phase.durationMs {
                let delta = timing.durationMs - Int64(clamping: phase.durationMs)
                duration += " (\(delta < 0 ? "-" : "+")\(Text.duration(ms: delta.magnitude)))"
            }
            table.add(
                marker, String(index + 1), Text.kindName(phase.kind), phase.name, Text.orDash(phase.plannedStart), duration,
                time(timing.startMs, real: timing.started, zone: zone, event: event),
                time(timing.endMs, real: timing.ended, zone: zone, event: event),
                timing.startMs != 0 && timing.plannedStartMs != 0 ? Text.drift(ms: timing.driftMs) : "-"
            )
        }
        return table
    }

    /// A real time as "11:07", a projected one as "~11:07"; "-" when unknown.
    private static func time(_ ms: Int64, real: Bool, zone: TimeZone, event: Hack_V1_Event) -> String {
        guard ms != 0 else { return "-" }
        return (real ? "" : "~") + Text.clock(ms: ms, in: zone, onDate: event.date, seconds: false)
    }

    /// "skipped phase 1/5 « Intro » (Alice)", as a watcher lists changes.
    static func describe(_ transition: Hack_V1_RunTransition, in event: Hack_V1_Event) -> String {
        let phase = "phase " + Text.phaseLabel(event, transition.phaseIndex)
        let zone = Text.zone(of: event)
        let what: String = switch transition.kind {
        case .scheduled: "scheduled to start at \(Text.clock(ms: transition.startAtMs, in: zone, reference: transition.atMs))"
        case .unscheduled: "unscheduled"
        case .started: "started: \(phase)"
        case .phaseStarted: "\(phase) started"
        case .paused: "paused \(phase)"
        case .resumed: "resumed \(phase)"
        case .extended: "\(transition.deltaMs < 0 ? "shortened" : "extended") \(phase) by \(Text.duration(ms: transition.deltaMs.magnitude))"
        case .skipped: "skipped \(phase)"
        case .finished: "finished"
        case .unspecified, .UNRECOGNIZED: "run changed"
        }
        return transition.by.isEmpty ? what : "\(what) (\(transition.by))"
    }
}

extension Text {
    static func statusName(_ status: Hack_V1_RunStatus) -> String {
        switch status {
        case .unspecified: "unknown"
        case .draft: "draft"
        case .ready: "ready"
        case .running: "running"
        case .paused: "paused"
        case .finished: "finished"
        case .UNRECOGNIZED(let value): "status-\(value)"
        }
    }

    /// The event's time zone; UTC when hackd names one this machine does not know.
    static func zone(of event: Hack_V1_Event) -> TimeZone {
        TimeZone(identifier: event.timeZone) ?? .gmt
    }

    /// "2/5 « Hack »": the 1-based number of the phase at `index`, of how many, and its name.
    static func phaseLabel(_ event: Hack_V1_Event, _ index: UInt32) -> String {
        let number = "\(Int(index) + 1)/\(event.agenda.count)"
        return Int(index) < event.agenda.count ? "\(number) « \(event.agenda[Int(index)].name) »" : number
    }

    /// A countdown as HH:MM:SS ("01:42:13", "00:04:05"), whole seconds rounded up; 0 below 0.
    static func countdown(ms: Int64) -> String {
        let seconds = (max(ms, 0) + 999) / 1000
        return [seconds / 3600, seconds / 60 % 60, seconds % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }

    /// How far a time is from its plan, in whole minutes: "+3 min", "-1 h 5 min", "on time".
    static func drift(ms: Int64) -> String {
        let minutes = (ms.magnitude + 30_000) / 60_000
        guard minutes > 0 else { return "on time" }
        let (days, hours, rest) = (minutes / 1440, minutes / 60 % 24, minutes % 60)
        var parts: [String] = []
        if days > 0 { parts.append("\(days) d") }
        if hours > 0 { parts.append("\(hours) h") }
        if rest > 0 { parts.append("\(rest) min") }
        return (ms < 0 ? "-" : "+") + parts.joined(separator: " ")
    }

    /// A wall-clock time in `zone`: "12:59:59", preceded by its date when
    /// that is not the local day of `reference` (Unix ms); "-" for 0.
    static func clock(ms: Int64, in zone: TimeZone, reference: Int64, seconds: Bool = true) -> String {
        clock(ms: ms, in: zone, onDate: localDate(ms: reference, in: zone), seconds: seconds)
    }

    /// A wall-clock time in `zone`, preceded by its date unless it is `date` ("YYYY-MM-DD").
    static func clock(ms: Int64, in zone: TimeZone, onDate date: String, seconds: Bool = true) -> String {
        guard ms != 0 else { return "-" }
        let time = format(ms: ms, in: zone, seconds ? "HH:mm:ss" : "HH:mm")
        let day = localDate(ms: ms, in: zone)
        return day == date ? time : "\(day) \(time)"
    }

    /// "YYYY-MM-DD" of `ms` in `zone`.
    static func localDate(ms: Int64, in zone: TimeZone) -> String { format(ms: ms, in: zone, "yyyy-MM-dd") }

    /// `ms` formatted with a DateFormatter `pattern` in `zone`.
    static func format(ms: Int64, in zone: TimeZone, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
