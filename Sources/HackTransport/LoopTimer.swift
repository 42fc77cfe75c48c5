import CLibUV

/// A uv_timer_t. Reusable: `start` again re-arms it (replacing the callback).
/// Stays allocated (and alive) until `close()` or `EventLoop.close()`.
/// An armed timer keeps `run()` going; a stopped one does not.
public final class LoopTimer {
    private let timer: UnsafeMutablePointer<uv_timer_t>
    private var callback: (() -> Void)?
    private var isOpen = true

    init(loop: UnsafeMutablePointer<uv_loop_t>) {
        timer = .allocate(capacity: 1)
        uv_timer_init(loop, timer)  // cannot fail: only initializes the struct
        attach(self, to: timer)
    }

    /// Fires after `afterMs`, then every `repeatMs` if that is non-zero.
    /// Times are relative to the loop's cached `now` (as in libuv); after
    /// long synchronous work, call `EventLoop.updateTime()` first.
    public func start(afterMs: UInt64, repeatMs: UInt64 = 0, _ callback: @escaping () -> Void) {
        guard isOpen else { return }
        self.callback = callback
        uv_timer_start(timer, { timer in
            owner(of: timer.map { asHandle($0) }, as: LoopTimer.self)?.fire()
        }, afterMs, repeatMs)
    }

    public func stop() {
        guard isOpen else { return }
        uv_timer_stop(timer)
    }

    /// Idempotent; the callback is dropped once libuv has closed the handle.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        closeAndFree(asHandle(timer))
    }

    private func fire() {
        let body = callback
        // A finished one-shot drops its closure early (it may capture a lot);
        // the body can still re-arm the timer with a new one.
        if uv_timer_get_repeat(timer) == 0 {
            callback = nil
        }
        body?()
    }
}

extension LoopTimer: LoopHandleOwner {
    func closeForLoopShutdown() {
        close()
    }

    func handleDidClose() {
        callback = nil
    }
}

extension EventLoop {
    public func makeTimer() -> LoopTimer {
        LoopTimer(loop: rawLoop)
    }
}
