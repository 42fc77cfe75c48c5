/// Durations as people write them: `1h55m`, `5m`, `45s`, `100ms`, `1m30s`.
/// Shared by hackctl's arguments and hackd's options, so both read the
/// same words the same way.
public enum DurationText {
    private static let units: [(suffix: String, ms: UInt64)] = [("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)]

    public static let syntax = "a duration like 1h55m, 5m, 45s or 100ms (units h, m, s, ms, largest first)"

    /// Why a text is not a duration, in words fit for a command line.
    public struct InvalidDuration: Error, CustomStringConvertible {
        public let description: String
    }

    /// Milliseconds in `text`; "0" only when `allowZero`.
    public static func parseMilliseconds(_ text: String, allowZero: Bool = false) throws(InvalidDuration) -> UInt64 {
        let trimmed = text.trimmedOfWhitespace
        if allowZero, trimmed == "0" { return 0 }
        var rest = trimmed
        var total: UInt64 = 0
        var nextUnit = 0  // units must come largest first, each at most once
        guard !rest.isEmpty else { throw InvalidDuration(description: "expected \(syntax), got an empty string") }
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, let value = UInt64(digits) else {
                throw InvalidDuration(description: "expected \(syntax), got '\(text)'")
            }
            rest = rest.dropFirst(digits.count)
            let letters = rest.prefix(while: { $0.isASCII && $0.isLetter })
            rest = rest.dropFirst(letters.count)
            guard let index = units.firstIndex(where: { $0.suffix == letters.lowercased() }), index >= nextUnit else {
                throw InvalidDuration(description: "expected \(syntax), got '\(text)'")
            }
            nextUnit = index + 1
            let (product, overflow1) = value.multipliedReportingOverflow(by: units[index].ms)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow1, !overflow2 else { throw InvalidDuration(description: "duration '\(text)' is too long") }
            total = sum
        }
        guard total > 0 || allowZero else { throw InvalidDuration(description: "duration '\(text)' must be longer than 0") }
        return total
    }
}

extension String {
    /// Without leading and trailing whitespace (no Foundation needed).
    var trimmedOfWhitespace: Substring {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return slice
    }
}
