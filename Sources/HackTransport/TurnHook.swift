import CLibUV

/// A uv_check_t: runs once per loop turn, after that turn's I/O callbacks.
/// That is the natural group-commit point: everything read during the turn
/// has been seen, and nothing has been flushed yet.
///
/// The handle is unreferenced, so a hook alone never keeps `run()` alive.
/// Work queued outside the poll phase (from a timer, or before `run()`)
/// calls `requestTurn()`: an active idle handle makes the next poll return at
/// once, so the hook runs now instead of after the next I/O or timer.
public final class TurnHook {
    private let check: UnsafeMutablePointer<uv_check_t>
    private let wake: UnsafeMutablePointer<uv_idle_t>
    private var body: (() -> Void)?
    private var isOpen = true

    fileprivate init(loop: UnsafeMutablePointer<uv_loop_t>, body: @escaping () -> Void) {
        check = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        self.body = body
        uv_check_init(loop, check)  // cannot fail: only initializes the struct
        attach(self, to: check)
        uv_check_start(check) { check in
            owner(of: check.map { asHandle($0) }, as: TurnHook.self)?.fire()
        }
        uv_unref(asHandle(check))
        uv_idle_init(loop, wake)  // cannot fail: only initializes the struct
        attach(self, to: wake)
    }

    /// Makes sure the hook runs in the current or next loop turn without
    /// waiting for I/O; keeps the loop alive until it has.
    public func requestTurn() {
        guard isOpen else { return }
        uv_idle_start(wake) { _ in }
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        closeAndFree(asHandle(check))
        closeAndFree(asHandle(wake))
    }

    private func fire() {
        guard isOpen, let body else { return }
        uv_idle_stop(wake)
        body()
    }
}

extension TurnHook: LoopHandleOwner {
    func closeForLoopShutdown() {
        close()
    }

    func handleDidClose() {
        body = nil
    }
}

extension EventLoop {
    /// Runs a callback at the end of every loop turn, after I/O callbacks
    /// (uv_check); used for group commit: requests received during a turn
    /// are flushed together.
    public func onEveryTurn(_ body: @escaping () -> Void) -> TurnHook {
        TurnHook(loop: rawLoop, body: body)
    }
}
