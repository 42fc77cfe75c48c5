import ArgumentParser
import Foundation
import HackClient
import HackProtocol

// Lookups several commands share: the default event, a challenge named by
// its territory, a text given inline or as a file.

extension Client {
    /// `--event` when given, else the only event on the server.
    func eventSlug(_ option: String?) throws -> String {
        if let option { return option }
        let events = try call(Methods.Events.list, Hack_V1_ListEventsRequest()).events
        switch events.count {
        case 1:
            return events[0].slug
        case 0:
            throw ValidationError("hackd at \(connection.address) has no event yet: create one with 'hackctl event create'")
        default:
            let slugs = events.map(\.slug).joined(separator: ", ")
            throw ValidationError("hackd at \(connection.address) has several events (\(slugs)): choose one with --event SLUG")
        }
    }

    /// The id of a challenge given as an id or as the slug of the
    /// territory posing it in the event.
    func challengeId(_ ref: ChallengeRef, event: String?) throws -> UInt64 {
        switch ref {
        case .id(let id):
            return id
        case .territory(let slug):
            let event = try eventSlug(event)
            var request = Hack_V1_ListChallengesRequest()
            request.eventSlug = event
            let matches = try call(Methods.Challenges.list, request).challenges.filter { $0.territorySlug == slug }
            switch matches.count {
            case 1:
                return matches[0].id
            case 0:
                throw ClientError(.notFound, "territory '\(slug)' poses no challenge in event '\(event)'")
            default:
                let ids = matches.map { String($0.id) }.joined(separator: ", ")
                throw ValidationError("territory '\(slug)' poses several challenges in event '\(event)' (ids \(ids)): give the id")
            }
        }
    }
}

/// `--body TEXT` or `--body-file PATH` ("-" reads stdin): nil when neither.
struct BodyOptions: ParsableArguments {
    @Option(name: .long, help: "The idea's body (long text, Markdown welcome).")
    var body: String?

    @Option(name: .long, help: ArgumentHelp("Read the body from a UTF-8 file (\"-\": standard input).", valueName: "path"))
    var bodyFile: String?

    func validate() throws {
        if body != nil, bodyFile != nil { throw ValidationError("give --body or --body-file, not both") }
    }

    func text() throws -> String? {
        if let body { return body }
        guard let bodyFile else { return nil }
        let data: Data
        if bodyFile == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: bodyFile) else {
                throw ValidationError("--body-file: cannot read '\(bodyFile)'")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("--body-file: '\(bodyFile)' is not UTF-8 text")
        }
        return text
    }
}
