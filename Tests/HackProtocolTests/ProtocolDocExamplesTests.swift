import Foundation
import HackProtocol
import Testing

/// The hex dumps of docs/PROTOCOL.md are what the real encoder writes, and
/// the real decoder reads them back: a client written from the page alone
/// sends and expects exactly these bytes.
///
/// A dump is a fenced block whose info string is `hex NAME`; on each line,
/// the bytes come first and a comment follows after two or more spaces.
@Suite("docs/PROTOCOL.md examples")
struct ProtocolDocExamplesTests {
    /// Each documented example, built with the generated messages.
    static let examples: [String: Frame] = [
        "HELLO": Frame(kind: .hello, message: Hack_V1_Hello.with {
            $0.protocolVersion = 1
            $0.clientName = "hackctl"
        }),
        "WELCOME": Frame(kind: .welcome, message: Hack_V1_Welcome.with {
            $0.protocolVersion = 1
            $0.serverName = "hackd/0.1"
            $0.limits = .with { $0.maxFrameBytes = 4_194_304; $0.maxConcurrentCalls = 100 }
        }),
        "REQUEST": Frame(kind: .request, callId: 1, message: Hack_V1_Request.with {
            $0.method = "hack.v1.Events/Get"
            $0.metadata = ["authorization": "Bearer hk_7_s3cr3t"]
            $0.timeoutMs = 30_000
            $0.payload = try! Hack_V1_GetEventRequest.with { $0.slug = "demo" }.serializedBytes()
        }),
        "RESPONSE": Frame(kind: .response, callId: 2, message: Hack_V1_Response.with {
            $0.status = .ok
            $0.payload = try! Hack_V1_HealthCheckResponse.with { $0.status = .serving }.serializedBytes()
        }),
        "RESPONSE-error": Frame(kind: .response, callId: 1, message: Hack_V1_Response.with {
            $0.status = .deadlineExceeded
            $0.message = "deadline of 30000 ms exceeded"
        }),
        "MESSAGE": Frame(kind: .message, callId: 3, message: Hack_V1_EventUpdate.with {
            $0.serverTimeMs = 1_507_629_600_000
            $0.tick = .with {
                $0.status = .running
                $0.phaseIndex = 1
                $0.phaseEndsAtMs = 1_507_636_500_000
                $0.remainingMs = 6_900_000
            }
        }),
        "CANCEL": Frame(kind: .cancel, callId: 3),
        "PING": Frame(kind: .ping, message: Hack_V1_Ping.with { $0.opaque = 42 }),
        "PONG": Frame(kind: .pong, message: Hack_V1_Ping.with { $0.opaque = 42 }),
        "GOAWAY": Frame(kind: .goaway, message: Hack_V1_GoAway.with {
            $0.lastCallID = 3
            $0.status = .unavailable
            $0.message = "the server is shutting down"
        }),
    ]

    /// NAME → the bytes of every `hex NAME` block of the page.
    static func documentedDumps() throws -> [String: [UInt8]] {
        let doc = try repositoryFile("docs/PROTOCOL.md")
        var dumps: [String: [UInt8]] = [:]
        for block in doc.matches(of: try Regex(#"```hex ([\w-]+)\n([\s\S]*?)```"#)) {
            let name = String(block.output[1].substring!)
            var bytes: [UInt8] = []
            for line in block.output[2].substring!.split(separator: "\n") {
                let hex = line.components(separatedBy: "  ")[0]
                for pair in hex.split(separator: " ") {
                    let byte = try #require(UInt8(pair, radix: 16), "\(name): \"\(pair)\" is not a hex byte in \"\(line)\"")
                    bytes.append(byte)
                }
            }
            #expect(dumps[name] == nil, "two dumps named \(name)")
            dumps[name] = bytes
        }
        return dumps
    }

    @Test func everyFrameKindHasADump() throws {
        let documented = Set(try Self.documentedDumps().keys)
        #expect(documented == Set(Self.examples.keys))
        for kind in wireKinds {
            #expect(Self.examples.values.contains { $0.kind == kind }, "no example of \(kind.name)")
        }
    }

    @Test(arguments: examples.keys.sorted())
    func dumpIsWhatTheEncoderWrites(name: String) throws {
        let frame = try #require(Self.examples[name])
        let expected = FrameEncoder.encode(frame)
        let dump = try #require(try Self.documentedDumps()[name], "no ```hex \(name) block")
        #expect(dump == expected, "\(name) should be:\n\(Self.hex(expected))")

        var decoder = FrameDecoder()
        decoder.append(dump)
        #expect(try decoder.next() == frame)
        #expect(decoder.bufferedBytes == 0)
    }

    /// `00 00 00 10 01 ...`, 16 bytes a line, for the failure message.
    static func hex(_ bytes: [UInt8]) -> String {
        stride(from: 0, to: bytes.count, by: 16).map { start in
            bytes[start..<min(start + 16, bytes.count)].map { String(format: "%02x", $0) }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
