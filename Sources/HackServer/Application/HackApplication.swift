import HackDomain
import HackProtocol
import HackStorage
import Logging

/// The server's application core: the in-memory state, how commands become
/// durable changes, and who hears of them. It knows nothing of sockets.
///
/// Two states are kept. `committed` holds only what is on disk: reads see
/// it, so nobody ever reads data that a crash could lose. `pending` is
/// `committed` plus the writes waiting for their commit: commands are
/// decided against it, so two writes in one group see each other (a second
/// team with the same name is refused before either is on disk).
final class HackApplication {
    private(set) var committed: HackState {
        didSet {
            committedVersion &+= 1
            committedTokensVersion = committed.tokensVersion
        }
    }
    /// Counts the changes to `committed`, so that what is derived from it
    /// can be remembered until the next one.
    private(set) var committedVersion: UInt64 = 0
    /// `committed.tokensVersion`, kept apart: authenticating a caller whose
    /// principal is remembered reads it without fetching the state.
    private(set) var committedTokensVersion: UInt64
    let eventCache = EncodedEventCache()
    private var pending: HackState
    let clock: WallClock
    let committer: GroupCommitter
    let watchers: WatchHub
    /// Told the event's slug after each durable change of a run (the clock re-arms on it).
    var onRunChanged: ((String) -> Void)?
    /// False once shutdown has begun: hack.v1.Health answers NOT_SERVING.
    var isServing = true
    private let logger: Logger

    init(state: HackState, clock: WallClock, committer: GroupCommitter, logger: Logger) {
        committed = state
        committedTokensVersion = state.tokensVersion
        pending = state
        self.clock = clock
        self.committer = committer
        self.logger = logger
        watchers = WatchHub(clock: clock, loop: committer.loop)
        watchers.runAt = { [unowned self] slug, now in
            guard let event = self.committed.event(slug: slug) else { return nil }
            return self.committed.run(of: event, at: now)
        }
    }

    /// The state writes are decided (and their permissions checked) against.
    var decisionState: HackState { pending }

    /// Decides a command, queues its change and audit entry for the next
    /// group commit, and reports the change once it is durable (or why it
    /// was refused).
    /// Unaudited writes are the server clock's own (its transitions are in
    /// each run's history, not in the log of what callers did).
    ///
    /// `publishAtOnce`: watchers hear of the change when it is decided, not
    /// when it is durable. Only for the clock's transitions: they are a pure
    /// function of durable state and time (a restart records the very same
    /// ones at the same instants), and reads already show them caught up, so
    /// a countdown flips on the instant instead of one fsync later.
    func execute(_ command: Command, by principal: Principal?, method: String, audited: Bool = true,
                 publishAtOnce: Bool = false, completion: @escaping (Result<Change, RPCError>) -> Void) {
        let change: Change
        let now = clock.now()
        do {
            change = try pending.decide(command, at: now)
        } catch {
            completion(.failure(RPCError(error)))
            return
        }
        let audit = audited ? AuditStamp(for: change, in: pending, at: now, by: principal?.token, method: method) : nil
        pending.apply(change)
        if publishAtOnce {
            var decided = committed
            decided.apply(change)
            watchers.publish(change, in: decided, at: now)
        }
        committer.enqueue(change, audit: audit) { [unowned self] durable in
            guard durable else {
                self.rebuildPending()
                completion(.failure(.commitFailed))
                return
            }
            self.committed.apply(change)
            if !publishAtOnce { self.watchers.publish(change, in: self.committed, at: self.clock.now()) }
            if case .runChanged(let slug, _, _) = change { self.onRunChanged?(slug) }
            completion(.success(change))
        }
    }

    /// After a failed commit, the refused changes leave `pending`: it is
    /// rebuilt from what is durable plus what is still queued.
    private func rebuildPending() {
        var rebuilt = committed
        for change in committer.queuedChanges { rebuilt.apply(change) }
        pending = rebuilt
    }
}
