import ArgumentParser
import HackProtocol

// Parsers of the judging arguments: criteria, scales and values.

/// `--criterion "KEY:NAME:WEIGHT"`, e.g. `"impact:Impact pour le territoire:3"`:
/// the key before the first colon, the weight after the last, the name between
/// (so a name may hold colons).
enum CriterionSpec {
    static let syntax = "\"KEY:NAME:WEIGHT\", e.g. \"impact:Impact pour le territoire:3\""

    static func parse(_ text: String) throws -> Hack_V1_Criterion {
        guard let first = text.firstIndex(of: ":"), let last = text.lastIndex(of: ":"), first < last else {
            throw ValidationError("expected \(syntax), got '\(text)'")
        }
        let key = text[..<first].trimmingCharacters(in: .whitespaces)
        let name = text[text.index(after: first)..<last].trimmingCharacters(in: .whitespaces)
        let weightText = text[text.index(after: last)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !name.isEmpty else { throw ValidationError("expected \(syntax), got '\(text)' (empty key or name)") }
        guard let weight = UInt32(weightText), weight > 0 else {
            throw ValidationError("expected \(syntax), got '\(text)' (the weight is a positive whole number)")
        }
        var criterion = Hack_V1_Criterion()
        criterion.key = key
        criterion.name = name
        criterion.weight = weight
        return criterion
    }
}

/// `--scale MIN-MAX`, e.g. `1-5`.
enum ScaleSpec {
    static func parse(_ text: String) throws -> ClosedRange<UInt32> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = UInt32(parts[0].trimmingCharacters(in: .whitespaces)),
              let high = UInt32(parts[1].trimmingCharacters(in: .whitespaces)), low < high
        else { throw ValidationError("expected a scale as MIN-MAX with MIN < MAX (e.g. 1-5), got '\(text)'") }
        return low...high
    }
}

/// `KEY=VALUE`: a criterion's value (`--value impact=4`) or description (`--description impact=…`).
enum KeyedText {
    static func split(_ text: String, option: String) throws -> (key: String, value: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("\(option): expected KEY=VALUE (e.g. impact=4), got '\(text)'")
        }
        return (String(text[..<equals]).trimmingCharacters(in: .whitespaces),
                String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
    }

    static func parseValue(_ text: String) throws -> Hack_V1_CriterionScore {
        let (key, valueText) = try split(text, option: "--value")
        guard let value = UInt32(valueText) else {
            throw ValidationError("--value: expected KEY=NUMBER (e.g. impact=4), got '\(text)'")
        }
        var score = Hack_V1_CriterionScore()
        score.criterion = key
        score.value = value
        return score
    }

    static func parseDescription(_ text: String) throws -> (key: String, value: String) {
        try split(text, option: "--description")
    }
}
