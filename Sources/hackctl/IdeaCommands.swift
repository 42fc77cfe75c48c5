import ArgumentParser
import Foundation
import HackClient
import HackProtocol

struct IdeaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idea",
        abstract: "Create, list, show and update ideas; list their revisions.",
        subcommands: [Create.self, List.self, Show.self, Update.self, Revisions.self]
    )
}

extension IdeaCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post a team's idea (revision 1).",
            discussion: "Example: hackctl idea create --team 4 --title \"Vélos partagés\" --pitch \"Un vélo par gare\" --body-file idea.md"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The team posting it.", valueName: "id"), transform: IdText.parse) var team: UInt64
        @Option(help: "The idea's title.") var title: String
        @Option(help: "The idea in a sentence or two.") var pitch: String
        @OptionGroup var body: BodyOptions

        func run() throws {
            let text = try body.text()
            try global.withClient { client in
                var request = Hack_V1_CreateIdeaRequest()
                request.teamID = team
                request.title = title
                request.pitch = pitch
                request.body = text ?? ""
                try IdeaView.show(try client.call(Methods.Ideas.create, request), client: client)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the ideas of an event, a challenge or a team.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: ChallengeOptions
        @Option(help: ArgumentHelp("Only the ideas on this challenge (id or territory slug).", valueName: "id|territory"),
                transform: ChallengeRef.parse)
        var challenge: ChallengeRef?
        @Option(help: ArgumentHelp("Only the ideas of this team.", valueName: "id"), transform: IdText.parse) var team: UInt64?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListIdeasRequest()
                request.eventSlug = try client.eventSlug(scope.event)
                if let challenge { request.challengeID = try client.challengeId(challenge, event: request.eventSlug) }
                request.teamID = team ?? 0
                let ideas = try client.call(Methods.Ideas.list, request).ideas
                if client.json { return try Output.json(ideas) }
                var table = Table("ID", "TEAM", "CHALLENGE", "REV", "TITLE", "PITCH", rightAligned: [0, 1, 2, 3])
                for idea in ideas {
                    table.add(String(idea.id), String(idea.teamID), String(idea.challengeID), String(idea.revision), idea.title, Text.summary(idea.pitch))
                }
                table.print()
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an idea with its body.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The idea's id.", valueName: "id"), transform: IdText.parse) var id: UInt64

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_GetIdeaRequest()
                request.id = id
                try IdeaView.show(try client.call(Methods.Ideas.get, request), client: client)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit an idea; every edit is a new revision.",
            discussion: "Only the options given are changed (they make the update mask)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The idea's id.", valueName: "id"), transform: IdText.parse) var id: UInt64
        @Option(help: "New title.") var title: String?
        @Option(help: "New pitch.") var pitch: String?
        @OptionGroup var body: BodyOptions

        func validate() throws {
            if title == nil, pitch == nil, body.body == nil, body.bodyFile == nil {
                throw ValidationError("nothing to change: give at least one of --title, --pitch, --body, --body-file")
            }
        }

        func run() throws {
            let text = try body.text()
            try global.withClient { client in
                var request = Hack_V1_UpdateIdeaRequest()
                request.id = id
                if let title { request.idea.title = title; request.updateMask.append("title") }
                if let pitch { request.idea.pitch = pitch; request.updateMask.append("pitch") }
                if let text { request.idea.body = text; request.updateMask.append("body") }
                try IdeaView.show(try client.call(Methods.Ideas.update, request), client: client)
            }
        }
    }

    struct Revisions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every saved state of an idea, oldest first.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The idea's id.", valueName: "id"), transform: IdText.parse) var id: UInt64

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListIdeaRevisionsRequest()
                request.id = id
                let revisions = try client.call(Methods.Ideas.listRevisions, request).revisions
                if client.json { return try Output.json(revisions) }
                var idea = Hack_V1_GetIdeaRequest()
                idea.id = id
                let timeZone = try client.timeZone(ofChallenge: client.call(Methods.Ideas.get, idea).challengeID)
                var table = Table("REV", "AT", "TITLE", "PITCH", rightAligned: [0])
                for revision in revisions {
                    table.add(String(revision.revision), Text.timestamp(ms: revision.atMs, in: timeZone), revision.title, Text.summary(revision.pitch))
                }
                table.print()
            }
        }
    }
}

enum IdeaView {
    static func show(_ idea: Hack_V1_Idea, client: Client) throws {
        if client.json { return try Output.json(idea) }
        let timeZone = try client.timeZone(ofChallenge: idea.challengeID)
        var details = Details()
        details.add("id", String(idea.id))
        details.add("team", String(idea.teamID))
        details.add("challenge", String(idea.challengeID))
        details.add("revision", String(idea.revision))
        details.add("title", idea.title)
        details.add("pitch", idea.pitch)
        details.add("created", Text.timestamp(ms: idea.createdAtMs, in: timeZone))
        details.add("updated", Text.timestamp(ms: idea.updatedAtMs, in: timeZone))
        details.print()
        if !idea.body.isEmpty {
            Output.line()
            Output.line(idea.body)
        }
    }
}
