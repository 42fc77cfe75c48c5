import Foundation
import SwiftProtobuf
import Testing
@testable import HackProtocol

/// Every `FlatDecodable` request must decode exactly as the generated
/// decoder does, whatever the bytes: a field mapped to the wrong property, a
/// wire type accepted that protobuf refuses, or a string let through that is
/// not UTF-8 makes these fail.
struct FlatDecodableTests {
    @Test(arguments: FlatCase.all)
    func fullSamplesAreReadByHandAndEqualTheGeneratedDecoder(_ flat: FlatCase) throws {
        for sample in flat.samples {
            #expect(flat.readByHand(sample), "every field of \(flat.name) should be in its table")
            #expect(flat.agrees(sample, nil), "\(flat.name): \(sample)")
        }
    }

    @Test(arguments: FlatCase.all)
    func everyOtherInputIsDecidedAsTheGeneratedDecoderDecidesIt(_ flat: FlatCase) {
        var random = SeededGenerator(seed: 0xF1A7_DEC0)
        var decidedByHand = 0
        // Kept across the rounds, as the server keeps it across calls: the
        // strings it hands out again must be the ones the bytes hold.
        let recent = RecentStrings()
        let serverAgrees = flat.serverDecoder()
        for round in 0..<6_000 {
            let body = damaged(flat.samples[round % flat.samples.count], round: round, appending: [
                // an unknown field, or a known number with another wire type
                [[0x28, 0x01], [0x1A, 0x01, 0x41], [0x0D, 1, 2, 3, 4], [0x09] + [UInt8](repeating: 7, count: 8),
                 [0x0B, 0x0C], [0x00, 0x01], [0x10, 0x05], [0x12, 0x01, 0x42], [0x08, 0x2A], [0x0A, 0x00],
                 [0x80, 0x01, 0x01]],
                // long and non-minimal varints, values past 32 bits
                [[0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01], [0x88, 0x00, 0x05],
                 [0x10, 0x80, 0x80, 0x80, 0x80, 0x10], [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
                 [0x20, 0x80, 0x00]],
                // invalid UTF-8, or text made of the edges of valid UTF-8
                [[0x0A, 0x02, 0xC3, 0x28], [0x12, 0x01, 0xFF], [0x1A, 0x03, 0xED, 0xA0, 0x80],
                 [0x0A, 0x04, 0xF4, 0x8F, 0xBF, 0xBF], [0x12, 0x02, 0xC2, 0x80], [0x1A, 0x02, 0xC0, 0xAF],
                 [0x22, 0x04, 0xF0, 0x9F, 0x9A, 0xB2]],
                // a field again: the last one wins
                flat.samples,
            ], using: &random)
            #expect(flat.agrees(body, nil), "\(flat.name): body \(body)")
            #expect(flat.agrees(body, recent), "\(flat.name), strings kept: body \(body)")
            #expect(serverAgrees(body), "\(flat.name), the server's decoder: body \(body)")
            if flat.readByHand(body) { decidedByHand += 1 }
        }
        #expect(decidedByHand > 1_000, "the hand-read path should serve most well-formed inputs")
    }

    @Test func theServerDecodesFlatRequestsByHandAndTheOthersAsGenerated() throws {
        let idea = Hack_V1_CreateIdeaRequest.with { $0.teamID = 7; $0.title = "Vélo partagé" }
        #expect(try decode(idea.serializedBytes(), with: PayloadDecoder.of(Hack_V1_CreateIdeaRequest.self)) == idea)
        let list = Hack_V1_ListEventsRequest()
        #expect(try decode(list.serializedBytes(), with: PayloadDecoder.of(Hack_V1_ListEventsRequest.self)) == list)
        #expect(throws: (any Error).self) {
            try decode([0x0A, 0x02, 0xC3, 0x28], with: PayloadDecoder.of(Hack_V1_GetEventRequest.self))
        }
    }

