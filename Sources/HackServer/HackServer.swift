import HackDomain
import HackProtocol
import HackStorage
import HackTransport
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// hackd as a whole: opens the store, loads the state into memory, listens,
/// and runs the loop until SIGINT or SIGTERM, then shuts down cleanly.
public final class HackServer {
    public let configuration: ServerConfiguration
    private let logger: Logger
    private let loop: EventLoop
    private let store: HackStore
    /// The committer, application, run clock and router, wired once.
    private let core: ServerCore
    private var app: HackApplication { core.app }
    private var router: MethodRouter { core.router }
    private var runClock: RunClock { core.runClock }
    /// Demo tokens issued at this start (`--demo`), for hackd to print once.
    public let demoTokens: [IssuedSecret]
    private var listener: TCPListener?
    private var connections: [ObjectIdentifier: ConnectionHandler] = [:] {
        didSet { openConnections.count = connections.count }
    }
    /// How many connections are open, for Server/Stats (read by the router).
    private let openConnections = ConnectionCount()
    /// Connections' output, written once per loop turn.
    private let turnWrites: TurnWrites
    private var signals: [SignalWatcher] = []
    /// One timer looks at every connection's keepalive clock.
    private var sweeper: LoopTimer?
    private var graceTimer: LoopTimer?
    private var shuttingDown = false
    private var stopped = false

    public init(configuration: ServerConfiguration, clock: WallClock = SystemClock(), logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        loop = try EventLoop()
        turnWrites = TurnWrites(loop: loop)
        let opening = ContinuousClock.now
        store = try HackStore(path: configuration.databasePath)
        var state = try store.loadState()
        logger.info("state loaded", metadata: ["ideas": "\(state.ideaCount)", "took": "\(ContinuousClock.now - opening)"])
        if configuration.loadDemo {
            var seeding = Seeding(state: state, clock: clock, method: "hackd --demo")
            demoTokens = try DemoSeed.run(&seeding)
            try seeding.commit(to: store)
            state = seeding.state
            logger.info("demo event loaded", metadata: ["event": "\(DemoScenario.eventSlug)"])
        } else {
            demoTokens = []
        }
        state = try Self.catchUpRuns(state, store: store, clock: clock, logger: logger)
        let openConnections = self.openConnections
        core = ServerCore(loop: loop, store: store, state: state, clock: clock, logger: logger) {
            openConnections.count
        }
    }

    /// `hackd init`: creates the database if needed and issues the server
    /// admin token, whose secret exists only in the returned value. Refused
    /// when a valid admin token exists already.
    public static func initialise(databasePath: String, clock: WallClock = SystemClock()) throws -> IssuedSecret {
        let store = try HackStore(path: databasePath)
        defer { store.close() }
        let state = try store.loadState()
        if let admin = state.tokens(eventSlug: nil).first(where: { $0.grant.role == .admin && $0.revokedAt == nil }) {
            throw InitialisationError.alreadyInitialised(tokenId: admin.id)
        }
        var seeding = Seeding(state: state, clock: clock, method: "hackd init")
        let admin = try seeding.issueToken(name: "Administrateur", grant: Grant(
            role: .admin, eventSlug: nil, territorySlug: nil, teamId: nil, challengeIds: []))
        try seeding.commit(to: store)
        return admin
    }

    public enum InitialisationError: Error, CustomStringConvertible {
        case alreadyInitialised(tokenId: Int64)

        public var description: String {
            switch self {
            case .alreadyInitialised(let id):
                "the database already has an admin token (id \(id)); revoke it with hackctl to issue a new one"
            }
        }
    }

    /// Starts listening; returns the bound address (the real port when 0
    /// was asked).
    public func start() throws -> (host: String, port: UInt16) {
        let listener = try loop.listen(host: configuration.host, port: configuration.port) { [unowned self] in
            self.accept($0)
        }
        self.listener = listener
        let needed = configuration.maxConnections + Self.reservedDescriptors
        let descriptors = DescriptorLimit.raise(toAtLeast: needed)
        if descriptors < needed {
            logger.warning("""
                the open-file limit (\(descriptors)) is below the \(needed) descriptors --max-connections \
                \(configuration.maxConnections) needs (\(Self.reservedDescriptors) kept for the database and the loop): \
                connections past \(max(0, descriptors - Self.reservedDescriptors)) may be refused by the system
                """)
        }
        let sweeper = loop.makeTimer()
        let interval = configuration.connectionPolicy.sweepIntervalMs
        sweeper.start(afterMs: interval, repeatMs: interval) { [unowned self] in self.sweep() }
        self.sweeper = sweeper
        runClock.start()
        for signal in [SIGINT, SIGTERM] {
            signals.append(try loop.watchSignal(signal) { [unowned self] in self.shutdown() })
        }
        logger.info("listening", metadata: ["host": "\(listener.host)", "port": "\(listener.port)"])
        return (listener.host, listener.port)
    }

