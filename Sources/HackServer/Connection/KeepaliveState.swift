import HackProtocol

/// The clock rules of one connection, pure: it is told when frames arrive
/// and when the calls in flight drop to none, and asked what is due at a
/// moment. Times are the loop's milliseconds, handed in, so the rules are
/// tested without waiting.
struct KeepaliveState {
    enum Due: Equatable {
        case nothing
        /// Send this PING to learn whether the peer is still there.
        case ping(opaque: UInt64)
        /// End the connection with this reason.
        case close(RPCError)
    }

    let policy: ConnectionPolicy
    private let openedAt: UInt64
    private var lastReceivedAt: UInt64
    /// Since when no call has been in flight.
    private var idleSince: UInt64
    private var pingSentAt: UInt64?
    private var pingsSent: UInt64 = 0
    private var lastPingReceivedAt: UInt64?
    private var pingStrikes = 0

    init(policy: ConnectionPolicy, openedAt now: UInt64) {
        self.policy = policy
        openedAt = now
        lastReceivedAt = now
        idleSince = now
    }

    /// Any frame from the peer shows it is alive, and answers our PING.
    mutating func frameReceived(at now: UInt64) {
        lastReceivedAt = now
        pingSentAt = nil
    }

    /// The peer's PING: nil when allowed, the reason to close on the strike
    /// past `maxPingStrikes` (PINGs less than `minPingIntervalMs` apart).
    mutating func pingReceived(at now: UInt64) -> RPCError? {
        defer { lastPingReceivedAt = now }
        guard policy.minPingIntervalMs > 0, let last = lastPingReceivedAt else { return nil }
        guard now &- last < policy.minPingIntervalMs else {
            pingStrikes = 0
            return nil
        }
        pingStrikes += 1
        guard pingStrikes > policy.maxPingStrikes else { return nil }
        return RPCError(.resourceExhausted,
            "too_many_pings: more than \(policy.maxPingStrikes) PINGs less than \(policy.minPingIntervalMs) ms apart")
    }

    /// A call arrived, or the last call in flight ended: the idle time
    /// counts from now.
    mutating func callActivity(at now: UInt64) {
        idleSince = now
    }

    /// What the connection must do at `now`, given where it stands.
    mutating func due(at now: UInt64, handshaken: Bool, callsInFlight: Bool) -> Due {
        let timeout = policy.keepaliveTimeoutMs
        guard handshaken else {
            if timeout > 0, now &- openedAt >= timeout {
                return .close(RPCError(.deadlineExceeded, "no HELLO within \(timeout) ms of connecting"))
            }
            return .nothing
        }
        if let sentAt = pingSentAt, timeout > 0, now &- sentAt >= timeout {
            return .close(RPCError(.unavailable, "keepalive: nothing received within \(timeout) ms of a PING"))
        }
        guard callsInFlight else {
            let idle = policy.idleTimeoutMs
            if idle > 0, now &- idleSince >= idle {
                return .close(RPCError(.unavailable, "idle: no call for \(idle) ms"))
            }
            return .nothing
        }
        let interval = policy.keepaliveIntervalMs
        if pingSentAt == nil, interval > 0, now &- lastReceivedAt >= interval {
            pingSentAt = now
            pingsSent += 1
            return .ping(opaque: pingsSent)
        }
        return .nothing
    }
}