    /// The same bytes give the same message again, other bytes (of the same
    /// length too) none; long bytes are not kept.
    @Test func lastDecodedHandsOutItsMessageForTheSameBytesOnly() {
        var last = LastDecoded<Int>()
        let short = [UInt8](repeating: 1, count: last.maxBytes)
        #expect(short.withUnsafeBytes { last.message(for: $0) } == nil)
        short.withUnsafeBytes { last.remember(7, for: $0) }
        #expect(short.withUnsafeBytes { last.message(for: $0) } == 7)
        #expect((short.dropLast() + [2]).withUnsafeBytes { last.message(for: $0) } == nil)
        #expect(short.dropLast().withUnsafeBytes { last.message(for: $0) } == nil)
        let long = short + [1]
        long.withUnsafeBytes { last.remember(8, for: $0) }
        #expect(long.withUnsafeBytes { last.message(for: $0) } == nil)
        #expect(short.withUnsafeBytes { last.message(for: $0) } == 7, "a long one leaves the last short one kept")
        [UInt8]().withUnsafeBytes { last.remember(9, for: $0) }
        #expect([UInt8]().withUnsafeBytes { last.message(for: $0) } == 9, "empty bytes are bytes too")
    }

    private func decode<M>(_ bytes: [UInt8], with decoder: (UnsafeRawBufferPointer) throws -> M) throws -> M {
        try bytes.withUnsafeBytes { try decoder($0) }
    }
}

/// One `FlatDecodable` message type, its samples (every field set) and the
/// two decoders side by side, behind closures so the tests can take a list.
struct FlatCase: CustomTestStringConvertible, Sendable {
    let name: String
    let samples: [[UInt8]]
    /// The hand decoder (with or without strings kept) and the generated one agree on the bytes.
    let agrees: @Sendable ([UInt8], RecentStrings?) -> Bool
    let readByHand: @Sendable ([UInt8]) -> Bool
    /// A decoder as the server makes one per method (`PayloadDecoder`), and
    /// a check that what it gives for some bytes is the generated decoder's.
    let serverDecoder: @Sendable () -> ([UInt8]) -> Bool

    init<Message: FlatDecodable & Equatable>(_ messages: [Message]) {
        name = Message.protoMessageName
        samples = messages.map { try! $0.serializedBytes() }
        agrees = { bytes, recent in
            // As the server reads a payload: in place, inside its frame's
            // body, with bytes of valid fields on both sides.
            let body = [0x0A, 0x01, 0x41] + bytes + [0x10, 0x01]
            let inPlace = body.withUnsafeBytes {
                try? Message.decodeFlat(UnsafeRawBufferPointer(rebasing: $0[3..<(3 + bytes.count)]), recent: recent)
            }
            return inPlace == (try? Message(serializedBytes: bytes))
        }
        readByHand = { bytes in bytes.withUnsafeBytes { Message.usual($0) } != nil }
        serverDecoder = {
            let decode = PayloadDecoder.of(Message.self, recent: RecentStrings())
            return { bytes in (try? bytes.withUnsafeBytes { try decode($0) }) == (try? Message(serializedBytes: bytes)) }
        }
    }

    var testDescription: String { name }

    static let all: [FlatCase] = [
        FlatCase([Hack_V1_GetEventRequest.with { $0.slug = "parcours-france-2017" }]),
        FlatCase([Hack_V1_WatchEventRequest.with { $0.slug = "parcours-france-2017"; $0.tickIntervalMs = 60_000 }]),
        FlatCase([Hack_V1_CreateIdeaRequest.with {
            $0.teamID = 1 << 40
            $0.title = "Capteurs de qualité de l'air"
            $0.pitch = "Un capteur partagé par quartier 🌱"
            $0.body = "Données ouvertes, relevées chaque heure.\n\tÉté comme hiver."
        }]),
        FlatCase([Hack_V1_GetIdeaRequest.with { $0.id = 1 << 62 }]),  // 10-byte varints go to the generated decoder
        FlatCase([Hack_V1_ListIdeasRequest.with { $0.eventSlug = "pf-2017"; $0.challengeID = 3; $0.teamID = 300 }]),
        FlatCase([Hack_V1_CastVoteRequest.with { $0.eventSlug = "pf-2017"; $0.code = "K7-Q2-ZZ"; $0.challengeID = 2; $0.ideaID = 99 }]),
        FlatCase([Hack_V1_ListTeamsRequest.with { $0.eventSlug = "pf-2017"; $0.challengeID = 12 }]),
        FlatCase([Hack_V1_GetTeamRequest.with { $0.id = 129 }]),
    ]
}
