import Foundation
import HackProtocol

/// SplitMix64: a tiny seeded generator, so random tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }
}

/// A well-formed encoding damaged as the differential decoding tests do:
/// `round` picks the damage (a flipped byte, cut short, noise instead, or
/// one of `appendings` added), so a run covers each in turn.
func damaged(_ body: [UInt8], round: Int, appending appendings: [[[UInt8]]],
             using random: inout some RandomNumberGenerator) -> [UInt8] {
    var body = body
    switch round % (3 + appendings.count) {
    case 0:
        if !body.isEmpty { body[Int.random(in: 0..<body.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random) }
    case 1:
        body = Array(body.prefix(Int.random(in: 0...body.count, using: &random)))
    case 2:
        body = random.bytes(Int.random(in: 0...40, using: &random))
    case let kind:
        body += appendings[kind - 3].randomElement(using: &random)!
    }
    return body
}

/// The nine kinds a frame may carry (every kind but UNSPECIFIED).
let wireKinds: [FrameKind] = FrameKind.allCases.filter { $0 != .unspecified }

/// The frames `decoder` can produce now, in order; stops at the first nil.
func drain(_ decoder: inout FrameDecoder) throws(RPCError) -> [Frame] {
    var frames: [Frame] = []
    while let frame = try decoder.next() { frames.append(frame) }
    return frames
}

/// The error `next()` throws, or nil when it returns.
func nextError(_ decoder: inout FrameDecoder) -> RPCError? {
    do {
        _ = try decoder.next()
        return nil
    } catch {
        return error
    }
}

/// A big-endian length field.
func lengthBytes(_ length: UInt32) -> [UInt8] {
    [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
}

/// A random frame: any wire kind, call ids biased to the edges, bodies
/// mostly small, sometimes empty, now and then a few kilobytes.
func randomFrame(using rng: inout some RandomNumberGenerator) -> Frame {
    let kind = wireKinds.randomElement(using: &rng)!
    let callId: UInt32 = switch Int.random(in: 0..<4, using: &rng) {
    case 0: 0
    case 1: 1
    case 2: .max
    default: UInt32.random(in: .min ... .max, using: &rng)
    }
    let bodyCount = switch Int.random(in: 0..<10, using: &rng) {
    case 0: 0
    case 1: Int.random(in: 1_000...5_000, using: &rng)
    default: Int.random(in: 1...200, using: &rng)
    }
    return Frame(kind: kind, callId: callId, body: rng.bytes(bodyCount))
}

/// `bytes` cut into consecutive random chunks (1...maxChunk bytes each).
func randomChunks(_ bytes: [UInt8], maxChunk: Int, using rng: inout some RandomNumberGenerator) -> [[UInt8]] {
    var chunks: [[UInt8]] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: 1...maxChunk, using: &rng))
        chunks.append(Array(bytes[start..<end]))
        start = end
    }
    return chunks
}

/// The repository root, found from this file's own path
/// (`<root>/Tests/HackProtocolTests/TestSupport.swift`).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // HackProtocolTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

func repositoryFile(_ relativePath: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
}
