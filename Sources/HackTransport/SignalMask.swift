#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The calling thread's signal mask: which signals it may be interrupted by.
/// A process-directed signal goes to any one thread that does not block it.
enum SignalMask {
    /// Runs `body` with `signals` blocked on this thread, then restores the
    /// mask; a signal arriving meanwhile waits, pending, until then.
    static func blocking<T>(_ signals: [Int32], _ body: () -> T) -> T {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return body()
    }

    /// A process may start with signals blocked (inherited from a parent's
    /// thread, e.g. a test runner): libuv would then never see them.
    static func unblock(_ signal: Int32) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signals sent to a process rather than raised by what a thread
    /// does (a fault, an abort): libuv's threadpool never takes them, so
    /// the loop thread alone decides what they do.
    static let asynchronous = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGWINCH]
}
