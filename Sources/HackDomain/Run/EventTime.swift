import Foundation

/// Instants read and written in the event's own time zone: the agenda is
/// planned in local wall-clock time, and messages speak the venue's time.
extension Event {
    /// The instants the agenda's phases are planned to start, by index (nil when unplanned).
    public var plannedStarts: [Millis?] {
        guard let calendar = calendar else { return agenda.map { _ in nil } }
        return agenda.map { phase in
            guard let time = phase.plannedStart else { return nil }
            let components = DateComponents(year: date.year, month: date.month, day: date.day,
                                            hour: time.hour, minute: time.minute)
            guard let instant = calendar.date(from: components) else { return nil }
            return Millis((instant.timeIntervalSince1970 * 1000).rounded())
        }
    }

    /// "13:00:00" in the event's time zone; prefixed by the day when it is not the event's date.
    public func localTimeText(_ millis: Millis) -> String {
        guard let calendar else { return "\(millis) ms" }
        let instant = Date(timeIntervalSince1970: Double(millis) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let time = "\(padded(parts.hour ?? 0, to: 2)):\(padded(parts.minute ?? 0, to: 2)):\(padded(parts.second ?? 0, to: 2))"
        let day = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        guard let day, day != date else { return time }
        return "\(day) \(time)"
    }

    /// The phase as messages name it: `phase 2 « Hack »`.
    public func phaseLabel(_ index: Int) -> String {
        guard agenda.indices.contains(index) else { return "phase \(index + 1)" }
        return "phase \(index + 1) « \(agenda[index].displayName) »"
    }

    private var calendar: Calendar? {
        guard let zone = TimeZone(identifier: timeZone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
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
