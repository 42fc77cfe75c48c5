import CLibUV
#if canImport(Glibc)
import Glibc
#endif

/// Delivers a POSIX signal as a normal loop callback (libuv turns the signal
/// into a pipe write, so the handler is not restricted to async-signal-safe
/// code). An active watcher keeps `run()` going until closed.
public final class SignalWatcher {
    private let signal: UnsafeMutablePointer<uv_signal_t>
    private let number: Int32
    private var handler: (() -> Void)?
    private var isOpen = true

    fileprivate init(signal: UnsafeMutablePointer<uv_signal_t>, number: Int32, handler: @escaping () -> Void) {
        self.signal = signal
        self.number = number
        self.handler = handler
        attach(self, to: signal)
    }

    /// Idempotent; restores the default disposition once no watcher is left.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        closeAndFree(asHandle(signal))
    }

    /// Closes, then ignores the signal for the rest of the process: once a
    /// server is stopping, a repeated SIGTERM must not cut its last steps
    /// (closing the database) short and turn a clean exit into a kill.
    /// Closing the last watcher makes libuv restore the default action
    /// (terminate) before the signal can be ignored; the signal is blocked
    /// on this thread meanwhile, and the threadpool's threads never take an
    /// asynchronous signal (`runInBackground`), so one sent then waits and
    /// is discarded.
    public func closeAndIgnoreFromNowOn() {
        SignalMask.blocking([number]) {
            close()
            ignore(signal: number)
        }
    }

    fileprivate func fire() {
        guard isOpen, let handler else { return }
        handler()
    }
}

extension SignalWatcher: LoopHandleOwner {
    func closeForLoopShutdown() {
        close()
    }

    func handleDidClose() {
        handler = nil
    }
}

extension EventLoop {
    public func watchSignal(_ signal: Int32, handler: @escaping () -> Void) throws -> SignalWatcher {
        let handle = UnsafeMutablePointer<uv_signal_t>.allocate(capacity: 1)
        var status = uv_signal_init(rawLoop, handle)
        if status < 0 {
            handle.deallocate()  // not registered with the loop
            throw TransportError(code: status, operation: "uv_signal_init")
        }
        handle.pointee.data = nil
        status = uv_signal_start(handle, { handle, _ in
            owner(of: handle.map { asHandle($0) }, as: SignalWatcher.self)?.fire()
        }, signal)
        if status < 0 {
            closeAndFree(asHandle(handle))
            throw TransportError(code: status, operation: "watch signal \(signal)")
        }
        SignalMask.unblock(signal)
        return SignalWatcher(signal: handle, number: signal, handler: handler)
    }
}

/// Outside `SignalWatcher`, whose `signal` property hides the C function.
private func ignore(signal number: Int32) {
    signal(number, SIG_IGN)
}
