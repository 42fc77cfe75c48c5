/// The time and size limits of one connection (docs/PROTOCOL.md, "Limits",
/// rows marked *connection*). Durations in milliseconds; 0 turns a timer off.
public struct ConnectionPolicy: Sendable, Equatable {
    /// A connection with no call in flight for this long is closed
    /// (`GOAWAY UNAVAILABLE`); PINGs do not keep it open.
    public var idleTimeoutMs: UInt64 = 10 * 60_000
    /// A connection with calls in flight (e.g. a Watch) from which nothing
    /// arrived for this long is sent a PING ...
    public var keepaliveIntervalMs: UInt64 = 60_000
    /// ... and closed if nothing arrives within this long after it. Also the
    /// time a new connection has to send HELLO, and the time a closing
    /// connection has to take its last bytes before it is reset.
    public var keepaliveTimeoutMs: UInt64 = 20_000
    /// PINGs from the client closer together than this count as strikes ...
    public var minPingIntervalMs: UInt64 = 10_000
    /// ... and the strike after this many closes the connection
    /// (`GOAWAY RESOURCE_EXHAUSTED "too_many_pings"`, as gRPC).
    public var maxPingStrikes: Int = 2
    /// Bytes written to a client that it has not read yet; past this the
    /// connection is closed (`GOAWAY RESOURCE_EXHAUSTED`), so a peer that
    /// stops reading never makes the server grow. Twice the frame limit by
    /// default, so that any single frame fits.
    public var maxBufferedBytes: Int = 8 << 20

    public init() {}

    /// How often the server looks at every connection's timers: often
    /// enough for the shortest one to be kept within a quarter of itself,
    /// at most once a second.
    var sweepIntervalMs: UInt64 {
        let enabled = [idleTimeoutMs, keepaliveIntervalMs, keepaliveTimeoutMs].filter { $0 > 0 }
        return min(1_000, max(5, (enabled.min() ?? 4_000) / 4))
    }
}
