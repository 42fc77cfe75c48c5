import CLibUV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libuv loop. Everything created from it (listeners, connections, timers,
/// signal watchers, turn hooks) is used on the thread that runs it; none of
/// these classes are Sendable. Only `runInBackground` crosses threads.
///
/// Lifecycle: `init` → `run()` (any number of times) → `close()`. `close()`
/// must be called after `run()` returned; it closes whatever is still open so
/// that `uv_loop_close` succeeds and all memory is returned.
public final class EventLoop {
    /// The heap-allocated libuv loop. `loop.data` points at `readBuffer`.
    let loop: UnsafeMutablePointer<uv_loop_t>
    /// The one read buffer shared by every connection on this loop (see
    /// `sharedBufferAllocCallback`); keeps idle connections tiny.
    private let readBuffer: UnsafeMutableRawPointer
    private var isRunning = false
    private var isClosed = false

    public init() throws {
        // libuv writes with write(2), which raises SIGPIPE on a reset peer
        // and would kill the process; we want EPIPE as an error instead.
        signal(SIGPIPE, SIG_IGN)
        let loop = UnsafeMutablePointer<uv_loop_t>.allocate(capacity: 1)
        let status = uv_loop_init(loop)
        if status < 0 {
            loop.deallocate()
            throw TransportError(code: status, operation: "uv_loop_init")
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: sharedReadBufferSize, alignment: 16)
        loop.pointee.data = buffer
        self.loop = loop
        self.readBuffer = buffer
    }

    deinit {
        // Best effort for a loop that was never closed; if libuv refuses,
        // leaking is the only safe choice (handles may still point at it).
        if !isClosed {
            try? close()
        }
    }

    /// Runs until `stop()` is called or nothing active is left.
    public func run() {
        precondition(!isClosed, "EventLoop.run() after close()")
        isRunning = true
        defer { isRunning = false }
        uv_run(loop, UV_RUN_DEFAULT)
    }

    /// Runs one loop turn and returns whether anything (a handle or a
    /// request) is still active. `waiting`: block until something happens
    /// (I/O, a timer, background work completing); else only what is ready
    /// now runs. For drivers that interleave their own work with the loop's,
    /// like the protocol fuzzer, which feeds bytes between turns.
    @discardableResult
    public func runOnce(waiting: Bool) -> Bool {
        precondition(!isClosed, "EventLoop.runOnce() after close()")
        isRunning = true
        defer { isRunning = false }
        return uv_run(loop, waiting ? UV_RUN_ONCE : UV_RUN_NOWAIT) != 0
    }

    /// Makes `run()` return at the end of the current loop turn.
    public func stop() {
        guard !isClosed else { return }
        uv_stop(loop)
    }

    /// Loop time in milliseconds; cached at the start of each turn.
    public var now: UInt64 {
        isClosed ? 0 : uv_now(loop)
    }

    /// Refreshes `now` (useful after long synchronous work inside a callback).
    public func updateTime() {
        guard !isClosed else { return }
        uv_update_time(loop)
    }

    /// Closes every handle still open, lets their close callbacks (and any
    /// pending write/connect/background completions) run, then closes the loop.
    /// Idempotent. Throws if called from inside `run()` or if libuv still
    /// reports the loop busy.
    public func close() throws {
        if isClosed { return }
        if isRunning {
            throw TransportError(code: UV_EBUSY.rawValue, operation: "EventLoop.close() inside run()")
        }
        var status: Int32 = 0
        // Callbacks fired while closing may open new handles (e.g. a timer
        // started in onClose), so repeat a few times before giving up.
        for _ in 0..<8 {
            uv_walk(loop, { handle, _ in
                guard let handle, uv_is_closing(handle) == 0 else { return }
                if let resource = owner(of: handle, as: AnyObject.self) as? LoopHandleOwner {
                    resource.closeForLoopShutdown()
                } else {
                    closeAndFree(handle)
                }
            }, nil)
            isRunning = true
            uv_run(loop, UV_RUN_DEFAULT)
            isRunning = false
            status = uv_loop_close(loop)
            if status != UV_EBUSY.rawValue { break }
        }
        try check(status, "uv_loop_close")
        isClosed = true
        loop.deallocate()
        readBuffer.deallocate()
    }

    /// The raw loop for the factory methods; trapping here means a programming
    /// error (using a loop after `close()`).
    var rawLoop: UnsafeMutablePointer<uv_loop_t> {
        precondition(!isClosed, "EventLoop used after close()")
        return loop
    }
}
