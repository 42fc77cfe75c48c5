import ArgumentParser
import Foundation
import HackClient
import HackProtocol

/// `hackctl audit EVENT`: the accepted changes of an event, oldest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List the accepted changes of an event: when, by which token, what.",
        discussion: """
            hackd records every accepted mutation with the token that made it, in the same \
            transaction as the change; refused calls are not recorded. Times are in the event's \
            time zone. Needs an admin token or the event's organiser token.
            Examples: hackctl audit parcours-france-2017 --since 15m
                      hackctl audit parcours-france-2017 --since 2017-10-10T11:05:00+02:00 --limit 50 --json
            """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The event's slug.") var event: String
    @Option(help: ArgumentHelp("Only entries at or after this time: \(TimeText.syntax) ago, e.g. 15m.",
                               valueName: "time|duration"),
            transform: TimeText.parseSince)
    var since: Int64?
    @Option(help: ArgumentHelp("At most this many entries (default: hackd's, 1000).", valueName: "n"))
    var limit: UInt32?

    func validate() throws {
        if limit == 0 { throw ValidationError("--limit: at least 1") }
    }

    func run() throws {
        try global.withClient { client in
            var request = Hack_V1_ListAuditRequest()
            request.eventSlug = event
            request.sinceMs = max(since ?? 0, 0)
            request.limit = limit ?? 0
            let entries = try client.call(Methods.Audit.list, request).entries
            if client.json { return try Output.json(entries) }
            let zone = try client.timeZone(ofEvent: event)
            var table = Table("TIME", "WHO", "METHOD", "TARGET", "SUMMARY")
            for entry in entries {
                table.add(
                    Text.timestamp(ms: entry.atMs, in: zone), Text.holder(name: entry.tokenName, id: entry.tokenID),
                    Text.methodName(entry.method), Text.orDash(entry.target), Text.summary(entry.summary, limit: 60)
                )
            }
            table.print()
        }
    }
}
