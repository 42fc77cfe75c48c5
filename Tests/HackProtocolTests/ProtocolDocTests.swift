import Foundation
import HackProtocol
import Testing

/// The markdown tables of docs/PROTOCOL.md: header cells, then rows of cells.
private struct MarkdownTable {
    var header: [String]
    var rows: [[String]]
}

private func markdownTables(_ text: String) -> [MarkdownTable] {
    func cells(_ line: Substring) -> [String] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let inner = trimmed.dropFirst().dropLast()  // the outer pipes
        return inner.split(separator: "|", omittingEmptySubsequences: false).map { cell in
            cell.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        }
    }
    var tables: [MarkdownTable] = []
    var current: [[String]] = []
    let lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false) + [""]  // "" ends the last table
    for line in lines {
        if line.trimmingCharacters(in: .whitespaces).hasPrefix("|") {
            current.append(cells(line))
        } else if !current.isEmpty {
            // Row 1 is the |---| separator.
            tables.append(MarkdownTable(header: current[0], rows: Array(current.dropFirst(2))))
            current = []
        }
    }
    return tables
}

@Suite("docs/PROTOCOL.md")
struct ProtocolDocTests {
    private static func table(_ first: String, _ second: String) throws -> MarkdownTable {
        let tables = markdownTables(try repositoryFile("docs/PROTOCOL.md"))
        let matching = tables.filter { $0.header.starts(with: [first, second]) }
        try #require(matching.count == 1, "one table headed | \(first) | \(second) |")
        return matching[0]
    }

    @Test func frameKindTableMatchesTheEnum() throws {
        var documented: [Int] = []
        for row in try Self.table("kind", "name").rows {
            let number = try #require(Int(row[0]), "kind \(row[0])")
            let kind = try #require(FrameKind(knownByte: UInt8(clamping: number)), "kind \(number) is not a FrameKind")
            #expect(kind.rawValue == number)
            #expect(kind.name == row[1], "kind \(number)")
            documented.append(number)
        }
        // Every kind a frame may carry is documented, once, in order.
        #expect(documented == wireKinds.map(\.rawValue))
    }

    @Test func statusCodeTableMatchesTheEnum() throws {
        let doc = try repositoryFile("docs/PROTOCOL.md")
        var documented: [Int] = []
        for row in try Self.table("code", "name").rows {
            let number = try #require(Int(row[0]), "code \(row[0])")
            let code = try #require(StatusCode.allCases.first { $0.rawValue == number }, "code \(number)")
            #expect(code.name == row[1], "code \(number)")
            documented.append(number)
        }
        #expect(documented == documented.sorted())
        #expect(Set(documented).count == documented.count)

        // "Codes 2, 7, ... and 16 keep their gRPC meaning": with the table, every code.
        let sentence = try #require(doc.firstMatch(of: try Regex(#"Codes ([\d, and]+) keep their gRPC meaning"#)))
        let reserved = sentence.output[1].substring!.split { !$0.isNumber }.compactMap { Int($0) }
        #expect(Set(reserved).isDisjoint(with: documented))
        #expect(Set(reserved).union(documented) == Set(StatusCode.allCases.map(\.rawValue)))
    }

    @Test func documentedDefaultLimitMatchesTheDecoder() throws {
        let doc = try repositoryFile("docs/PROTOCOL.md")
        #expect(doc.contains("4 MiB = 4,194,304"))
        #expect(FrameDecoder.defaultMaxFrameBytes == 4_194_304)
    }
}