    /// Runs until shutdown, then releases every handle and the store.
    public func run() throws {
        loop.run()
        try loop.close()
        store.close()
        logger.info("stopped", metadata: ["commits": "\(app.committer.commitCount)",
                                          "changes": "\(app.committer.committedChangeCount)"])
    }

    /// Descriptors kept for the database, the listener and the loop's own.
    static let reservedDescriptors = 64

    /// Stops accepting and ends every Watch stream; each connection says
    /// GOAWAY once its calls in flight are done; whatever is left when the
    /// grace period ends is reset. Queued writes commit whatever happens;
    /// the loop ends when nothing is left.
    public func shutdown() {
        guard !shuttingDown else { return }
        shuttingDown = true
        app.isServing = false
        logger.info("shutting down", metadata: ["connections": "\(connections.count)",
                                                "grace_ms": "\(configuration.shutdownGraceMs)"])
        listener?.close()
        listener = nil
        app.watchers.endAll()
        for connection in connections.values { connection.startDraining() }
        let grace = loop.makeTimer()
        grace.start(afterMs: configuration.shutdownGraceMs) { [unowned self] in
            guard !self.connections.isEmpty else { return }
            let calls = self.connections.values.reduce(0) { $0 + $1.openCallCount }
            self.logger.warning("grace period over: resetting the connections left",
                                metadata: ["connections": "\(self.connections.count)", "calls_in_flight": "\(calls)"])
            for connection in self.connections.values {
                connection.abort(RPCError(.unavailable, "the server is shutting down; the grace period is over"))
            }
        }
        graceTimer = grace
        stopWhenDrained()
    }

    /// The last step of shutdown, once every connection is gone and every
    /// queued write is committed: closing the remaining handles ends the loop.
    private func stopWhenDrained() {
        guard shuttingDown, !stopped, connections.isEmpty else { return }
        stopped = true
        app.committer.whenIdle { [unowned self] in
            self.graceTimer?.close()
            self.sweeper?.close()
            self.core.close()
            self.turnWrites.close()
            for signal in self.signals { signal.closeAndIgnoreFromNowOn() }
            self.signals = []
        }
    }

    private func sweep() {
        let now = loop.now
        for connection in connections.values { connection.sweep(now: now) }
    }

    /// After a stop (even `kill -9`), each run resumes where the clock says it
    /// is: the transitions that fell due while hackd was down are recorded, in
    /// order and at the instants they fell due, before anyone can connect.
    /// Paused runs stay paused: nothing falls due on them.
    private static func catchUpRuns(_ loaded: HackState, store: HackStore, clock: WallClock, logger: Logger) throws -> HackState {
        var seeding = Seeding(state: loaded, clock: clock, method: RunClock.method, audited: false)
        let now = clock.now()
        for (slug, due) in loaded.runsDue.sorted(by: { $0.eventSlug < $1.eventSlug }) where due <= now {
            guard case .runChanged(_, let run, let transitions) = try seeding.run(.advanceRun(eventSlug: slug)) else { continue }
            logger.info("caught up a run", metadata: [
                "event": "\(slug)", "transitions": "\(transitions.count)", "status": "\(run.status.rawValue)",
                "phase": "\(run.phaseIndex + 1)", "remaining_ms": "\(run.remaining(at: now))"])
        }
        try seeding.commit(to: store)
        for (slug, _) in seeding.state.runsDue {
            let run = seeding.state.run(eventSlug: slug)
            logger.info("resuming a run", metadata: [
                "event": "\(slug)", "status": "\(run.status.rawValue)", "phase": "\(run.phaseIndex + 1)",
                "remaining_ms": "\(run.remaining(at: now))"])
        }
        return seeding.state
    }

    private func accept(_ connection: TCPConnection) {
        guard connections.count < configuration.maxConnections else {
            refuse(connection)
            return
        }
        let handler = ConnectionHandler(connection: connection, welcome: configuration.welcome,
                                        policy: configuration.connectionPolicy, dispatcher: router,
                                        turnWrites: turnWrites, loop: loop, logger: logger)
        connections[ObjectIdentifier(handler)] = handler
        handler.onClosed = { [unowned self] in
            self.connections[ObjectIdentifier($0)] = nil
            self.stopWhenDrained()
        }
        handler.start()
    }

    /// One connection too many: told why in its first frame, then closed.
    private func refuse(_ connection: TCPConnection) {
        let limit = configuration.maxConnections
        logger.warning("refusing a connection: limit reached", metadata: ["max_connections": "\(limit)"])
        let reason = RPCError(.resourceExhausted, "the server already serves its limit of \(limit) connections; try again later")
        connection.write(FrameEncoder.encode(ConnectionStateMachine.goAwayFrame(lastCallId: 0, reason)))
        connection.lingerMs = configuration.connectionPolicy.keepaliveTimeoutMs
        connection.close()
    }
}

/// The number of open connections, shared with the services' statistics.
final class ConnectionCount {
    var count = 0
}
