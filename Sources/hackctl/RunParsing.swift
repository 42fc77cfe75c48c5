import ArgumentParser
import Foundation

// Parsers of the run controls' arguments; like Parsing.swift, each throws a
// ValidationError that says what was expected.

/// `--by 10m`, `--by -5m`, `--by +1h30m`: a duration with an optional sign.
enum SignedDurationText {
    static let syntax = "a duration like 10m, -5m, 90s or 1h30m (negative shortens)"

    static func parseMilliseconds(_ text: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let negative = trimmed.hasPrefix("-")
        let unsigned = negative || trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        let ms: UInt64
        do {
            ms = try DurationText.parseMilliseconds(unsigned)
        } catch {
            throw ValidationError("expected \(syntax), got '\(text)'")
        }
        guard ms <= UInt64(Int64.max) else { throw ValidationError("duration '\(text)' is too long") }
        return negative ? -Int64(ms) : Int64(ms)
    }
}

/// When to start an event, as `--at` gives it: "HH:MM" or "HH:MM:SS" on the
/// event's date, "YYYY-MM-DD HH:MM[:SS]", both in the event's time zone, or
/// ISO 8601 with an offset.
enum StartTime: Equatable {
    /// Unix milliseconds: the text carried its offset.
    case instant(Int64)
    /// A wall-clock time in the event's time zone, on `date` ("YYYY-MM-DD"),
    /// or on the event's date when nil.
    case local(date: String?, hour: Int, minute: Int, second: Int)

    static let syntax = "HH:MM, HH:MM:SS (on the event's date), \"YYYY-MM-DD HH:MM\" (in the event's time zone) "
        + "or ISO 8601 with an offset like 2017-10-10T11:00:00+02:00"

    static func parse(_ text: String) throws -> StartTime {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let ms = TimeText.iso8601Milliseconds(trimmed) { return .instant(ms) }
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        let date: String?
        let clock: Substring
        switch words.count {
        case 1:
            (date, clock) = (nil, words[0])
        case 2:
            guard let day = try? DateText.parse(String(words[0])) else { throw invalid(text) }
            (date, clock) = (day, words[1])
        default:
            throw invalid(text)
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else { throw invalid(text) }
        let second = parts.count == 3 ? Int(parts[2]) ?? 60 : 0
        guard second < 60 else { throw invalid(text) }
        return .local(date: date, hour: hour, minute: minute, second: second)
    }

    private static func invalid(_ text: String) -> ValidationError {
        ValidationError("expected a start time as \(syntax), got '\(text)'")
    }

    /// Unix milliseconds, for an event in `zone` on `eventDate` ("YYYY-MM-DD");
    /// nil when the date does not exist or the time does not in that zone.
    func milliseconds(eventDate: String, in zone: TimeZone) -> Int64? {
        switch self {
        case .instant(let ms):
            return ms
        case .local(let date, let hour, let minute, let second):
            let day = (date ?? eventDate).split(separator: "-").compactMap { Int($0) }
            guard day.count == 3 else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let components = DateComponents(year: day[0], month: day[1], day: day[2], hour: hour, minute: minute, second: second)
            guard components.isValidDate(in: calendar), let moment = calendar.date(from: components) else { return nil }
            return Int64((moment.timeIntervalSince1970 * 1000).rounded())
        }
    }
}
