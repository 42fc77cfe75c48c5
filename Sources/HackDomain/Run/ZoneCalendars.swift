import Foundation
import Synchronization

/// Calendar arithmetic in an event's time zone, remembered: ICU's answers
/// never change, and reads ask the same questions (the planned starts of an
/// agenda, the day a run started) on every call.
final class ZoneCalendars: Sendable {
    static let shared = ZoneCalendars()

    private struct StartsKey: Hashable {
        let zone: String
        let day: LocalDate
        let times: [LocalTime?]
    }

    private struct DayKey: Hashable {
        let zone: String
        let instant: Millis
    }

    private struct Memo {
        var calendars: [String: Calendar?] = [:]
        var starts: [StartsKey: [Millis?]] = [:]
        var days: [DayKey: LocalDate?] = [:]
    }

    /// Past this many remembered answers of a kind, they are forgotten
    /// (only a server with thousands of events would reach it).
    private static let capacity = 4_096
    private let memo = Mutex(Memo())

    /// The Gregorian calendar of `zone`; nil for an unknown identifier.
    func calendar(_ zone: String) -> Calendar? {
        if let known = memo.withLock({ $0.calendars[zone] }) { return known }
        let calendar = TimeZone(identifier: zone).map { zone in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            return calendar
        }
        memo.withLock { $0.calendars[zone] = calendar }
        return calendar
    }

    /// The instants at which `times` fall on `day` in `zone`.
    func instants(of times: [LocalTime?], on day: LocalDate, in zone: String) -> [Millis?] {
        let key = StartsKey(zone: zone, day: day, times: times)
        if let known = memo.withLock({ $0.starts[key] }) { return known }
        let calendar = calendar(zone)
        let instants = times.map { time -> Millis? in
            guard let time, let calendar else { return nil }
            let components = DateComponents(year: day.year, month: day.month, day: day.day,
                                            hour: time.hour, minute: time.minute)
            guard let instant = calendar.date(from: components) else { return nil }
            return Millis((instant.timeIntervalSince1970 * 1000).rounded())
        }
        memo.withLock { memo in
            if memo.starts.count >= Self.capacity { memo.starts.removeAll() }
            memo.starts[key] = instants
        }
        return instants
    }

    /// The day `instant` falls on in `zone`.
    func day(of instant: Millis, in zone: String) -> LocalDate? {
        let key = DayKey(zone: zone, instant: instant)
        if let known = memo.withLock({ $0.days[key] }) { return known }
        let day = calendar(zone).flatMap { calendar -> LocalDate? in
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(instant) / 1000))
            return LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        }
        memo.withLock { memo in
            if memo.days.count >= Self.capacity { memo.days.removeAll() }
            memo.days[key] = day
        }
        return day
    }
}
