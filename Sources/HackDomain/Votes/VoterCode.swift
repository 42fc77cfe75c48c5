/// A one-time code handed to someone in the audience: it lets its holder vote
/// once in each challenge of its event. The state keeps only an opaque hash
/// of it (the server hashes; the code itself is shown once, when issued).
public struct VoterCode: Sendable, Equatable {
    public let id: Int64
    public let eventSlug: String
    /// 32 bytes; unique across the server, so a presented code is found by it.
    public let hash: [UInt8]
    public let createdAt: Millis

    public init(id: Int64, eventSlug: String, hash: [UInt8], createdAt: Millis) {
        self.id = id
        self.eventSlug = eventSlug
        self.hash = hash
        self.createdAt = createdAt
    }
}

/// One code's vote in one challenge: a code votes at most once per challenge.
public struct Vote: Sendable, Equatable {
    public let codeId: Int64
    public let challengeId: Int64
    public let ideaId: Int64
    public let at: Millis

    public init(codeId: Int64, challengeId: Int64, ideaId: Int64, at: Millis) {
        self.codeId = codeId
        self.challengeId = challengeId
        self.ideaId = ideaId
        self.at = at
    }
}

/// Voter codes as people read and type them: 12 characters from an alphabet
/// without the look-alikes 0/O, 1/I/L, printed in groups of four
/// ("K7MQ-4XTP-9HRW"). Typed codes are normalised: case, dashes and spaces
/// do not matter. 31 symbols × 12 positions ≈ 59 bits: not guessable online.
public enum VoterCodeText {
    public static let alphabet: [Character] = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 12
    public static let groupLength = 4
    /// "K7MQ4XTP9HRW" → "K7MQ-4XTP-9HRW".
    public static func format(_ normalised: String) -> String {
        var groups: [String] = []
        var rest = Substring(normalised)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(groupLength)))
            rest = rest.dropFirst(groupLength)
        }
        return groups.joined(separator: "-")
    }

    /// The code as issued (12 upper-case symbols of the alphabet), or why the input is not one.
    /// The message never says whether a code exists: it is about the shape only.
    public static func normalise(_ input: String) throws(DomainError) -> String {
        guard input.unicodeScalars.count <= InputLimits.voterCodeInputMaxLength else {
            throw .invalid("code", "must be \(length) letters and digits, as printed (e.g. K7MQ-4XTP-9HRW)")
        }
        var symbols = ""
        for character in input where !(character == "-" || character.isWhitespace) {
            // ASCII first: upper-casing it always gives one character.
            guard character.isASCII, case let upper = Character(character.uppercased()), alphabet.contains(upper) else {
                throw .invalid("code", "voter codes use only the digits 2 to 9 and the letters A to Z but I, L and O")
            }
            symbols.append(upper)
        }
        guard symbols.count == length else {
            throw .invalid("code", "must be \(length) letters and digits, as printed (e.g. K7MQ-4XTP-9HRW), got \(symbols.count)")
        }
        return symbols
    }
}
