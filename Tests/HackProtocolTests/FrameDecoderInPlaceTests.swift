import Testing
@testable import HackProtocol

/// `FrameDecoder.forEachFrame(_:)`, the server's way of reading: every
/// complete frame handed over in place, in order, until told to stop.
struct FrameDecoderInPlaceTests {
    private let frames = (1...4).map { Frame(kind: .request, callId: UInt32($0), body: Array(repeating: UInt8($0), count: $0 * 3)) }

    @Test func everyCompleteFrameIsHandedOverInOrderAndAPartialOneWaits() throws {
        var decoder = FrameDecoder()
        let bytes = frames.flatMap(FrameEncoder.encode)
        decoder.append(Array(bytes.dropLast(2)))
        var seen: [Frame] = []
        try decoder.forEachFrame {
            seen.append(Frame(kind: $0.kind, callId: $0.callId, body: Array($0.body)))
            return true
        }
        #expect(seen == Array(frames.dropLast()))
        decoder.append(Array(bytes.suffix(2)))
        #expect(try decoder.next() == frames.last)
        #expect(decoder.bufferedBytes == 0)
    }

    @Test func stoppingConsumesTheFrameHandedOverAndKeepsTheRest() throws {
        var decoder = FrameDecoder()
        decoder.append(frames.flatMap(FrameEncoder.encode))
        var handed: [UInt32] = []
        try decoder.forEachFrame {
            handed.append($0.callId)
            return $0.callId < 2
        }
        #expect(handed == [1, 2])
        #expect(try decoder.next() == frames[2])
        #expect(try decoder.next() == frames[3])
        #expect(try decoder.next() == nil)
    }

    @Test func theFramesBeforeABadOneAreHandedOverThenItThrows() throws {
        var decoder = FrameDecoder(maxFrameBytes: 64)
        decoder.append(frames.prefix(2).flatMap(FrameEncoder.encode) + [0, 0, 0, 65])
        var handed: [UInt32] = []
        #expect(throws: RPCError(.resourceExhausted, "frame of 65 bytes exceeds the limit of 64 bytes")) {
            try decoder.forEachFrame {
                handed.append($0.callId)
                return true
            }
        }
        #expect(handed == [1, 2])
    }
}
