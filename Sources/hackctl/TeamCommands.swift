import ArgumentParser
import HackClient
import HackProtocol

struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Create, list, show and update teams (who take up a challenge).",
        subcommands: [Create.self, List.self, Show.self, Update.self]
    )
}

/// `--challenge ID|TERRITORY_SLUG` and `--event SLUG`, shared by team and idea commands.
struct ChallengeOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("The event, to find a challenge by territory (default: the only event on the server).", valueName: "slug")
    )
    var event: String?
}

extension TeamCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a team on a challenge.",
            discussion: """
                The challenge is its id or the slug of the territory posing it in the event. Example: \
                hackctl team create --challenge saint-omer --name "Les Audomarois" --member "Ada:dev" --member "Grace:design"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The challenge: its id, or the slug of the territory posing it.", valueName: "id|territory"),
                transform: ChallengeRef.parse)
        var challenge: ChallengeRef
        @OptionGroup var scope: ChallengeOptions
        @Option(help: "The team's name.") var name: String
        @Option(name: .customLong("member"), help: ArgumentHelp("A member: \(PersonSpec.syntax); repeat for each.", valueName: "person"),
                transform: PersonSpec.parse)
        var members: [Hack_V1_Person] = []

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_CreateTeamRequest()
                request.challengeID = try client.challengeId(challenge, event: scope.event)
                request.name = name
                request.members = members
                try TeamView.show(try client.call(Methods.Teams.create, request), json: client.json)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the teams of an event, or of one challenge.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: ChallengeOptions
        @Option(help: ArgumentHelp("Only the teams of this challenge (id or territory slug).", valueName: "id|territory"),
                transform: ChallengeRef.parse)
        var challenge: ChallengeRef?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListTeamsRequest()
                request.eventSlug = try client.eventSlug(scope.event)
                if let challenge { request.challengeID = try client.challengeId(challenge, event: request.eventSlug) }
                let teams = try client.call(Methods.Teams.list, request).teams
                if client.json { return try Output.json(teams) }
                var table = Table("ID", "CHALLENGE", "NAME", "MEMBERS", rightAligned: [0, 1])
                for team in teams {
                    table.add(String(team.id), String(team.challengeID), team.name, Text.orDash(team.members.map(\.name).joined(separator: ", ")))
                }
                table.print()
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a team and its members.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The team's id.", valueName: "id"), transform: IdText.parse) var id: UInt64

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_GetTeamRequest()
                request.id = id
                try TeamView.show(try client.call(Methods.Teams.get, request), json: client.json)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a team or replace its members.",
            discussion: "Only the options given are changed. --member replaces the whole member list."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The team's id.", valueName: "id"), transform: IdText.parse) var id: UInt64
        @Option(help: "New name.") var name: String?
        @Option(name: .customLong("member"), help: ArgumentHelp("A member of the new list: \(PersonSpec.syntax).", valueName: "person"),
                transform: PersonSpec.parse)
        var members: [Hack_V1_Person] = []

        func validate() throws {
            if name == nil, members.isEmpty { throw ValidationError("nothing to change: give --name and/or --member") }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_UpdateTeamRequest()
                request.id = id
                if let name { request.team.name = name; request.updateMask.append("name") }
                if !members.isEmpty { request.team.members = members; request.updateMask.append("members") }
                try TeamView.show(try client.call(Methods.Teams.update, request), json: client.json)
            }
        }
    }
}

enum TeamView {
    static func show(_ team: Hack_V1_Team, json: Bool) throws {
        if json { return try Output.json(team) }
        var details = Details()
        details.add("id", String(team.id))
        details.add("event", team.eventSlug)
        details.add("challenge", String(team.challengeID))
        details.add("name", team.name)
        details.print()
        Output.line()
        Output.line("Members (\(team.members.count))")
        var table = Table("NAME", "ROLE")
        for member in team.members { table.add(member.name, Text.orDash(member.role)) }
        if !team.members.isEmpty { table.print() }
    }
}
