import ArgumentParser
import Foundation
import HackClient
import HackProtocol

struct SynthesisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthesis",
        abstract: "Write, co-sign and read each territory's synthesis.",
        subcommands: [Save.self, CoSign.self, Show.self, List.self, Revisions.self]
    )
}

/// The challenge whose synthesis a command is about: an id, or the slug of the territory posing it.
struct SynthesisTarget: ParsableArguments {
    @Argument(help: ArgumentHelp("The challenge: its id or the slug of the territory posing it.", valueName: "id|territory"),
              transform: ChallengeRef.parse)
    var challenge: ChallengeRef
    @OptionGroup var scope: ChallengeOptions

    func id(_ client: Client) throws -> UInt64 {
        try client.challengeId(challenge, event: scope.event)
    }
}

extension SynthesisCommand {
    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save the synthesis of a challenge (during synthesis); every save is a revision.",
            discussion: """
                A save replaces the synthesis; the options not given keep their current value \
                (--clear-retained empties the retained ideas). Example: hackctl synthesis save saint-omer \
                --summary-file synthese.md --retain 3:"Réaliste dès 2018" --retain 7:"Fédère le territoire" \
                --next-steps "Étude de faisabilité"
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: SynthesisTarget
        @Option(help: "The summary (long text).") var summary: String?
        @Option(help: ArgumentHelp("Read the summary from a UTF-8 file (\"-\": standard input).", valueName: "path"))
        var summaryFile: String?
        @Option(name: .customLong("retain"), parsing: .singleValue,
                help: ArgumentHelp("A retained idea and why, in order; repeat for each.", valueName: "idea:reason"),
                transform: RetainText.parse)
        var retained: [Hack_V1_RetainedIdea] = []
        @Flag(help: "Retain no idea.") var clearRetained = false
        @Option(help: "What comes next (long text).") var nextSteps: String?

        func validate() throws {
            if summary != nil, summaryFile != nil { throw ValidationError("give --summary or --summary-file, not both") }
            if clearRetained, !retained.isEmpty { throw ValidationError("give --retain or --clear-retained, not both") }
        }

        func run() throws {
            let text = try summaryFile.map { try TextFile.read($0, option: "--summary-file") } ?? summary
            try global.withClient { client in
                var request = Hack_V1_SaveSynthesisRequest()
                request.challengeID = try target.id(client)
                let current = try SynthesisView.current(request.challengeID, client: client)
                request.summary = text ?? current?.summary ?? ""
                request.retained = clearRetained ? [] : retained.isEmpty
                    ? (current?.retained ?? []).map { item in .with { $0.ideaID = item.ideaID; $0.reason = item.reason } }
                    : retained
                request.nextSteps = nextSteps ?? current?.nextSteps ?? ""
                try SynthesisView.show(try client.call(Methods.Syntheses.save, request), client: client)
            }
        }
    }

    struct CoSign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cosign",
            abstract: "Co-sign a synthesis as its territory's representative (during synthesis).",
            discussion: "Without --revision, the latest revision as read now; refused if another save came since."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: SynthesisTarget
        @Option(help: ArgumentHelp("The revision read and approved.", valueName: "n")) var revision: UInt32?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_CoSignSynthesisRequest()
                request.challengeID = try target.id(client)
                if let revision {
                    request.revision = revision
                } else {
                    var get = Hack_V1_GetSynthesisRequest()
                    get.challengeID = request.challengeID
                    request.revision = try client.call(Methods.Syntheses.get, get).revision
                }
                try SynthesisView.show(try client.call(Methods.Syntheses.coSign, request), client: client)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the synthesis of a challenge.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: SynthesisTarget

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_GetSynthesisRequest()
                request.challengeID = try target.id(client)
                try SynthesisView.show(try client.call(Methods.Syntheses.get, request), client: client)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the syntheses of an event this token may read.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The event (default: the only event on the server).", valueName: "slug"))
        var event: String?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListSynthesesRequest()
                request.eventSlug = try client.eventSlug(event)
                let syntheses = try client.call(Methods.Syntheses.list, request).syntheses
                if client.json { return try Output.json(syntheses) }
                let timeZone = try client.timeZone(ofEvent: request.eventSlug)
                var table = Table("CHALLENGE", "TERRITORY", "REV", "SIGNED", "RETAINED", "UPDATED", "AUTHOR", rightAligned: [0, 2, 4])
                for synthesis in syntheses {
                    table.add(String(synthesis.challengeID), synthesis.territorySlug, String(synthesis.revision),
                              SynthesisView.signature(synthesis), String(synthesis.retained.count),
                              Text.timestamp(ms: synthesis.updatedAtMs, in: timeZone), synthesis.author)
                }
                table.print()
            }
        }
    }

    struct Revisions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every revision of a synthesis, oldest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: SynthesisTarget

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListSynthesisRevisionsRequest()
                request.challengeID = try target.id(client)
                let revisions = try client.call(Methods.Syntheses.listRevisions, request).revisions
                if client.json { return try Output.json(revisions) }
                let timeZone = try client.timeZone(ofChallenge: request.challengeID)
                var table = Table("REV", "AT", "AUTHOR", "RETAINED", "CO-SIGNED", "SUMMARY", rightAligned: [0, 3])
                for revision in revisions {
                    table.add(String(revision.revision), Text.timestamp(ms: revision.updatedAtMs, in: timeZone), revision.author,
                              String(revision.retained.count), Text.orDash(revision.signedBy), Text.summary(revision.summary))
                }
                table.print()
            }
        }
    }
}
