import Foundation
import SwiftProtobuf
import Testing
@testable import HackProtocol

/// `CallRequest(decoding:)` reads the usual REQUEST body by hand: it must
/// agree with the generated decoder of `hack.v1.Request` on every input.
struct CallRequestTests {
    private static let samples: [Hack_V1_Request] = [
        Hack_V1_Request(),
        .with { $0.method = "hack.v1.Events/Get" },
        .with {
            $0.method = "hack.v1.Ideas/Create"
            $0.metadata = ["authorization": "Bearer hk_12_abc", "x-équipe": "Saint-Étienne-du-Rouvray 🚲", "": "vide"]
            $0.timeoutMs = 2_500
            $0.payload = Data([0x0A, 0x14] + Array("parcours-france-2017".utf8))
        },
        .with {
            $0.method = "hack.v1.Votes/Cast"
            $0.timeoutMs = .max
            $0.payload = Data((0..<300).map { UInt8(truncatingIfNeeded: $0) })
            $0.metadata = ["clé": ""]
        },
    ]

    @Test func theUsualEncodingIsReadByHandAndEqualsTheGeneratedDecoder() throws {
        for sample in Self.samples {
            let body: [UInt8] = try sample.serializedBytes()
            let usual = body.withUnsafeBytes { CallRequest.usual($0) }
            #expect(usual?.owningPayload(inBody: body) == CallRequest(sample), "\(sample)")
            #expect(try CallRequest(decoding: body).owningPayload(inBody: body) == CallRequest(sample))
            if !sample.payload.isEmpty, case .bytes = usual?.payload {
                Issue.record("a payload read by hand should stay in the body: \(sample)")
            }
        }
    }

    @Test func everyOtherInputIsDecidedAsTheGeneratedDecoderDecidesIt() throws {
        var random = SeededGenerator(seed: 0x5EED_CA11)
        let bodies = try Self.samples.map { try $0.serializedBytes() as [UInt8] }
        var decidedByHand = 0
        for round in 0..<20_000 {
            let body = damaged(bodies[round % bodies.count], round: round, appending: [
                // an unknown field, or a known one with another wire type
                [[0x28, 0x01], [0x1A, 0x01, 0x41], [0x0D, 1, 2, 3, 4], [0x09] + [UInt8](repeating: 7, count: 8),
                 [0x0B, 0x0C], [0x00, 0x01]],
                // long varints: a timeout of 10 bytes, a non-minimal tag
                [[0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01], [0x98, 0x00, 0x05]],
                // invalid UTF-8 in the method or in metadata
                [[0x0A, 0x02, 0xC3, 0x28], [0x12, 0x06, 0x0A, 0x01, 0x61, 0x12, 0x01, 0xFF]],
            ], using: &random)
            let generated = try? Hack_V1_Request(serializedBytes: body)
            // The connection's last method, reused only when it is the same.
            let known = ["", "hack.v1.Events/Get", "hack.v1.Events/Ge", "hack.v1.Ideas/Create"].randomElement(using: &random)!
            let ours = (try? CallRequest(decoding: body, knownMethod: known))?.owningPayload(inBody: body)
            #expect(ours == generated.map(CallRequest.init), "body \(body)")
            if body.withUnsafeBytes({ CallRequest.usual($0) }) != nil { decidedByHand += 1 }
        }
        #expect(decidedByHand > 1_000, "the hand-read path should serve most well-formed inputs")
    }

    @Test func aBodyThatIsNotARequestIsInvalidArgument() {
        #expect(throws: RPCError(.invalidArgument, "REQUEST frame body is not a valid hack.v1.Request")) {
            try CallRequest(decoding: [0x0A, 0x05, 0x61])
        }
    }
}

extension CallRequest {
    /// The same request holding its payload's own bytes, `body` being the
    /// frame body it was read from: comparable with one the generated decoder made.
    func owningPayload(inBody body: [UInt8]) -> CallRequest {
        var owning = self
        owning.payload = .bytes(body.withUnsafeBytes { withPayload(inBody: $0) { Array($0) } })
        return owning
    }
}

extension CallRequest {
    /// Decodes a REQUEST body held in an array, as the server decodes one read in place.
    init(decoding body: [UInt8], knownMethod: String = "") throws(RPCError) {
        let decoded = body.withUnsafeBytes { bytes in
            Result { () throws(RPCError) in try CallRequest(decoding: bytes, knownMethod: knownMethod) }
        }
        self = try decoded.get()
    }
}
