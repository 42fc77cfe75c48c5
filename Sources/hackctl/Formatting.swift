import Foundation
import HackProtocol
import SwiftProtobuf

// Every piece of output formatting lives here: tables, key/value views,
// durations, timestamps and JSON.

/// Writes to stdout and stderr.
enum Output {
    static func line(_ text: String = "") {
        print(text)
    }

    /// Pushes buffered output out now: streams print as things happen.
    static func flush() {
        fflush(nil)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The JSON options of every --json output (documented in `hackctl --help`).
    static let jsonOptions: JSONEncodingOptions = {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        options.alwaysPrintInt64sAsNumbers = true
        options.useDeterministicOrdering = true
        return options
    }()

    /// One resource: a JSON object on one line.
    static func json(_ message: some SwiftProtobuf.Message) throws {
        line(try message.jsonString(options: jsonOptions))
    }

    /// A list: a JSON array on one line (`[]` when empty).
    static func json<M: SwiftProtobuf.Message>(_ messages: [M]) throws {
        line(try M.jsonString(from: messages, options: jsonOptions))
    }
}

/// An aligned text table. Widths count grapheme clusters ("Synthèse" is 8
/// columns whatever its bytes), so accented names line up.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned to the right (numbers).
    var rightAligned: Set<Int> = []

    init(_ headers: String..., rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ cells: String...) { rows.append(cells) }

    func render() -> String {
        let all = [headers] + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Text.width(cell)) }
        }
        return all.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - Text.width(cell))
                if index > 0 { line += "  " }
                line += rightAligned.contains(index) ? padding + cell : cell + padding
            }
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }

    func print() { Output.line(render()) }
}

/// "label  value" lines with the values aligned; multi-line values are
/// indented under their first line.
struct Details {
    private var pairs: [(String, String)] = []

    mutating func add(_ label: String, _ value: String) { pairs.append((label, value)) }

    func render() -> String {
        let width = pairs.map { Text.width($0.0) }.max() ?? 0
        let indent = String(repeating: " ", count: width + 2)
        return pairs.map { label, value in
            let padded = label + String(repeating: " ", count: width - Text.width(label)) + "  "
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            return padded + lines.joined(separator: "\n" + indent)
        }.joined(separator: "\n")
    }

    func print() { Output.line(render()) }
}

/// Human renderings of protocol values.
enum Text {
    /// Columns a string takes: its grapheme clusters.
    static func width(_ text: String) -> Int { text.count }

    /// 6_900_000 → "1h55m", 45_000 → "45s", 100 → "100ms", 0 → "0s".
    static func duration(ms: UInt64) -> String {
        guard ms > 0 else { return "0s" }
        let parts: [(UInt64, String)] = [
            (ms / 3_600_000, "h"), (ms / 60_000 % 60, "m"), (ms / 1_000 % 60, "s"), (ms % 1_000, "ms"),
        ]
        return parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined()
    }

    /// "5 phases", "1 phase".
    static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    static func kindName(_ kind: Hack_V1_PhaseKind) -> String {
        switch kind {
        case .unspecified: "unspecified"
        case .intro: "intro"
        case .hack: "hack"
        case .synthesis: "synthesis"
        case .break: "break"
        case .restitution: "restitution"
        case .custom: "custom"
        case .UNRECOGNIZED(let value): "kind-\(value)"
        }
    }

    static func roleName(_ role: Hack_V1_Role) -> String {
        switch role {
        case .unspecified: "unspecified"
        case .admin: "admin"
        case .organiser: "organiser"
        case .moderator: "moderator"
        case .territory: "territory"
        case .juror: "juror"
        case .team: "team"
        case .observer: "observer"
        case .UNRECOGNIZED(let value): "role-\(value)"
        }
    }

    /// What a token applies to, as hackd --demo writes it:
    /// "parcours-france-2017/saint-omer", "parcours-france-2017/team 1",
    /// "parcours-france-2017/challenges 1,2"; "-" for the server (admin).
    static func scope(_ token: Hack_V1_Token) -> String {
        var parts: [String] = []
        if !token.eventSlug.isEmpty { parts.append(token.eventSlug) }
        if !token.territorySlug.isEmpty { parts.append(token.territorySlug) }
        if token.teamID != 0 { parts.append("team \(token.teamID)") }
        if !token.challengeIds.isEmpty {
            parts.append((token.challengeIds.count == 1 ? "challenge " : "challenges ")
                + token.challengeIds.map(String.init).joined(separator: ","))
        }
        return orDash(parts.joined(separator: "/"))
    }

    /// "hack.v1.Ideas/Update" → "Ideas/Update", for tables.
    static func methodName(_ method: String) -> String {
        let prefix = "hack.v1."
        return method.hasPrefix(prefix) ? String(method.dropFirst(prefix.count)) : method
    }

    /// "Name #12": who did something, as the audit log names tokens.
    static func holder(name: String, id: UInt64) -> String { "\(name) #\(id)" }

    /// "Name (role)", or "Name".
    static func person(_ person: Hack_V1_Person) -> String {
        person.role.isEmpty ? person.name : "\(person.name) (\(person.role))"
    }

    /// Unix milliseconds in the event's time zone, with its offset, e.g.
    /// "2017-10-10 11:05:00 +02:00"; "-" for 0.
    static func timestamp(ms: Int64, in timeZone: TimeZone) -> String {
        ms == 0 ? "-" : format(ms: ms, in: timeZone, "yyyy-MM-dd HH:mm:ss xxx")
    }

    /// "" shown as "-" in tables.
    static func orDash(_ text: String) -> String { text.isEmpty ? "-" : text }

    /// The first line of a long text, cut to `limit` characters.
    static func summary(_ text: String, limit: Int = 50) -> String {
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return first.count > limit ? String(first.prefix(limit - 1)) + "…" : orDash(first)
    }
}
