import Foundation
import HackProtocol
@testable import HackServer

extension FuzzSeed {
    /// The rows of docs/PROTOCOL.md's bad input catalog that one connection
    /// can show, so the fuzzer starts from each way of being refused.
    static let badInput: [FuzzSeed] = [
        FuzzSeed("bad-http-request", .fromStream, [], goAway: .resourceExhausted,
                 trailing: Array("GET / HTTP/1.1\r\nHost: hackd\r\n\r\n".utf8)),
        FuzzSeed("bad-length-under-5", .fromStream, [], goAway: .invalidArgument, trailing: [0, 0, 0, 4, 1, 0, 0, 0]),
        FuzzSeed("bad-unknown-kind", .role("organiser"), [], goAway: .invalidArgument, trailing: [0, 0, 0, 5, 10, 0, 0, 0, 1]),
        FuzzSeed("bad-truncated-request", .role("organiser"), [], trailing: Array(FrameEncoder.encode(getEventCall(1)).prefix(20))),
        FuzzSeed("bad-hello-body", .fromStream, [Frame(kind: .hello, body: [0x12, 0x05, 0x61])], goAway: .invalidArgument),
        FuzzSeed("bad-ping-body", .role("organiser"), [ping, Frame(kind: .ping, body: [0x08, 0xFF])], goAway: .invalidArgument),
        FuzzSeed("bad-request-before-hello", .fromStream, [getEventCall(1)], goAway: .failedPrecondition),
        FuzzSeed("bad-hello-version", .fromStream, [hello(version: 2)], goAway: .unimplemented),
        FuzzSeed("bad-second-hello", .role("organiser"), [hello()], goAway: .failedPrecondition),
        FuzzSeed("bad-call-id-zero", .role("organiser"), [getEventCall(0)], goAway: .invalidArgument),
        FuzzSeed("bad-call-id-in-flight", .role("organiser"), [watch(5), getEventCall(5)], goAway: .invalidArgument),
        FuzzSeed("bad-client-message", .role("organiser"), [getEventCall(1), Frame(kind: .message, callId: 1, body: [8, 1])],
                 responses: [1: .ok], goAway: .invalidArgument),
        FuzzSeed("bad-client-response", .role("organiser"), [Frame(kind: .response, callId: 1)], goAway: .invalidArgument),
        FuzzSeed("bad-request-body", .role("organiser"), [Frame(kind: .request, callId: 1, body: [0xFF, 0xFF])],
                 responses: [1: .invalidArgument]),
        FuzzSeed("bad-payload", .role("organiser"), [request(1, Methods.Events.get.name, [0x0A, 0x7F])],
                 responses: [1: .invalidArgument]),
        FuzzSeed("bad-utf8-slug", .role("organiser"), [request(1, Methods.Events.get.name, [0x0A, 0x02, 0xC3, 0x28])],
                 responses: [1: .invalidArgument]),
        FuzzSeed("bad-unknown-method", .role("organiser"), [request(1, "hack.v1.Nope/Nothing", [])],
                 responses: [1: .unimplemented]),
        FuzzSeed("bad-field-limits", .role("organiser"), [call(1, Methods.Teams.create, .with {
            $0.challengeID = 1; $0.name = String(repeating: "é", count: 201)
        })], responses: [1: .invalidArgument]),
        FuzzSeed("bad-durations", .role("organiser"), [
            call(1, Methods.Events.start, .with { $0.slug = slug }),
            call(2, Methods.Events.extend, .with { $0.slug = slug; $0.deltaMs = .min }),
            call(3, Methods.Events.extend, .with { $0.slug = slug; $0.deltaMs = .max }),
            watch(4, tickIntervalMs: 99),
        ], responses: [1: .ok, 2: .invalidArgument, 3: .invalidArgument, 4: .invalidArgument]),
    ]

    static func getEventCall(_ id: UInt32) -> Frame {
        call(id, Methods.Events.get, getEvent)
    }
}
