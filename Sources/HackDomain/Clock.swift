import Foundation
import Synchronization

/// Unix milliseconds on the server clock: the one unit every timestamp uses,
/// so storage and the wire never convert.
public typealias Millis = Int64

/// Where "now" comes from. Injected so tests can control time.
public protocol WallClock: Sendable {
    func now() -> Millis
}

/// The real clock: `CLOCK_REALTIME` read directly (a vDSO call, no
/// `Date` in between: it is asked a few times per call served).
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Millis {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Millis(time.tv_sec) * 1_000 + Millis(time.tv_nsec) / 1_000_000
    }
}

/// A clock that moves only when told to: deterministic timestamps in tests.
public final class ManualClock: WallClock {
    private let current: Mutex<(now: Millis, reads: Int)>

    public init(_ start: Millis = 0) {
        current = Mutex((start, 0))
    }

    public func now() -> Millis {
        current.withLock {
            $0.reads += 1
            return $0.now
        }
    }

    /// How many times the clock was read: lets a test check that a call
    /// reads it once, so that all it does is of one moment.
    public var reads: Int {
        current.withLock { $0.reads }
    }

    public func set(_ millis: Millis) {
        current.withLock { $0.now = millis }
    }

    public func advance(by millis: Millis) {
        current.withLock { $0.now += millis }
    }
}
