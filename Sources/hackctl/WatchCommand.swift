import ArgumentParser
import Foundation
import HackProtocol

/// `hackctl watch EVENT` and `hackctl event watch EVENT`: the same command
/// under the noun and at the top.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: WatchOptions.abstract,
        discussion: WatchOptions.discussion
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: WatchOptions

    func run() throws { try Watcher(global: global, options: options).run() }
}

extension EventCommand {
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: WatchOptions.abstract, discussion: WatchOptions.discussion)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: WatchOptions

        func run() throws { try Watcher(global: global, options: options).run() }
    }
}

struct WatchOptions: ParsableArguments {
    static let abstract = "Follow an event live, until interrupted."
    static let discussion = """
        On a terminal: a live view redrawn in place, with the time left in the current phase in big \
        digits, the progress of the phase and of the agenda, the drift from the plan, the ideas per \
        challenge and the latest changes. Otherwise: one line per change. With --json: one JSON object \
        per line, the protocol's EventUpdate messages (a snapshot first). When the connection drops, \
        hackctl reconnects by itself and starts again from a fresh snapshot; Ctrl-C stops it.
        """

    @Argument(help: "The event's slug.") var slug: String

    @Option(
        help: ArgumentHelp(
            "How often hackd sends the clock (100ms to 60s; 0: never).",
            discussion: "Default: 1s on a terminal, else 0 (changes are sent as they happen either way).",
            valueName: "duration"
        ),
        transform: { try DurationText.parseMilliseconds($0, allowZero: true) }
    )
    var tick: UInt64?

    func validate() throws {
        if let tick, tick != 0, !(100...60_000).contains(tick) {
            throw ValidationError("--tick: between 100ms and 60s, or 0 for none")
        }
    }

    /// The request, with ticks every --tick, else every second when `live`.
    func request(live: Bool) -> Hack_V1_WatchEventRequest {
        var request = Hack_V1_WatchEventRequest()
        request.slug = slug
        request.tickIntervalMs = UInt32(tick ?? (live ? 1_000 : 0))
        return request
    }
}
