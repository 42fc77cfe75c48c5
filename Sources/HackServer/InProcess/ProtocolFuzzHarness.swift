import Foundation
import HackProtocol
import HackTransport
import Logging

/// The protocol fuzzer's target, one implementation for `hackfuzz`
/// (libFuzzer) and for the test that replays the committed corpus and every
/// regression: an input is one connection's bytes, read by the real decoder
/// and state machine, its calls served by the real router and services over
/// the demo event, on a real loop and SQLite file.
///
/// After an input the loop runs until every write is committed and every
/// unary call answered, then the connection closes and its streams must be
/// released. A server that wrote anything is replaced by a fresh copy of
/// the seeded demo, so every input starts from the same state and a crash
/// replays from its input alone.
package final class ProtocolFuzzHarness {
    /// How long a drain may wait for the loop before it counts as a hang.
    static let drainLimitMs: UInt64 = 5_000

    private let template: DemoTemplate
    private var server: InProcessServer
    /// hackd's defaults: the WELCOME it sends and its connection limits.
    private let configuration = ServerConfiguration(databasePath: "")
    /// Servers made so far: one, plus one per input that wrote.
    package private(set) var serversMade = 1

    /// Seeds the demo under `parent`: by default a RAM disk when there is one
    /// (commits fsync), else the temporary directory.
    package init(in parent: URL? = nil) throws {
        let ramDisk = URL(fileURLWithPath: "/dev/shm")
        let parent = parent ?? (FileManager.default.isWritableFile(atPath: ramDisk.path)
            ? ramDisk : FileManager.default.temporaryDirectory)
        template = try DemoTemplate(in: parent, logger: Logger(label: "hackfuzz") { _ in SwiftLogNoOpLogHandler() })
        server = try template.makeServer()
    }

    /// Runs one input (see `FuzzInput`); its outcome lists the rules it
    /// made the server break, none when the server stayed consistent.
    package func run(_ bytes: [UInt8]) throws -> FuzzOutcome {
        let input = FuzzInput(bytes: bytes)
        let connection = FuzzConnection(welcome: configuration.welcome, policy: configuration.connectionPolicy,
                                        router: server.router, loop: server.loop)
        if let hello = try input.helloFrame(template: template) {
            connection.received(ArraySlice(FrameEncoder.encode(hello)))
        }
        let count = input.stream.count
        // Shutdown begins once half the stream has arrived (at once if that is
        // nothing), unless the connection went away before.
        var shutdownAt = input.shutsDownMidway ? count / 2 : nil
        var offset = 0
        while !connection.wentAway {
            if let at = shutdownAt, offset >= at {
                shutdownAt = nil
                shutDown(connection)
            }
            guard offset < count else { break }
            let end = offset + min(input.readSize, (shutdownAt ?? count) - offset)
            connection.received(input.stream[offset..<end])
            offset = end
            server.loop.runOnce(waiting: false)
        }
        drain(connection)
        connection.check(!connection.isDraining || connection.wentAway || connection.hasOpenCalls,
                         "a draining connection with no call left did not say GOAWAY")
        connection.peerClosed()
        server.loop.runOnce(waiting: false)
        connection.check(server.app.watchers.count == 0,
                         "\(server.app.watchers.count) watchers left after the connection closed")
        if server.app.committer.commitCount > 0 || !server.app.isServing { try replaceServer() }
        return connection.outcome
    }

    /// Closes the loop (it must close cleanly: this throws otherwise) and
    /// removes every file.
    package func close() throws {
        defer { template.remove() }
        try server.close()
    }

    /// The files at `paths` (a directory stands for its files), sorted by
    /// path, with their bytes: the inputs a replay runs.
    package static func inputFiles(at paths: [String]) throws -> [(path: String, bytes: [UInt8])] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
                files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
            } else {
                files.append(path)
            }
        }
        return try files.sorted().map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: $0)))) }
    }

    /// What `HackServer.shutdown` does to the application and each connection.
    private func shutDown(_ connection: FuzzConnection) {
        server.app.isServing = false
        server.app.watchers.endAll()
        connection.startDraining()
    }

    /// Runs the loop until every write is committed and every unary call of
    /// `connection` is answered; a wait past `drainLimitMs` is a violation.
    private func drain(_ connection: FuzzConnection) {
        let committer = server.app.committer
        var done: Bool { committer.isIdle && connection.unansweredCallIds.isEmpty }
        guard !done else { return }
        var expired = false
        let limit = server.loop.makeTimer()
        server.loop.updateTime()
        limit.start(afterMs: Self.drainLimitMs) { expired = true }
        while !done, !expired {
            guard server.loop.runOnce(waiting: true) else { break }
        }
        limit.close()
        connection.check(committer.isIdle, "writes still uncommitted after the drain")
        connection.check(connection.unansweredCallIds.isEmpty,
                         "unary calls \(connection.unansweredCallIds.sorted()) never answered")
    }

    private func replaceServer() throws {
        try server.close()
        template.discard(server)
        server = try template.makeServer()
        serversMade += 1
    }
}
