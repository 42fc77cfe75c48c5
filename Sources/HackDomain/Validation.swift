import Foundation

/// Field-level checks shared by every command. Each throws a `DomainError`
/// whose message names the wire field and the rule it breaks.
enum Validate {
    static func slug(_ value: String, field: String) throws(DomainError) {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty else { throw .invalid(field, "must not be empty") }
        guard InputLimits.slugLength.contains(bytes.count) else {
            throw .invalid(field, "must be between \(InputLimits.slugLength.lowerBound) and \(InputLimits.slugLength.upperBound) characters")
        }
        var previousWasHyphen = true  // a leading hyphen is refused like a doubled one
        for byte in bytes {
            let isHyphen = byte == UInt8(ascii: "-")
            guard isSlugWordByte(byte) || (isHyphen && !previousWasHyphen) else {
                throw .invalid(field, "must be lowercase letters and digits in words joined by single hyphens")
            }
            previousWasHyphen = isHyphen
        }
        guard !previousWasHyphen else {
            throw .invalid(field, "must be lowercase letters and digits in words joined by single hyphens")
        }
    }

    /// A lowercase ASCII letter or digit: what a slug's words are made of.
    static func isSlugWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// A name or title: required, one line.
    static func name(_ value: String, field: String) throws(DomainError) {
        guard !isBlank(value) else {
            throw .invalid(field, "must not be empty")
        }
        try singleLine(value, field: field, maxLength: InputLimits.nameMaxLength)
    }

    /// Optional one-line text: venue, theme, role.
    static func shortText(_ value: String, field: String) throws(DomainError) {
        try singleLine(value, field: field, maxLength: InputLimits.shortTextMaxLength)
    }

    /// Optional multi-line text: tabs and line breaks are fine, other control characters are not.
    static func longText(_ value: String, field: String, maxLength: Int) throws(DomainError) {
        try length(value, field: field, maxLength: maxLength)
        if containsControl(value, allowingTabAndBreaks: true) {
            throw .invalid(field, "must not contain control characters other than tab and line breaks")
        }
    }

    static func singleLine(_ value: String, field: String, maxLength: Int) throws(DomainError) {
        try length(value, field: field, maxLength: maxLength)
        if containsControl(value, allowingTabAndBreaks: false) {
            throw .invalid(field, "must not contain control characters")
        }
    }

    /// At most `maxLength` Unicode scalars. A scalar is 1 to 4 UTF-8 bytes,
    /// so text of no more bytes than that passes without counting scalars.
    static func length(_ value: String, field: String, maxLength: Int) throws(DomainError) {
        guard value.utf8.count <= maxLength || value.unicodeScalars.count <= maxLength else {
            throw .invalid(field, "must be at most \(maxLength) characters")
        }
    }

    static func timeZone(_ value: String, field: String) throws(DomainError) {
        guard isKnownTimeZone(value) else {
            throw .invalid(field, "\"\(value)\" is not a known IANA time zone")
        }
    }

    static func date(_ value: String, field: String) throws(DomainError) -> LocalDate {
        guard let date = LocalDate(value) else {
            throw .invalid(field, "\"\(value)\" is not a real calendar date in the form YYYY-MM-DD")
        }
        return date
    }

    static func themes(_ values: [String], field: String) throws(DomainError) {
        guard values.count <= InputLimits.themesMaxCount else {
            throw .invalid(field, "must list at most \(InputLimits.themesMaxCount) themes")
        }
        for (index, theme) in values.enumerated() {
            let itemField = "\(field)[\(index)]"
            guard !isBlank(theme) else {
                throw .invalid(itemField, "must not be empty")
            }
            try singleLine(theme, field: itemField, maxLength: InputLimits.themeMaxLength)
        }
    }

    static func person(_ person: Person, field: String) throws(DomainError) {
        try name(person.name, field: "\(field).name")
        try shortText(person.role, field: "\(field).role")
    }

    static func members(_ members: [Person], field: String) throws(DomainError) {
        guard members.count <= InputLimits.membersMaxCount else {
            throw .invalid(field, "must list at most \(InputLimits.membersMaxCount) members")
        }
        for (index, member) in members.enumerated() {
            try person(member, field: "\(field)[\(index)]")
        }
    }

