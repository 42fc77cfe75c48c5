import Foundation

/// Instants read and written in the event's own time zone: the agenda is
/// planned in local wall-clock time, and messages speak the venue's time.
extension Event {
    /// The instants the agenda's phases are planned to start, by index (nil
    /// when unplanned), on the event's date.
    public var plannedStarts: [Millis?] { plannedStarts(on: date) }

    /// The planned starts for a run: on the day it started (or is scheduled
    /// to), so an event rerun on another day (a rehearsal, the demo) is
    /// compared with its agenda's times of that day, not with another year.
    public func plannedStarts(for run: EventRun) -> [Millis?] {
        plannedStarts(on: runDay(run) ?? date)
    }

    /// The day an instant falls on, in the event's time zone.
    public func localDate(of millis: Millis) -> LocalDate? {
        ZoneCalendars.shared.day(of: millis, in: timeZone)
    }

    private func plannedStarts(on day: LocalDate) -> [Millis?] {
        ZoneCalendars.shared.instants(of: agenda.map(\.plannedStart), on: day, in: timeZone)
    }

    /// "13:00:00" in the event's time zone; prefixed by the day when it is
    /// not the day the run started (or is scheduled to), else the event's date.
    public func localTimeText(_ millis: Millis, for run: EventRun) -> String {
        localTimeText(millis, day: runDay(run))
    }

    /// The day the run started, or is scheduled to start, in the event's time zone.
    public func runDay(_ run: EventRun) -> LocalDate? {
        (run.startedAt ?? run.scheduledStart).flatMap(localDate(of:))
    }

    /// "13:00:00" in the event's time zone; prefixed by the day when it is not `day` (default: the event's date).
    public func localTimeText(_ millis: Millis, day: LocalDate? = nil) -> String {
        guard let calendar else { return "\(millis) ms" }
        let instant = Date(timeIntervalSince1970: Double(millis) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let time = "\(padded(parts.hour ?? 0, to: 2)):\(padded(parts.minute ?? 0, to: 2)):\(padded(parts.second ?? 0, to: 2))"
        let on = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        guard let on, on != (day ?? date) else { return time }
        return "\(on) \(time)"
    }

    /// The phase as messages name it: `phase 2 « Hack »`.
    public func phaseLabel(_ index: Int) -> String {
        guard agenda.indices.contains(index) else { return "phase \(index + 1)" }
        return "phase \(index + 1) « \(agenda[index].displayName) »"
    }

    private var calendar: Calendar? { ZoneCalendars.shared.calendar(timeZone) }
}

extension Phase {
    /// Its name, or for an unnamed phase its kind's.
    public var displayName: String {
        if !name.isEmpty { return name }
        return switch kind {
        case .intro: "Introduction"
        case .hack: "Hack"
        case .synthesis: "Synthèse"
        case .pause: "Pause"
        case .restitution: "Restitution"
        case .custom: "Étape"
        }
    }
}
