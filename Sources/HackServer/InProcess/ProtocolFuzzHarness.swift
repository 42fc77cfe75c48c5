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
        var offset = 0
        while offset < input.stream.count, !connection.wentAway {
            let end = min(input.stream.count, offset + input.readSize)
            connection.received(input.stream[offset..<end])
            offset = end
            server.loop.runOnce(waiting: false)
        }
        drain(connection)
        connection.peerClosed()
        server.loop.runOnce(waiting: false)
        connection.check(server.app.watchers.count == 0,
                         "\(server.app.watchers.count) watchers left after the connection closed")
        if server.app.committer.commitCount > 0 { try replaceServer() }
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

/// What a fuzz input means. The first byte is a control byte, the rest is
/// what the peer sends:
/// - low 4 bits: 0, the stream brings its own HELLO; 1 to 7, the harness
///   sends a HELLO first with the demo token of `helloRoles[n - 1]`, so the
///   stream's calls reach authenticated paths; 8 to 15, a HELLO with no token;
/// - high 4 bits: 0, the stream arrives in one read; n, in reads of
///   2^(n-1) bytes, with a loop turn between reads.
package struct FuzzInput: Sendable, Equatable {
    package enum Hello: Sendable, Equatable {
        case fromStream
        case role(String)
        case anonymous
    }

    /// The roles a harness HELLO can carry (the first demo token of each).
    package static let helloRoles = ["admin", "organiser", "moderator", "territory", "juror", "team", "observer"]

    package var hello: Hello
    package var readSize: Int
    package var stream: [UInt8]

    package init(hello: Hello, readSize: Int = .max, stream: [UInt8]) {
        self.hello = hello
        self.readSize = readSize
        self.stream = stream
    }

    package init(bytes: [UInt8]) {
        let control = bytes.first ?? 0
        let helloBits = Int(control & 0x0F)
        hello = switch helloBits {
        case 0: .fromStream
        case 1...Self.helloRoles.count: .role(Self.helloRoles[helloBits - 1])
        default: .anonymous
        }
        let readBits = Int(control >> 4)
        readSize = readBits == 0 ? .max : 1 << (readBits - 1)
        stream = Array(bytes.dropFirst())
    }

    /// The input as bytes; a read size is rounded down to a power of two.
    package var bytes: [UInt8] {
        let helloBits: UInt8 = switch hello {
        case .fromStream: 0
        case .role(let role): UInt8(Self.helloRoles.firstIndex(of: role).map { $0 + 1 } ?? 8)
        case .anonymous: 8
        }
        let readBits: UInt8 = readSize >= 1 << 15 ? 0 : UInt8(min(15, Int.bitWidth - readSize.leadingZeroBitCount))
        return [readBits << 4 | helloBits] + stream
    }

    /// The HELLO the harness sends before the stream, if any.
    func helloFrame(template: DemoTemplate) throws -> Frame? {
        var hello = Hack_V1_Hello()
        hello.protocolVersion = ProtocolVersion.current
        hello.clientName = "hackfuzz"
        switch self.hello {
        case .fromStream: return nil
        case .anonymous: break
        case .role(let role):
            guard let secret = template.secret(role) else { throw FuzzInputError.noDemoToken(role: role) }
            hello.metadata["authorization"] = "Bearer \(secret)"
        }
        return Frame(kind: .hello, message: hello)
    }

    enum FuzzInputError: Error {
        case noDemoToken(role: String)
    }
}
