import ArgumentParser
import Foundation
import HackClient
import HackProtocol

// Running an event: start, schedule, pause, resume, extend, skip. Each
// prints the event's new run (RunView.summary), or the event with --json.

extension EventCommand {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start an event now: its first phase begins.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_StartEventRequest()
                request.slug = slug
                try RunView.print(try client.call(Methods.Events.start, request), json: client.json)
            }
        }
    }

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule an event to start by itself at a time, or unschedule it.",
            discussion: """
                Examples: --at 09:30 (on the event's date, in its time zone), --at "2025-06-12 09:30", \
                --at 2025-06-12T09:30:00+02:00; --clear puts it back to draft.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String
        @Option(help: ArgumentHelp("When it starts: \(StartTime.syntax).", valueName: "time"), transform: StartTime.parse)
        var at: StartTime?
        @Flag(help: "Unschedule: back to draft.") var clear = false

        func validate() throws {
            guard (at != nil) != clear else { throw ValidationError("give either --at TIME or --clear") }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ScheduleEventRequest()
                request.slug = slug
                if let at {
                    let event = try client.event(slug)
                    guard let ms = at.milliseconds(eventDate: event.date, in: Text.zone(of: event)) else {
                        throw ValidationError("--at: that time does not exist on \(event.date) in \(event.timeZone)")
                    }
                    request.startAtMs = ms
                }
                try RunView.print(try client.call(Methods.Events.schedule, request), json: client.json)
            }
        }
    }

    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause a running event: the current phase's time left freezes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_PauseEventRequest()
                request.slug = slug
                try RunView.print(try client.call(Methods.Events.pause, request), json: client.json)
            }
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused event: the current phase's time left runs again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ResumeEventRequest()
                request.slug = slug
                try RunView.print(try client.call(Methods.Events.resume, request), json: client.json)
            }
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the current phase longer (or shorter); the later phases shift.",
            discussion: "Examples: --by 10m, --by 90s, --by 1h30m, --by -5m (shortens; at most 24 hours either way)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("How much longer: \(SignedDurationText.syntax).", valueName: "duration"),
            transform: SignedDurationText.parseMilliseconds
        )
        var by: Int64

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ExtendPhaseRequest()
                request.slug = slug
                request.deltaMs = by
                try RunView.print(try client.call(Methods.Events.extend, request), json: client.json)
            }
        }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End the current phase now: the next one begins (or the event finishes).",
            discussion: """
                The phase to skip is the one current when hackctl looks (or --phase N): hackd refuses \
                when another organiser skipped it first, so two skips at once skip one phase. \
                --force skips whatever phase is current when hackd receives it.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var slug: String
        @Option(help: ArgumentHelp("The 1-based number of the phase to skip (default: the current one).", valueName: "n"))
        var phase: UInt32?
        @Flag(help: "Skip whatever phase is current, without checking which.") var force = false

        func validate() throws {
            if phase != nil, force { throw ValidationError("give --phase N or --force, not both") }
            if phase == 0 { throw ValidationError("--phase: phases are numbered from 1") }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_SkipPhaseRequest()
                request.slug = slug
                if let phase {
                    request.phaseNumber = phase
                } else if !force {
                    request.phaseNumber = try client.event(slug).run.phaseIndex + 1
                }
                try RunView.print(try client.call(Methods.Events.skip, request), json: client.json)
            }
        }
    }
}
