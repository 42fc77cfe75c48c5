import ArgumentParser
import HackClient
import HackProtocol

struct ChallengeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenge",
        abstract: "Create, list, show and update challenges (what a territory asks of an event).",
        subcommands: [Create.self, List.self, Show.self, Update.self]
    )
}

extension ChallengeCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pose a challenge: a territory asks something of an event.",
            discussion: "Example: hackctl challenge create --event parcours-france-2017 --territory orleans --title \"Mobilité\" --theme transport"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The event (default: the only event on the server).", valueName: "slug")) var event: String?
        @Option(help: ArgumentHelp("The territory posing it.", valueName: "slug")) var territory: String
        @Option(help: "The challenge's title.") var title: String
        @Option(help: "Background: what the territory wants and why.") var context = ""
        @Option(name: .customLong("theme"), help: "A theme; repeat for several.") var themes: [String] = []

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_CreateChallengeRequest()
                request.eventSlug = try client.eventSlug(event)
                request.territorySlug = territory
                request.title = title
                request.context = context
                request.themes = themes
                try ChallengeView.show(try client.call(Methods.Challenges.create, request), json: client.json)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the challenges of an event.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The event (default: the only event on the server).", valueName: "slug")) var event: String?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListChallengesRequest()
                request.eventSlug = try client.eventSlug(event)
                let challenges = try client.call(Methods.Challenges.list, request).challenges
                if client.json { return try Output.json(challenges) }
                var table = Table("ID", "TERRITORY", "TITLE", "THEMES", rightAligned: [0])
                for challenge in challenges {
                    table.add(String(challenge.id), challenge.territorySlug, challenge.title, Text.orDash(challenge.themes.joined(separator: ", ")))
                }
                table.print()
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a challenge.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The challenge's id.", valueName: "id"), transform: IdText.parse) var id: UInt64

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_GetChallengeRequest()
                request.id = id
                try ChallengeView.show(try client.call(Methods.Challenges.get, request), json: client.json)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the title, context or themes of a challenge.",
            discussion: "Only the options given are changed. --theme replaces every theme; --clear-themes removes them all."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The challenge's id.", valueName: "id"), transform: IdText.parse) var id: UInt64
        @Option(help: "New title.") var title: String?
        @Option(help: "New context.") var context: String?
        @Option(name: .customLong("theme"), help: "A theme of the new list; repeat for several.") var themes: [String] = []
        @Flag(help: "Remove every theme.") var clearThemes = false

        func validate() throws {
            if !themes.isEmpty, clearThemes { throw ValidationError("give --theme or --clear-themes, not both") }
            if title == nil, context == nil, themes.isEmpty, !clearThemes {
                throw ValidationError("nothing to change: give at least one of --title, --context, --theme, --clear-themes")
            }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_UpdateChallengeRequest()
                request.id = id
                if let title { request.challenge.title = title; request.updateMask.append("title") }
                if let context { request.challenge.context = context; request.updateMask.append("context") }
                if !themes.isEmpty || clearThemes { request.challenge.themes = themes; request.updateMask.append("themes") }
                try ChallengeView.show(try client.call(Methods.Challenges.update, request), json: client.json)
            }
        }
    }
}

enum ChallengeView {
    static func show(_ challenge: Hack_V1_Challenge, json: Bool) throws {
        if json { return try Output.json(challenge) }
        var details = Details()
        details.add("id", String(challenge.id))
        details.add("event", challenge.eventSlug)
        details.add("territory", challenge.territorySlug)
        details.add("title", challenge.title)
        details.add("themes", Text.orDash(challenge.themes.joined(separator: ", ")))
        details.add("context", Text.orDash(challenge.context))
        details.print()
    }
}