    /// Parses and checks a whole agenda: phase count, names, durations, and
    /// that planned starts (when given) never go back in time.
    static func agenda(_ drafts: [PhaseDraft], field: String) throws(DomainError) -> [Phase] {
        let count = InputLimits.agendaPhaseCount
        guard count.contains(drafts.count) else {
            throw .invalid(field, "must list between \(count.lowerBound) and \(count.upperBound) phases")
        }
        var phases: [Phase] = []
        phases.reserveCapacity(drafts.count)
        var latestStart: LocalTime?
        for (index, draft) in drafts.enumerated() {
            let prefix = "\(field)[\(index)]"
            if draft.kind == .custom {
                try name(draft.name, field: "\(prefix).name")
            } else {
                try singleLine(draft.name, field: "\(prefix).name", maxLength: InputLimits.nameMaxLength)
            }
            var start: LocalTime?
            if !draft.plannedStart.isEmpty {
                guard let parsed = LocalTime(draft.plannedStart) else {
                    throw .invalid("\(prefix).planned_start", "\"\(draft.plannedStart)\" is not a time in the form HH:MM between 00:00 and 23:59")
                }
                if let latestStart, parsed < latestStart {
                    throw .invalid("\(prefix).planned_start", "must not be earlier than the previous planned start \(latestStart)")
                }
                latestStart = parsed
                start = parsed
            }
            let duration = InputLimits.phaseDurationMs
            guard duration.contains(draft.durationMs) else {
                throw .invalid("\(prefix).duration_ms", "must be between \(duration.lowerBound) and \(duration.upperBound)")
            }
            phases.append(Phase(kind: draft.kind, name: draft.name, plannedStart: start, durationMs: draft.durationMs))
        }
        return phases
    }

    /// Unicode general category Cc (C0, DEL, C1): a fixed set that Unicode
    /// promises never to change, so it is tested by value (asking the
    /// scalar's properties costs a table lookup per character).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether the text holds a control character (`isControl`), read from
    /// its UTF-8 bytes rather than decoded scalar by scalar: C0 and DEL are
    /// single bytes, C1 (U+0080–U+009F) is 0xC2 then 0x80–0x9F.
    /// Eight bytes at a time skip what cannot hold one (most text); only a
    /// word with a byte below 0x20, 0x7F or 0xC2, or right after a 0xC2, is
    /// read byte by byte.
    static func containsControl(_ value: String, allowingTabAndBreaks: Bool) -> Bool {
        var text = value  // native text: its own bytes, not a copy
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var index = 0
            while raw.count &- index >= 8 {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if mayHoldControl(word) || (index > 0 && raw[index &- 1] == 0xC2),
                   holdsControl(raw, from: index, to: index &+ 8, allowingTabAndBreaks) {
                    return true
                }
                index &+= 8
            }
            return holdsControl(raw, from: index, to: raw.count, allowingTabAndBreaks)
        }
    }

    /// The bytes from `start` to `end`, one by one (a 0xC2 just before
    /// `start` counts: its C1 character may straddle the boundary).
    private static func holdsControl(_ raw: UnsafeRawBufferPointer, from start: Int, to end: Int,
                                     _ allowingTabAndBreaks: Bool) -> Bool {
        var afterC2 = start > 0 && raw[start &- 1] == 0xC2
        var index = start
        while index < end {
            let byte = raw[index]
            index &+= 1
            if afterC2, byte < 0xA0 { return true }
            afterC2 = byte == 0xC2
            if byte == 0x7F { return true }
            if byte < 0x20, !(allowingTabAndBreaks && (byte == 0x09 || byte == 0x0A || byte == 0x0D)) { return true }
        }
        return false
    }

    /// Whether any of eight bytes is below 0x20, 0x7F or 0xC2 (exact, with
    /// the usual "has a zero byte" arithmetic).
    private static func mayHoldControl(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let hasByteBelow0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return hasByteBelow0x20 || hasZeroByte(word ^ (ones &* 0x7F)) || hasZeroByte(word ^ (ones &* 0xC2))
    }

    /// Only white space (or nothing): what trimming would leave empty. A
    /// visible ASCII character settles it without Foundation.
    static func isBlank(_ value: String) -> Bool {
        if value.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// The canonical IANA zones, read once.
private let canonicalTimeZones = Set(TimeZone.knownTimeZoneIdentifiers)

/// A name the IANA database knows. `TimeZone(identifier:)` alone also accepts
/// abbreviations ("PST") and offsets ("GMT+1"), which are not zone names, so
/// beyond resolving, the name must be canonical, "UTC", or an "Area/Location"
/// link that resolves to itself (e.g. "US/Pacific", "Etc/UTC").
func isKnownTimeZone(_ identifier: String) -> Bool {
    if canonicalTimeZones.contains(identifier) { return true }
    if identifier == "UTC" { return true }
    guard identifier.contains("/"), let zone = TimeZone(identifier: identifier) else { return false }
    return zone.identifier == identifier
}
