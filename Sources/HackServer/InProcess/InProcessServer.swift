import Foundation
import HackDomain
import HackProtocol
import HackStorage
import HackTransport
import Logging

/// hackd's application core wired as `HackServer` wires it (group committer,
/// application, run clock, router with every service), on its own loop and
/// SQLite file but without a listener: the service tests and the protocol
/// fuzzer drive it in-process, through the real router.
final class InProcessServer {
    let directory: URL
    let loop: EventLoop
    let store: HackStore
    /// The committer, application, run clock and router, wired once.
    private let core: ServerCore
    var app: HackApplication { core.app }
    var router: MethodRouter { core.router }
    var runClock: RunClock { core.runClock }
    let clock: ManualClock

    /// Opens (or creates) `directory/hackd.db` and serves `state`, which must
    /// be what that file holds.
    init(directory: URL, state: HackState, clock: ManualClock, logger: Logger) throws {
        self.directory = directory
        self.clock = clock
        loop = try EventLoop()
        store = try HackStore(path: directory.appendingPathComponent(Self.databaseName).path, clock: clock)
        // No listener: Server/Stats reports no open connection.
        core = ServerCore(loop: loop, store: store, state: state, clock: clock, logger: logger) { 0 }
    }

    static let databaseName = "hackd.db"

    /// Closes the loop, which must close cleanly (`uv_loop_close` returns 0,
    /// or this throws), then the store. The directory stays.
    func close() throws {
        core.close()
        try loop.close()
        store.close()
    }
}

/// The demo event seeded once into a template database. Each server made
/// from it starts from a copy of that file and the same in-memory state, at
/// the same manual time, with the same tokens: a fresh server costs a file
/// copy, not a seeding.
final class DemoTemplate {
    /// 2017-10-10 09:00 UTC, the morning of the demo event.
    static let startTime: Millis = 1_507_626_000_000

    /// Holds the template database and one subdirectory per server made.
    let directory: URL
    let state: HackState
    /// The demo tokens, in `DemoSeed`'s order.
    let tokens: [IssuedSecret]
    private let logger: Logger
    private var serversMade = 0

    /// Seeds a new directory under `parent` (the system's temporary one by default).
    init(in parent: URL = FileManager.default.temporaryDirectory, logger: Logger = Logger(label: "hackd.in-process")) throws {
        directory = parent.appendingPathComponent("hackd-\(UUID().uuidString)")
        self.logger = logger
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try HackStore(path: directory.appendingPathComponent(InProcessServer.databaseName).path,
                                  clock: ManualClock(Self.startTime))
        defer { store.close() }
        var seeding = Seeding(state: try store.loadState(), clock: ManualClock(Self.startTime), method: "test")
        tokens = try DemoSeed.run(&seeding)
        try seeding.commit(to: store)
        state = seeding.state
    }

    /// The secret of the first demo token of `role` (and `scope`, if given).
    func secret(_ role: String, scope: String? = nil) -> String? {
        tokens.first { $0.role == role && (scope == nil || $0.scope == scope) }?.secret
    }

    /// A server on a copy of the template database, its clock at `startTime`.
    func makeServer() throws -> InProcessServer {
        serversMade += 1
        let serverDirectory = directory.appendingPathComponent("server-\(serversMade)")
        try FileManager.default.createDirectory(at: serverDirectory, withIntermediateDirectories: true)
        try copyDatabase(to: serverDirectory.appendingPathComponent(InProcessServer.databaseName))
        return try InProcessServer(directory: serverDirectory, state: state, clock: ManualClock(Self.startTime),
                                   logger: logger)
    }

    /// Copies the template database. A signal can interrupt the copy (EINTR:
    /// libFuzzer's timeout timer fires every few seconds) and Foundation does
    /// not retry it, so this does, a few times.
    private func copyDatabase(to destination: URL) throws {
        let source = directory.appendingPathComponent(InProcessServer.databaseName)
        for attempt in 1... {
            do {
                try FileManager.default.copyItem(at: source, to: destination)
                return
            } catch where attempt < 4 {
                try? FileManager.default.removeItem(at: destination)
            }
        }
    }

    /// Removes one closed server's files.
    func discard(_ server: InProcessServer) {
        try? FileManager.default.removeItem(at: server.directory)
    }

    /// Removes the template and every server's files.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
