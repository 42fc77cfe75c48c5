import ArgumentParser
import Foundation
import HackClient
import HackProtocol

enum SynthesisView {
    static func show(_ synthesis: Hack_V1_Synthesis, client: Client) throws {
        if client.json { return try Output.json(synthesis) }
        let timeZone = try client.timeZone(ofEvent: synthesis.eventSlug)
        var details = Details()
        details.add("challenge", String(synthesis.challengeID))
        details.add("territory", synthesis.territorySlug)
        details.add("revision", String(synthesis.revision))
        details.add("author", synthesis.author)
        details.add("updated", Text.timestamp(ms: synthesis.updatedAtMs, in: timeZone))
        details.add("co-signed", signature(synthesis, in: timeZone))
        details.add("published", synthesis.published ? "yes (restitution has begun)" : "no")
        details.print()
        Output.line()
        Output.line(synthesis.summary.isEmpty ? "(no summary)" : synthesis.summary)
        Output.line()
        if synthesis.retained.isEmpty {
            Output.line("No idea retained.")
        } else {
            var table = Table("#", "IDEA", "TEAM", "TITLE", "REASON", rightAligned: [0, 1])
            for (index, item) in synthesis.retained.enumerated() {
                table.add(String(index + 1), String(item.ideaID), Text.orDash(item.teamName), Text.orDash(item.title),
                          Text.summary(item.reason, limit: 60))
            }
            table.print()
        }
        if !synthesis.nextSteps.isEmpty {
            Output.line()
            Output.line("Next steps:")
            Output.line(synthesis.nextSteps)
        }
    }

    /// "r3", "r3 (latest r4)", "-": which revision the territory co-signed.
    static func signature(_ synthesis: Hack_V1_Synthesis) -> String {
        guard synthesis.signedRevision != 0 else { return "-" }
        return synthesis.signedRevision == synthesis.revision
            ? "r\(synthesis.signedRevision)" : "r\(synthesis.signedRevision) (latest r\(synthesis.revision))"
    }

    /// "r3 by Name at …", with a warning when a later save is not co-signed.
    static func signature(_ synthesis: Hack_V1_Synthesis, in timeZone: TimeZone) -> String {
        guard synthesis.signedRevision != 0 else { return "no" }
        let signed = "r\(synthesis.signedRevision) by \(synthesis.signedBy) at \(Text.timestamp(ms: synthesis.signedAtMs, in: timeZone))"
        return synthesis.signedRevision == synthesis.revision ? signed : "\(signed); latest r\(synthesis.revision) is not co-signed"
    }

    /// The current synthesis, or nil if the challenge has none yet.
    static func current(_ challengeId: UInt64, client: Client) throws -> Hack_V1_Synthesis? {
        var request = Hack_V1_GetSynthesisRequest()
        request.challengeID = challengeId
        let result: Result<Hack_V1_Synthesis, ClientError>
        do throws(ClientError) {
            result = .success(try client.call(Methods.Syntheses.get, request))
        } catch {
            result = .failure(error)
        }
        if case .failure(let error) = result, error.status == .notFound { return nil }
        return try result.get()
    }
}

/// `--retain IDEA:REASON`, e.g. `--retain 3:"Réaliste dès 2018"`.
enum RetainText {
    static func parse(_ text: String) throws -> Hack_V1_RetainedIdea {
        guard let colon = text.firstIndex(of: ":"),
              let id = UInt64(text[..<colon].trimmingCharacters(in: .whitespaces)), id > 0
        else { throw ValidationError("--retain: expected IDEA:REASON (e.g. 3:\"Réaliste dès 2018\"), got '\(text)'") }
        let reason = String(text[text.index(after: colon)...])
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("--retain: say why idea \(id) is retained (IDEA:REASON)")
        }
        var retained = Hack_V1_RetainedIdea()
        retained.ideaID = id
        retained.reason = reason
        return retained
    }
}

/// Long texts given as a file ("-": standard input), UTF-8.
enum TextFile {
    static func read(_ path: String, option: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("\(option): cannot read '\(path)'")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(option): '\(path)' is not UTF-8 text") }
        return text
    }
}
