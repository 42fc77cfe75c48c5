import ArgumentParser
import Foundation
import HackClient
import HackProtocol

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Create, list, show, update, run and watch events.",
        subcommands: [
            Create.self, List.self, Show.self, Update.self,
            Start.self, Schedule.self, Pause.self, Resume.self, Extend.self, Skip.self, Watch.self,
        ]
    )
}

extension EventCommand {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an event.",
            discussion: """
                Example: hackctl event create demo-2025 --name "Demo day" --time-zone Europe/Paris \
                --date 2025-06-12 --phase "intro 15m @09:00 Accueil" --phase "hack 2h @09:15"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug: lowercase letters, digits and dashes.") var slug: String
        @Option(help: "The event's name.") var name: String
        @Option(help: "Where it takes place.") var venue = ""
        @Option(help: ArgumentHelp("IANA time zone, e.g. Europe/Paris.", valueName: "zone")) var timeZone: String
        @Option(help: ArgumentHelp("The day, in the event's time zone.", valueName: "yyyy-mm-dd"), transform: DateText.parse)
        var date: String
        @Option(help: "The event's theme.") var theme = ""
        @Option(name: .customLong("phase"), help: PhaseSpec.help, transform: PhaseSpec.parse) var phases: [Hack_V1_Phase] = []

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_CreateEventRequest()
                request.slug = slug
                request.name = name
                request.venue = venue
                request.timeZone = timeZone
                request.date = date
                request.theme = theme
                request.agenda = phases
                let event = try client.call(Methods.Events.create, request)
                try EventView.show(event, territories: nil, json: client.json)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the events.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.withClient { client in
                let events = try client.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events
                if client.json { return try Output.json(events) }
                var table = Table("SLUG", "NAME", "DATE", "TIME ZONE", "AGENDA", "TERRITORIES")
                for event in events {
                    table.add(
                        event.slug, event.name, event.date, event.timeZone,
                        Text.count(event.agenda.count, "phase"), Text.count(event.territorySlugs.count, "territory", "territories")
                    )
                }
                table.print()
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an event, its agenda and its territories.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String

        func run() throws {
            try global.withClient { client in
                let event = try client.event(slug)
                if client.json { return try Output.json(event) }
                var territories = Hack_V1_ListTerritoriesRequest()
                territories.eventSlug = slug
                try EventView.show(event, territories: try client.call(Methods.Territories.list, territories).territories, json: false)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change some fields of an event; the others are kept.",
            discussion: "Only the options given are changed. --phase replaces the whole agenda."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String
        @Option(help: "New name.") var name: String?
        @Option(help: "New venue.") var venue: String?
        @Option(help: ArgumentHelp("New IANA time zone.", valueName: "zone")) var timeZone: String?
        @Option(help: ArgumentHelp("New day.", valueName: "yyyy-mm-dd"), transform: DateText.parse) var date: String?
        @Option(help: "New theme.") var theme: String?
        @Option(name: .customLong("phase"), help: PhaseSpec.help, transform: PhaseSpec.parse) var phases: [Hack_V1_Phase] = []

        func validate() throws {
            if mask().event.isEmpty {
                throw ValidationError("nothing to change: give at least one of --name, --venue, --time-zone, --date, --theme, --phase")
            }
        }

        func mask() -> (event: [String], value: Hack_V1_Event) {
            var event = Hack_V1_Event()
            var fields: [String] = []
            if let name { event.name = name; fields.append("name") }
            if let venue { event.venue = venue; fields.append("venue") }
            if let timeZone { event.timeZone = timeZone; fields.append("time_zone") }
            if let date { event.date = date; fields.append("date") }
            if let theme { event.theme = theme; fields.append("theme") }
            if !phases.isEmpty { event.agenda = phases; fields.append("agenda") }
            return (fields, event)
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_UpdateEventRequest()
                request.slug = slug
                (request.updateMask, request.event) = mask()
                let event = try client.call(Methods.Events.update, request)
                try EventView.show(event, territories: nil, json: client.json)
            }
        }
    }
}
