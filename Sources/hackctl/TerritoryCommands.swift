import ArgumentParser
import HackClient
import HackProtocol

struct TerritoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "territory",
        abstract: "Create, list, show and update territories (the places posing challenges).",
        subcommands: [Create.self, List.self, Show.self, Update.self]
    )
}

extension TerritoryCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a territory.",
            discussion: "Example: hackctl territory create orleans --name \"Orléans Métropole\" --representative \"Jeanne:élue\""
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The territory's slug: lowercase letters, digits and dashes.") var slug: String
        @Option(help: "The territory's name.") var name: String
        @Option(help: ArgumentHelp("Who speaks for it: \(PersonSpec.syntax).", valueName: "person"), transform: PersonSpec.parse)
        var representative: Hack_V1_Person?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_CreateTerritoryRequest()
                request.slug = slug
                request.name = name
                if let representative { request.representative = representative }
                try TerritoryView.show(try client.call(Methods.Territories.create, request), json: client.json)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List territories: every one, or those posing a challenge in an event.")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only the territories of this event.", valueName: "slug")) var event: String?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListTerritoriesRequest()
                request.eventSlug = event ?? ""
                let territories = try client.call(Methods.Territories.list, request).territories
                if client.json { return try Output.json(territories) }
                var table = Table("SLUG", "NAME", "REPRESENTATIVE")
                for territory in territories {
                    table.add(territory.slug, territory.name, territory.hasRepresentative ? Text.person(territory.representative) : "-")
                }
                table.print()
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a territory.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The territory's slug.") var slug: String

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_GetTerritoryRequest()
                request.slug = slug
                try TerritoryView.show(try client.call(Methods.Territories.get, request), json: client.json)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the name or the representative of a territory.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The territory's slug.") var slug: String
        @Option(help: "New name.") var name: String?
        @Option(help: ArgumentHelp("New representative: \(PersonSpec.syntax).", valueName: "person"), transform: PersonSpec.parse)
        var representative: Hack_V1_Person?

        func validate() throws {
            if name == nil, representative == nil { throw ValidationError("nothing to change: give --name and/or --representative") }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_UpdateTerritoryRequest()
                request.slug = slug
                if let name { request.territory.name = name; request.updateMask.append("name") }
                if let representative { request.territory.representative = representative; request.updateMask.append("representative") }
                try TerritoryView.show(try client.call(Methods.Territories.update, request), json: client.json)
            }
        }
    }
}

enum TerritoryView {
    static func show(_ territory: Hack_V1_Territory, json: Bool) throws {
        if json { return try Output.json(territory) }
        var details = Details()
        details.add("slug", territory.slug)
        details.add("name", territory.name)
        details.add("representative", territory.hasRepresentative ? Text.person(territory.representative) : "-")
        details.print()
    }
}
