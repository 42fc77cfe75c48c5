import HackDomain
import HackTransport
import Logging

/// The server owns the clock of every event: one libuv timer per event
/// whose run has something due (a scheduled start, the end of the current
/// phase). When it fires, the transitions that fell due are decided and
/// committed like any write, each at the instant it fell due.
///
/// Timers only make transitions durable and tell watchers: reads and phase
/// gates already see the run caught up to the server clock, so a timer firing
/// a millisecond late changes nothing anyone can observe but that delay.
/// Watchers are told as the timer fires, without waiting for the commit
/// (see `HackApplication.execute(publishAtOnce:)`), and the next timer is
/// armed from the decided run at once: a slow disk delays durability, never
/// the next transition. Deciding against the pending state makes a second
/// advance of the same instant a no-op (nothing is due any more).
final class RunClock {
    /// Audit and logs name the clock's writes by this method.
    static let method = "hackd clock"

    private let loop: EventLoop
    private unowned let app: HackApplication
    private let logger: Logger
    private var timers: [String: LoopTimer] = [:]

    init(loop: EventLoop, app: HackApplication, logger: Logger) {
        self.loop = loop
        self.app = app
        self.logger = logger
    }

    /// Arms a timer for every event with something due.
    func start() {
        for (slug, _) in app.committed.runsDue { arm(slug) }
    }

    /// (Re)arms the event's timer for its next due instant, or stops it.
    func arm(_ slug: String) {
        guard let due = app.decisionState.run(eventSlug: slug).nextDue else {
            timers.removeValue(forKey: slug)?.close()
            return
        }
        let timer = timers[slug] ?? loop.makeTimer()
        timers[slug] = timer
        loop.updateTime()
        let delay = max(0, due - app.clock.now())
        timer.start(afterMs: UInt64(delay)) { [unowned self] in self.fire(slug, due: due) }
    }

    /// Advances every run with something due at the server clock's now
    /// (what the timers do; tests with a manual clock call it directly).
    func advanceDue() {
        let now = app.clock.now()
        for (slug, due) in app.decisionState.runsDue where due <= now { advance(slug) }
    }

    func close() {
        for timer in timers.values { timer.close() }
        timers = [:]
    }

    private func retry(_ slug: String, afterMs delay: UInt64) {
        let timer = timers[slug] ?? loop.makeTimer()
        timers[slug] = timer
        timer.start(afterMs: delay) { [unowned self] in self.advance(slug) }
    }

    private func fire(_ slug: String, due: Millis) {
        // libuv's timers run on the loop's monotonic clock; the server's clock
        // may disagree by a millisecond: never act before the instant is due.
        if app.clock.now() < due {
            arm(slug)
            return
        }
        advance(slug)
    }

    private func advance(_ slug: String) {
        var answered = false
        app.execute(.advanceRun(eventSlug: slug), by: nil, method: Self.method, audited: false,
                    publishAtOnce: true) { [unowned self] result in
            answered = true
            if case .failure(let error) = result, error.status != .failedPrecondition {
                // Not committed (a disk error): try again in a second rather than spin.
                self.logger.error("could not advance the run", metadata: ["event": "\(slug)", "error": "\(error.message)"])
                self.retry(slug, afterMs: 1_000)
                return
            }
            self.arm(slug)
        }
        // Decided and queued for commit: the next instant is known before the commit lands.
        if !answered { arm(slug) }
    }
}
