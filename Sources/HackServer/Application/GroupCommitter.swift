import HackDomain
import HackProtocol
import HackStorage
import HackTransport
import Logging

/// Commits changes in groups: everything queued during a loop turn (and
/// during the previous commit) goes to disk in one transaction, on libuv's
/// threadpool, so the loop keeps serving reads while the disk syncs. A
/// change's completion runs only after its transaction is durably committed.
///
/// When a commit lands, the writers it answers usually write again within
/// a round trip. The next commit waits for them, as long as the writes
/// queued are fewer than the writers seen, and never longer than
/// `gatherWindowMs` (1 ms): one fsync then carries every busy writer
/// instead of half of them (PostgreSQL's `commit_delay`, adaptive).
final class GroupCommitter {
    typealias Completion = (_ committed: Bool) -> Void

    let loop: EventLoop
    private let store: HackStore
    private let logger: Logger
    /// What the next commit carries, in order: the changes, their audit
    /// stamps (nil: not audited), and whom to tell. Kept apart (not as an
    /// array of tuples) so a batch is handed on without copying and freed
    /// without the runtime's generic tuple code.
    private(set) var queuedChanges: [Change] = []
    private var queuedStamps: [AuditStamp?] = []
    private var queuedCompletions: [Completion] = []
    private var commitInFlight = false
    /// Writers expected back before the next commit: those the last commit
    /// answered plus those already waiting.
    private var expectedWriters = 0
    private var gatherTimer: LoopTimer?
    private var isGathering = false
    private var turnHook: TurnHook?
    /// Runs once nothing is queued or in flight (used by shutdown).
    private var onIdle: [() -> Void] = []

    private(set) var commitCount = 0
    private(set) var committedChangeCount = 0

    init(loop: EventLoop, store: HackStore, logger: Logger, gatherWindowMs: UInt64 = 1) {
        self.loop = loop
        self.gatherWindowMs = gatherWindowMs
        self.store = store
        self.logger = logger
        turnHook = loop.onEveryTurn { [unowned self] in self.flush() }
    }

    var isIdle: Bool { queuedChanges.isEmpty && !commitInFlight }

    /// Queues a change and its audit entry: both land in the same
    /// transaction. The entry's text is written on the commit's thread.
    func enqueue(_ change: Change, audit: AuditStamp?, completion: @escaping Completion) {
        queuedChanges.append(change)
        queuedStamps.append(audit)
        queuedCompletions.append(completion)
        turnHook?.requestTurn()
    }

    func whenIdle(_ body: @escaping () -> Void) {
        if isIdle { body() } else { onIdle.append(body) }
    }

    /// Reads from the database on the threadpool (what memory does not
    /// hold, like the audit log); the answer comes back on the loop.
    func read<Value: Sendable>(_ work: @escaping @Sendable (HackStore) throws -> Value,
                               completion: @escaping (Result<Value, RPCError>) -> Void) {
        let store = store
        let logger = logger
        loop.runInBackground({ () -> Result<Value, RPCError> in
            do {
                return .success(try work(store))
            } catch {
                logger.error("database read failed: \(error)")
                return .failure(RPCError(.internal, "the database could not be read"))
            }
        }, completion: completion)
    }

    /// The longest the next commit waits for the writers just answered.
    let gatherWindowMs: UInt64

    func close() {
        turnHook?.close()
        turnHook = nil
        gatherTimer?.close()
        gatherTimer = nil
    }

    private func flush() {
        guard !commitInFlight, !queuedChanges.isEmpty else { return }
        if queuedChanges.count < expectedWriters {
            guard !isGathering else { return }
            isGathering = true
            let timer = gatherTimer ?? loop.makeTimer()
            gatherTimer = timer
            timer.start(afterMs: gatherWindowMs) { [unowned self] in
                self.expectedWriters = 0
                self.flush()
            }
            return
        }
        if isGathering {
            isGathering = false
            gatherTimer?.stop()
        }
        expectedWriters = 0
        let changes = queuedChanges
        let stamps = queuedStamps
        let completions = queuedCompletions
        queuedChanges = []
        queuedStamps = []
        queuedCompletions = []
        commitInFlight = true
        let store = store
        loop.runInBackground({ () -> String? in
            do {
                var audit: [AuditEntry] = []
                for (change, stamp) in zip(changes, stamps) {
                    if let stamp { audit.append(AuditEntry(stamp, change: change)) }
                }
                try store.commit(changes, audit: audit)
                return nil
            } catch {
                return "\(error)"
            }
        }, completion: { [unowned self] failure in
            self.commitInFlight = false
            self.expectedWriters = failure == nil ? changes.count + self.queuedChanges.count : 0
            if let failure {
                self.logger.error("commit of \(changes.count) changes failed: \(failure)")
            } else {
                self.commitCount += 1
                self.committedChangeCount += changes.count
            }
            for completion in completions { completion(failure == nil) }
            if self.isIdle {
                let waiting = self.onIdle
                self.onIdle = []
                for body in waiting { body() }
            }
        })
    }
}
