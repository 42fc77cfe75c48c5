import Foundation
import HackProtocol
import Testing
@testable import HackServer

/// The protocol fuzzer's inputs, replayed without libFuzzer through the
/// same harness `hackfuzz` runs (`ProtocolFuzzHarness`): the committed seed
/// corpus, which the seeds of `FuzzSeed` write, and every crash the fuzzer
/// found, kept in `Tests/Fuzz/regressions/`.
@Suite(.serialized)
struct FuzzCorpusTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")
    static let corpus = fuzzDirectory.appendingPathComponent("corpus")
    static let regressions = fuzzDirectory.appendingPathComponent("regressions")

    /// `HACKD_UPDATE_FUZZ_CORPUS=1 swift test --filter FuzzCorpusTests` rewrites the corpus.
    @Test func committedCorpusIsWhatTheSeedsWrite() throws {
        let files = FileManager.default
        if ProcessInfo.processInfo.environment["HACKD_UPDATE_FUZZ_CORPUS"] == "1" {
            try? files.removeItem(at: Self.corpus)
            try files.createDirectory(at: Self.corpus, withIntermediateDirectories: true)
            for seed in FuzzSeed.all {
                try Data(seed.input.bytes).write(to: Self.corpus.appendingPathComponent(seed.name))
            }
        }
        let committed = try files.contentsOfDirectory(atPath: Self.corpus.path)
        #expect(Set(committed) == Set(FuzzSeed.all.map(\.name)), "run with HACKD_UPDATE_FUZZ_CORPUS=1 and commit the result")
        #expect(Set(FuzzSeed.all.map(\.name)).count == FuzzSeed.all.count, "two seeds share a name")
        for seed in FuzzSeed.all where committed.contains(seed.name) {
            let bytes = try Data(contentsOf: Self.corpus.appendingPathComponent(seed.name))
            #expect(Array(bytes) == seed.input.bytes, "\(seed.name) is stale: run with HACKD_UPDATE_FUZZ_CORPUS=1")
        }
    }

    /// Each seed reaches what it was written for: the answers it gets are the documented ones.
    @Test func seedsGetTheirAnswers() throws {
        let harness = try ProtocolFuzzHarness()
        for seed in FuzzSeed.all {
            let outcome = try harness.run(seed.input.bytes)
            #expect(outcome.violations == [], "\(seed.name)")
            #expect(outcome.responses == seed.responses, "\(seed.name)")
            #expect(outcome.goAway == seed.goAway, "\(seed.name)")
        }
        #expect(harness.serversMade > 1, "seeds that write get a fresh server after them")
        try harness.close()
    }

    /// Every committed input, seeds and regressions, leaves the server
    /// consistent: every frame well formed, every unary call answered, every
    /// stream released at close, and the loop closing cleanly.
    @Test func everyCommittedInputLeavesTheServerConsistent() throws {
        let directories = [Self.corpus.path, Self.regressions.path].filter { FileManager.default.fileExists(atPath: $0) }
        let inputs = try ProtocolFuzzHarness.inputFiles(at: directories)
        #expect(inputs.count >= FuzzSeed.all.count)
        let harness = try ProtocolFuzzHarness()
        for input in inputs {
            let outcome = try harness.run(input.bytes)
            #expect(outcome.violations == [], "\(input.path)")
        }
        try harness.close()
    }

    /// The checks can fail: frames a correct server never writes are reported.
    @Test func framesNoServerShouldWriteAreViolations() throws {
        let harness = try ServiceHarness()
        let connection = FuzzConnection(welcome: ServerConfiguration(databasePath: "").welcome, policy: ConnectionPolicy(),
                                        router: harness.router, loop: harness.loop)
        connection.write(kind: .message, callId: 9, encodedBody: [0x08, 0x80])
        #expect(connection.outcome.violations == [
            "MESSAGE for call 9, which is not open",
            "INVALID_ARGUMENT: MESSAGE frame body is not a valid hack.v1.EventUpdate",
        ])
        connection.received([0, 0, 0, 4][...])  // a length under 5: GOAWAY
        #expect(connection.outcome.goAway == .invalidArgument)
        connection.write(kind: .message, callId: 9, encodedBody: [])
        #expect(connection.outcome.violations.contains("MESSAGE written after GOAWAY"))
        try harness.close()
    }

    @Test(arguments: [
        FuzzInput(hello: .fromStream, stream: [1, 2]),
        FuzzInput(hello: .role("observer"), readSize: 1, stream: []),
        FuzzInput(hello: .anonymous, readSize: 64, shutsDownMidway: true, stream: [0]),
        FuzzInput(hello: .role("admin"), readSize: 8, stream: [0xFF]),
    ])
    func inputsRoundTripThroughTheirBytes(input: FuzzInput) {
        #expect(FuzzInput(bytes: input.bytes) == input)
    }
}
