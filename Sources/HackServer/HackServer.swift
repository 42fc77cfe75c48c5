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
    private let app: HackApplication
    private let router = MethodRouter()
    private var listener: TCPListener?
    private var connections: [ObjectIdentifier: ConnectionHandler] = [:]
    private var signals: [SignalWatcher] = []
    private var shuttingDown = false

    public init(configuration: ServerConfiguration, clock: WallClock = SystemClock(), logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        loop = try EventLoop()
        store = try HackStore(path: configuration.databasePath)
        var state = try store.loadState()
        if configuration.loadDemo {
            state = try Self.seedDemo(into: state, store: store, clock: clock, logger: logger)
        }
        let committer = GroupCommitter(loop: loop, store: store, logger: logger)
        app = HackApplication(state: state, clock: clock, committer: committer, logger: logger)
        AllServices.register(on: router, app: app)
    }

    /// Starts listening; returns the bound address (the real port when 0
    /// was asked).
    public func start() throws -> (host: String, port: UInt16) {
        let listener = try loop.listen(host: configuration.host, port: configuration.port) { [unowned self] in
            self.accept($0)
        }
        self.listener = listener
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

    /// Stops accepting, lets queued writes commit, then says GOAWAY to
    /// every client and lets the loop end.
    public func shutdown() {
        guard !shuttingDown else { return }
        shuttingDown = true
        logger.info("shutting down")
        listener?.close()
        listener = nil
        app.committer.whenIdle { [unowned self] in
            self.app.watchers.endAll()
            for connection in self.connections.values {
                connection.goAway(RPCError(.unavailable, "the server is shutting down"))
            }
            self.app.committer.close()
            for signal in self.signals { signal.close() }
            self.signals = []
        }
    }

    private func accept(_ connection: TCPConnection) {
        let handler = ConnectionHandler(connection: connection, welcome: configuration.welcome,
                                        dispatcher: router, loop: loop, logger: logger)
        connections[ObjectIdentifier(handler)] = handler
        handler.onClosed = { [unowned self] in self.connections[ObjectIdentifier($0)] = nil }
        handler.start()
    }

    /// Seeds the demo event once, before listening: it is committed like any
    /// other write, synchronously since nobody is connected yet.
    private static func seedDemo(into state: HackState, store: HackStore, clock: WallClock,
                                 logger: Logger) throws -> HackState {
        guard state.event(slug: DemoScenario.eventSlug) == nil else { return state }
        var seeded = state
        var changes: [Change] = []
        for command in DemoScenario.parcoursFrance2017 {
            let change = try seeded.decide(command, at: clock.now())
            seeded.apply(change)
            changes.append(change)
        }
        try store.commit(changes)
        logger.info("demo event loaded", metadata: ["event": "\(DemoScenario.eventSlug)"])
        return seeded
    }
}
