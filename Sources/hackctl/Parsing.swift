import ArgumentParser
import Foundation
import HackProtocol

// Every parser of argument text lives here; each throws a ValidationError
// whose message says what was expected.

/// Durations as people write them (`1h55m`, `45s`, `100ms`): HackProtocol's
/// parser, its complaint turned into a ValidationError.
enum DurationText {
    static let syntax = HackProtocol.DurationText.syntax

    /// Milliseconds in `text`; "0" only when `allowZero`.
    static func parseMilliseconds(_ text: String, allowZero: Bool = false) throws -> UInt64 {
        do {
            return try HackProtocol.DurationText.parseMilliseconds(text, allowZero: allowZero)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `--phase "KIND DURATION [@HH:MM] [NAME…]"`, e.g. `"hack 1h55m @11:05 Hack"`.
enum PhaseSpec {
    static let kinds: [(word: String, kind: Hack_V1_PhaseKind)] = [
        ("intro", .intro), ("hack", .hack), ("synthesis", .synthesis),
        ("break", .break), ("restitution", .restitution), ("custom", .custom),
    ]

    static let help = ArgumentHelp(
        "One agenda step, in order: \"KIND DURATION [@HH:MM] [NAME]\". Repeat for each phase.",
        discussion: """
            KIND is one of \(kinds.map(\.word).joined(separator: ", ")). DURATION is \(DurationText.syntax). \
            @HH:MM is the planned start in the event's time zone (optional). NAME is the rest of \
            the text (optional; default: the kind, capitalized). \
            Example: --phase "intro 30m @09:30 Accueil" --phase "hack 1h55m @11:05 Hack". \
            On update, the phases given replace the whole agenda.
            """,
        valueName: "phase"
    )

    static func parse(_ text: String) throws -> Hack_V1_Phase {
        let usage = "expected \"KIND DURATION [@HH:MM] [NAME]\" (e.g. \"hack 1h55m @11:05 Hack\")"
        var rest = Substring(text)
        func nextWord() -> Substring? {
            rest = rest.drop(while: \.isWhitespace)
            guard !rest.isEmpty else { return nil }
            let word = rest.prefix(while: { !$0.isWhitespace })
            rest = rest.dropFirst(word.count)
            return word
        }
        guard let kindWord = nextWord(), let durationWord = nextWord() else {
            throw ValidationError("\(usage), got '\(text)'")
        }
        guard let kind = kinds.first(where: { $0.word == kindWord.lowercased() })?.kind else {
            throw ValidationError("unknown phase kind '\(kindWord)': use one of \(kinds.map(\.word).joined(separator: ", "))")
        }
        var phase = Hack_V1_Phase()
        phase.kind = kind
        phase.durationMs = try DurationText.parseMilliseconds(String(durationWord))
        let beforeStart = rest
        if let word = nextWord(), word.hasPrefix("@") {
            phase.plannedStart = try ClockTime.parse(String(word.dropFirst()))
        } else {
            rest = beforeStart
        }
        let name = rest.trimmingCharacters(in: .whitespaces)
        phase.name = name.isEmpty ? Text.kindName(kind).capitalized : name
        return phase
    }
}

/// "HH:MM", 00:00 to 23:59.
enum ClockTime {
    static func parse(_ text: String) throws -> String {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              parts[0].count <= 2, parts[1].count == 2, (0..<24).contains(hours), (0..<60).contains(minutes)
        else { throw ValidationError("expected a planned start as @HH:MM (00:00 to 23:59), got '@\(text)'") }
        return (hours < 10 ? "0" : "") + "\(hours):" + parts[1]
    }
}

/// "YYYY-MM-DD": only the shape is checked here; hackd checks the calendar.
enum DateText {
    static func parse(_ text: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { throw ValidationError("expected a date as YYYY-MM-DD (e.g. 2017-10-10), got '\(text)'") }
        return text
    }
}

/// "Name[:role]", split at the first colon; both sides trimmed.
enum PersonSpec {
    static let syntax = "\"NAME[:ROLE]\", e.g. \"Ada Lovelace:dev\""

    static func parse(_ text: String) throws -> Hack_V1_Person {
        var person = Hack_V1_Person()
        if let colon = text.firstIndex(of: ":") {
            person.name = text[..<colon].trimmingCharacters(in: .whitespaces)
            person.role = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else {
            person.name = text.trimmingCharacters(in: .whitespaces)
        }
        guard !person.name.isEmpty else { throw ValidationError("expected \(syntax), got '\(text)' (the name is empty)") }
        return person
    }
}

/// A challenge named by its id or by the slug of the territory posing it.
enum ChallengeRef: Equatable {
    case id(UInt64)
    case territory(String)

    static func parse(_ text: String) throws -> ChallengeRef {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = UInt64(trimmed) {
            guard id > 0 else { throw ValidationError("a challenge id is at least 1, got '\(text)'") }
            return .id(id)
        }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw ValidationError("expected a challenge id (e.g. 3) or a territory slug (e.g. saint-omer), got '\(text)'")
        }
        return .territory(trimmed)
    }
}

/// Ids of teams, ideas and challenges: positive integers.
enum IdText {
    static func parse(_ text: String) throws -> UInt64 {
        guard let id = UInt64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
            throw ValidationError("expected a numeric id (1, 2, …), got '\(text)'")
        }
        return id
    }
}

/// Roles as people write them: admin, organiser, moderator, territory,
/// juror, team, observer ("organizer" too).
enum RoleText {
    static let roles: [(word: String, role: Hack_V1_Role)] = [
        ("admin", .admin), ("organiser", .organiser), ("moderator", .moderator), ("territory", .territory),
        ("juror", .juror), ("team", .team), ("observer", .observer),
    ]

    static var names: String { roles.map(\.word).joined(separator: ", ") }

    static func parse(_ text: String) throws -> Hack_V1_Role {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word == "organizer" { return .organiser }
        guard let role = roles.first(where: { $0.word == word })?.role else {
            throw ValidationError("unknown role '\(text)': use one of \(names)")
        }
        return role
    }
}

/// Points in time: ISO 8601 (`2017-10-10T11:05:00+02:00`, `…Z`, with or
/// without fractional seconds) or a duration counted from now, forwards
/// (`--expires 8h`) or backwards (`--since 15m`).
enum TimeText {
    static let syntax = "an ISO 8601 time like 2017-10-10T11:05:00+02:00 or \(DurationText.syntax)"

    /// Unix milliseconds of an ISO 8601 date-time with its offset; nil when `text` is not one.
    static func iso8601Milliseconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }

    /// `text` as ISO 8601, else as a duration after (`sign` 1) or before (-1) `now`.
    static func parseMilliseconds(_ text: String, durationSign sign: Int64, now: Date = Date()) throws -> Int64 {
        if let ms = iso8601Milliseconds(text) { return ms }
        let duration: UInt64
        do {
            duration = try DurationText.parseMilliseconds(text)
        } catch {
            throw ValidationError("expected \(syntax), got '\(text)'")
        }
        guard duration < UInt64(Int64.max / 2) else { throw ValidationError("duration '\(text)' is too long") }
        return Int64((now.timeIntervalSince1970 * 1000).rounded()) + sign * Int64(duration)
    }

    /// `--expires`: a time, or a duration from now.
    static func parseExpiry(_ text: String) throws -> Int64 { try parseMilliseconds(text, durationSign: 1) }

    /// `--since`: a time, or a duration ago.
    static func parseSince(_ text: String) throws -> Int64 { try parseMilliseconds(text, durationSign: -1) }
}
