import ArgumentParser
import HackProtocol
import HackServer

/// Every limit of docs/PROTOCOL.md's "Limits" table, as options whose
/// defaults are the documented ones.
struct LimitOptions: ParsableArguments {
    private static let defaults = ServerConfiguration(databasePath: "")

    @Option(help: "Largest frame accepted, in bytes (announced in WELCOME).")
    var maxFrameBytes = defaults.maxFrameBytes

    @Option(help: "Calls in flight on one connection (announced in WELCOME).")
    var maxConcurrentCalls = defaults.maxConcurrentCalls

    @Option(help: "Connections open at once; one more is told GOAWAY RESOURCE_EXHAUSTED.")
    var maxConnections = defaults.maxConnections

    @Option(help: "Unsent bytes a client may leave unread before it is disconnected.")
    var maxBufferedBytes = defaults.connectionPolicy.maxBufferedBytes

    @Option(help: "Close a connection with no call in flight for this long (0: never).")
    var idleTimeout = MillisecondsOption(defaults.connectionPolicy.idleTimeoutMs)

    @Option(help: "PING a connection with calls in flight after this long without a frame from it (0: never).")
    var keepaliveInterval = MillisecondsOption(defaults.connectionPolicy.keepaliveIntervalMs)

    @Option(help: "Close it when nothing arrives this long after the PING; also the time to send HELLO and to take the last bytes (0: never).")
    var keepaliveTimeout = MillisecondsOption(defaults.connectionPolicy.keepaliveTimeoutMs)

    @Option(help: "Client PINGs closer together than this are strikes (0: any rate).")
    var minPingInterval = MillisecondsOption(defaults.connectionPolicy.minPingIntervalMs)

    @Option(help: "Strikes allowed; the next one closes the connection (too_many_pings).")
    var maxPingStrikes = defaults.connectionPolicy.maxPingStrikes

    @Option(help: "At shutdown, how long calls in flight have to finish.")
    var shutdownGrace = MillisecondsOption(defaults.shutdownGraceMs)

    func validate() throws {
        guard maxFrameBytes >= 1024 else { throw ValidationError("--max-frame-bytes must be at least 1024") }
        guard maxConcurrentCalls >= 1 else { throw ValidationError("--max-concurrent-calls must be at least 1") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard maxBufferedBytes >= 1024 else { throw ValidationError("--max-buffered-bytes must be at least 1024") }
        guard maxPingStrikes >= 0 else { throw ValidationError("--max-ping-strikes must not be negative") }
    }

    func apply(to configuration: inout ServerConfiguration) {
        configuration.maxFrameBytes = maxFrameBytes
        configuration.maxConcurrentCalls = maxConcurrentCalls
        configuration.maxConnections = maxConnections
        configuration.shutdownGraceMs = shutdownGrace.milliseconds
        configuration.connectionPolicy.maxBufferedBytes = maxBufferedBytes
        configuration.connectionPolicy.idleTimeoutMs = idleTimeout.milliseconds
        configuration.connectionPolicy.keepaliveIntervalMs = keepaliveInterval.milliseconds
        configuration.connectionPolicy.keepaliveTimeoutMs = keepaliveTimeout.milliseconds
        configuration.connectionPolicy.minPingIntervalMs = minPingInterval.milliseconds
        configuration.connectionPolicy.maxPingStrikes = maxPingStrikes
    }
}

/// A duration option (`10m`, `20s`, `250ms`, or `0`), held in milliseconds.
struct MillisecondsOption: ExpressibleByArgument {
    let milliseconds: UInt64

    init(_ milliseconds: UInt64) { self.milliseconds = milliseconds }

    init?(argument: String) {
        guard let value = try? DurationText.parseMilliseconds(argument, allowZero: true) else { return nil }
        milliseconds = value
    }

    var defaultValueDescription: String {
        milliseconds == 0 ? "0" : Self.words(milliseconds)
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// `600000` as `10m`, `1500` as `1500ms`: the largest unit that divides it.
    private static func words(_ ms: UInt64) -> String {
        for (unit, size) in [("h", UInt64(3_600_000)), ("m", 60_000), ("s", 1_000)] where ms % size == 0 {
            return "\(ms / size)\(unit)"
        }
        return "\(ms)ms"
    }
}
