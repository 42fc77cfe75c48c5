import Foundation
import HackProtocol

/// How events look on screen.
enum EventView {
    /// The event's fields, its run, its agenda as planned and as it runs, and
    /// its territories (`territories` nil: only the slugs the event lists).
    static func show(_ event: Hack_V1_Event, territories: [Hack_V1_Territory]?, json: Bool) throws {
        if json { return try Output.json(event) }
        var details = Details()
        details.add("slug", event.slug)
        details.add("name", event.name)
        details.add("venue", Text.orDash(event.venue))
        details.add("date", event.date)
        details.add("time zone", event.timeZone)
        details.add("theme", Text.orDash(event.theme))
        details.add("run", RunView.summary(event).joined(separator: "\n"))
        details.print()

        Output.line()
        Output.line("Agenda (\(Text.count(event.agenda.count, "phase")))")
        if !event.agenda.isEmpty { RunView.agendaTable(event).print() }

        Output.line()
        Output.line("Territories (\(event.territorySlugs.count))")
        if let territories {
            var table = Table("SLUG", "NAME")
            for territory in territories { table.add(territory.slug, territory.name) }
            if !territories.isEmpty { table.print() }
        } else if !event.territorySlugs.isEmpty {
            Output.line(event.territorySlugs.joined(separator: "\n"))
        }
    }
}
