import Foundation
import HackProtocol
import Testing

/// Bodies of each round trip: empty, one byte, and larger than one read.
private let sampleBodies: [[UInt8]] = [[], [0x2A], (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }]

/// Three frames of different sizes for the split-delivery tests.
private let threeFrames = [
    Frame(kind: .request, callId: 1, body: [1, 2, 3, 4, 5, 6, 7]),
    Frame(kind: .cancel, callId: .max),
    Frame(kind: .ping, callId: 0, body: [0x08, 0x2A]),
]

@Suite("FrameEncoder and FrameDecoder")
struct FrameCodecTests {
    // MARK: Round trip

    @Test("round trip of every kind and edge call id", arguments: wireKinds, [UInt32(0), 1, .max])
    func roundTrip(kind: FrameKind, callId: UInt32) throws {
        for body in sampleBodies {
            let frame = Frame(kind: kind, callId: callId, body: body)
            let bytes = FrameEncoder.encode(frame)

            // The header, field by field.
            #expect(bytes.count == Frame.headerSize + body.count)
            #expect(Array(bytes[0..<4]) == lengthBytes(UInt32(5 + body.count)))
            #expect(Int(bytes[4]) == kind.rawValue)
            #expect(Array(bytes[5..<9]) == lengthBytes(callId))
            #expect(Array(bytes[9...]) == body)

            var decoder = FrameDecoder()
            decoder.append(bytes)
            #expect(try decoder.next() == frame)
            #expect(try decoder.next() == nil)
            #expect(decoder.bufferedBytes == 0)
        }
    }

    @Test func appendingToAnOutputWritesWhatEncodeWrites() {
        let output = OutputBuffer()
        output.append([0xEE])  // appends, keeps what is there
        let frames = [Frame(kind: .message, callId: 77, body: [9, 8, 7]),
                      Frame(kind: .goaway, callId: 0xFFFF_FFFE, body: []),
                      Frame(kind: .ping, callId: 0x0102_0304, body: [UInt8](repeating: 5, count: 300))]
        for frame in frames { FrameEncoder.append(frame, to: output) }
        #expect(Array(output.bytes) == [0xEE] + frames.flatMap(FrameEncoder.encode))
    }

    // MARK: The HELLO example of docs/PROTOCOL.md

    static let helloExample: [UInt8] = [
        0x00, 0x00, 0x00, 0x10,  // length = 16
        0x01,  // kind = HELLO
        0x00, 0x00, 0x00, 0x00,  // call id = 0
        0x08, 0x01,  // protocol_version = 1
        0x12, 0x07, 0x68, 0x61, 0x63, 0x6B, 0x63, 0x74, 0x6C,  // client_name = "hackctl"
    ]

    static var hello: Hack_V1_Hello {
        var hello = Hack_V1_Hello()
        hello.protocolVersion = 1
        hello.clientName = "hackctl"
        return hello
    }

    @Test func helloExampleEncodesToTheDocumentedBytes() {
        let frame = Frame(kind: .hello, callId: 0, message: Self.hello)
        #expect(frame.body.count == 11)
        #expect(FrameEncoder.encode(frame) == Self.helloExample)
    }

    @Test func helloExampleDecodesToTheDocumentedMessage() throws {
        var decoder = FrameDecoder()
        decoder.append(Self.helloExample)
        let frame = try #require(try decoder.next())
        #expect(frame.kind == .hello)
        #expect(frame.callId == 0)
        #expect(try frame.decodeBody(as: Hack_V1_Hello.self) == Self.hello)
    }

    // MARK: Split delivery

    @Test("every frame fed one byte at a time", arguments: wireKinds)
    func oneByteAtATime(kind: FrameKind) throws {
        for body in sampleBodies {
            let frame = Frame(kind: kind, callId: 0xDEAD_BEEF, body: body)
            let bytes = FrameEncoder.encode(frame)
            var decoder = FrameDecoder()
            for (index, byte) in bytes.enumerated() {
                decoder.append([byte])
                #expect(decoder.bufferedBytes == index + 1)
                if index < bytes.count - 1 {
                    #expect(try decoder.next() == nil, "frame returned after \(index + 1) of \(bytes.count) bytes")
                }
            }
            #expect(try decoder.next() == frame)
            #expect(try decoder.next() == nil)
            #expect(decoder.bufferedBytes == 0)
        }
    }

    @Test func threeFramesSplitAtEveryPoint() throws {
        let stream = threeFrames.flatMap(FrameEncoder.encode)
        for split in 0...stream.count {
            var decoder = FrameDecoder()
            decoder.append(Array(stream[..<split]))
            var frames = try drain(&decoder)
            decoder.append(Array(stream[split...]))
            frames += try drain(&decoder)
            #expect(frames == threeFrames, "split at \(split)")
            #expect(decoder.bufferedBytes == 0)
        }
    }

    @Test func threeFramesSplitAtEveryPairOfPoints() throws {
        let stream = threeFrames.flatMap(FrameEncoder.encode)
        for first in 0...stream.count {
            for second in first...stream.count {
                var decoder = FrameDecoder()
                var frames: [Frame] = []
                for part in [stream[..<first], stream[first..<second], stream[second...]] {
                    decoder.append(Array(part))
                    frames += try drain(&decoder)
                }
                #expect(frames == threeFrames, "split at \(first) and \(second)")
            }
        }
    }

    // MARK: Coalesced delivery

    @Test func manyFramesInOneAppend() throws {
        let frames = (0..<500).map { index in
            Frame(kind: wireKinds[index % wireKinds.count], callId: UInt32(index),
                  body: Array(repeating: UInt8(index & 0xFF), count: index % 17))
        }
        var decoder = FrameDecoder()
        decoder.append(frames.flatMap(FrameEncoder.encode))
        #expect(try drain(&decoder) == frames)
        #expect(decoder.bufferedBytes == 0)
    }

    @Test func coalescedFramesWithATrailingPartialFrame() throws {
        let whole = threeFrames.flatMap(FrameEncoder.encode)
        let last = FrameEncoder.encode(Frame(kind: .goaway, callId: 0, body: [1, 2, 3]))
        var decoder = FrameDecoder()
        decoder.append(whole + last.prefix(6))
        #expect(try drain(&decoder) == threeFrames)
        #expect(decoder.bufferedBytes == 6)
        decoder.append(Array(last.dropFirst(6)))
        #expect(try drain(&decoder) == [Frame(kind: .goaway, callId: 0, body: [1, 2, 3])])
        #expect(decoder.bufferedBytes == 0)
    }

    // MARK: The length limit

    @Test func defaultLimitIsFourMebibytes() {
        #expect(FrameDecoder.defaultMaxFrameBytes == 4_194_304)
        #expect(FrameDecoder().maxFrameBytes == 4_194_304)
        #expect(Frame.headerSize == 9)
    }

    @Test("a frame of exactly the limit is accepted", arguments: [UInt32(5), 64, FrameDecoder.defaultMaxFrameBytes])
    func frameOfExactlyTheLimit(limit: UInt32) throws {
        let frame = Frame(kind: .message, callId: 3, body: Array(repeating: 0xAB, count: Int(limit) - 5))
        var decoder = FrameDecoder(maxFrameBytes: limit)
        decoder.append(FrameEncoder.encode(frame))
        #expect(try decoder.next() == frame)
        #expect(decoder.bufferedBytes == 0)
    }

    @Test("one byte over the limit fails on the length bytes alone",
          arguments: [UInt32(5), 64, FrameDecoder.defaultMaxFrameBytes])
    func oneByteOverTheLimit(limit: UInt32) throws {
        var decoder = FrameDecoder(maxFrameBytes: limit)
        let header = lengthBytes(limit + 1)
        decoder.append(Array(header.prefix(3)))
        #expect(try decoder.next() == nil)
        decoder.append([header[3]])  // no kind, call id or body yet
        let error = try #require(nextError(&decoder))
        #expect(error.status == .resourceExhausted)
        #expect(error.message.contains("\(limit + 1)"))
        #expect(decoder.bufferedBytes == 4)
    }

    @Test func largestLengthFieldIsRefused() throws {
        var decoder = FrameDecoder()
        decoder.append([0xFF, 0xFF, 0xFF, 0xFF])
        #expect(nextError(&decoder)?.status == .resourceExhausted)
    }

    @Test("length below 5 is INVALID_ARGUMENT", arguments: UInt32(0)..<5)
    func lengthBelowTheMinimum(length: UInt32) throws {
        var decoder = FrameDecoder()
        decoder.append(lengthBytes(length))
        let error = try #require(nextError(&decoder))
        #expect(error.status == .invalidArgument)
        #expect(error.message.contains("\(length)"))
    }

    // MARK: Unknown kinds

    @Test("unknown kind byte is INVALID_ARGUMENT as soon as it arrives", arguments: [UInt8(0), 10, 255])
    func unknownKind(byte: UInt8) throws {
        var decoder = FrameDecoder()
        decoder.append(lengthBytes(5 + 100) + [byte])  // the body never comes
        let error = try #require(nextError(&decoder))
        #expect(error.status == .invalidArgument)
        #expect(error.message.contains("\(byte)"))
    }

    @Test func knownByteMapsExactlyTheNineKinds() {
        for byte in UInt8.min...UInt8.max {
            let kind = FrameKind(knownByte: byte)
            if (1...9).contains(byte) {
                #expect(kind?.rawValue == Int(byte))
            } else {
                #expect(kind == nil, "byte \(byte)")
            }
        }
    }

    // MARK: bufferedBytes

    @Test func bufferedBytesCountsWhatIsNotYetReturned() throws {
        let frames = (1...4).map { Frame(kind: .message, callId: $0, body: Array(repeating: UInt8($0), count: 10)) }
        let frameSize = Frame.headerSize + 10  // 19
        let stream = frames.flatMap(FrameEncoder.encode)

        var decoder = FrameDecoder()
        #expect(decoder.bufferedBytes == 0)
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedBytes == 0)

        decoder.append(Array(stream[..<(2 * frameSize + 5)]))  // two frames and a half
        #expect(decoder.bufferedBytes == 2 * frameSize + 5)
        #expect(try decoder.next() == frames[0])
        #expect(decoder.bufferedBytes == frameSize + 5)
        #expect(try decoder.next() == frames[1])
        #expect(decoder.bufferedBytes == 5)
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedBytes == 5)  // a nil consumes nothing

        decoder.append(Array(stream[(2 * frameSize + 5)...]))  // compaction happens here
        #expect(decoder.bufferedBytes == 2 * frameSize)
        #expect(try decoder.next() == frames[2])
        #expect(decoder.bufferedBytes == frameSize)
        decoder.append([])
        #expect(decoder.bufferedBytes == frameSize)
        #expect(try decoder.next() == frames[3])
        #expect(decoder.bufferedBytes == 0)
    }

    @Test func appendFromARawBufferMatchesAppendFromAnArray() throws {
        let bytes = threeFrames.flatMap(FrameEncoder.encode)
        var decoder = FrameDecoder()
        bytes.withUnsafeBytes { decoder.append($0) }
        #expect(decoder.bufferedBytes == bytes.count)
        #expect(try drain(&decoder) == threeFrames)
    }

    // MARK: Properties over random input

    @Test("random frames in random chunks come out equal", arguments: UInt64(1)...20)
    func randomFramesRandomChunks(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let frames = (0..<Int.random(in: 1...60, using: &rng)).map { _ in randomFrame(using: &rng) }
        let stream = frames.flatMap(FrameEncoder.encode)
        // Small chunks exercise headers split across reads; large ones, coalescing.
        let maxChunk = [1, 7, 64, 4_096].randomElement(using: &rng)!

        var decoder = FrameDecoder()
        var decoded: [Frame] = []
        var delivered = 0
        for chunk in randomChunks(stream, maxChunk: maxChunk, using: &rng) {
            decoder.append(chunk)
            delivered += chunk.count
            decoded += try drain(&decoder)
            let returned = decoded.reduce(0) { $0 + Frame.headerSize + $1.body.count }
            #expect(decoder.bufferedBytes == delivered - returned)
        }
        #expect(decoded == frames)
        #expect(decoder.bufferedBytes == 0)
    }

    @Test("random garbage never crashes the decoder", arguments: UInt64(1)...200)
    func randomGarbage(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Pure noise, or a valid stream with a few bytes overwritten.
        var bytes: [UInt8]
        if seed.isMultiple(of: 2) {
            bytes = rng.bytes(Int.random(in: 0...512, using: &rng))
        } else {
            bytes = (0..<5).flatMap { _ in FrameEncoder.encode(randomFrame(using: &rng)) }
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        }
        // A small limit makes garbage lengths land on both sides of it.
        let limit = [UInt32(16), 1_024, FrameDecoder.defaultMaxFrameBytes, .max].randomElement(using: &rng)!
        var decoder = FrameDecoder(maxFrameBytes: limit)
        var returnedBytes = 0
        chunks: for chunk in randomChunks(bytes, maxChunk: 32, using: &rng) {
            decoder.append(chunk)
            while true {
                do {
                    guard let frame = try decoder.next() else { break }
                    #expect(frame.kind != .unspecified)
                    #expect(frame.body.count + Frame.headerSize <= Int(limit) + 4)
                    returnedBytes += Frame.headerSize + frame.body.count
                } catch {
                    // Typed throws: a RPCError and nothing else.
                    #expect([.invalidArgument, .resourceExhausted].contains(error.status))
                    break chunks
                }
            }
        }
        #expect(returnedBytes + decoder.bufferedBytes <= bytes.count)
    }
}

/// The hand-written success RESPONSE body is byte for byte what
/// SwiftProtobuf writes for `Response { status: OK, payload }`.
struct SuccessResponseBodyTests {
    @Test(arguments: [0, 1, 127, 128, 300, 16_383, 16_384, 70_000])
    func equalsTheGeneratedEncoding(payloadSize: Int) throws {
        let payload = (0..<payloadSize).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var response = Hack_V1_Response()
        response.status = .ok
        response.payload = Data(payload)
        let generated: [UInt8] = try response.serializedBytes()
        #expect(FrameEncoder.successResponseBody(payload: payload) == generated)
    }

    /// The whole frame as a connection writes it: header and body stored in
    /// place, after what the output already holds.
    @Test(arguments: [0, 1, 127, 128, 300, 16_383, 16_384, 70_000])
    func aStoredSuccessFrameEqualsTheEncodedOne(payloadSize: Int) throws {
        let payload = (0..<payloadSize).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let output = OutputBuffer(capacity: 3)
        output.append([1, 2])
        FrameEncoder.appendSuccessResponse(callId: 0x0A0B_0C0D, payload: payload, to: output)
        let expected = Frame(kind: .response, callId: 0x0A0B_0C0D, body: FrameEncoder.successResponseBody(payload: payload))
        #expect(Array(output.bytes) == [1, 2] + FrameEncoder.encode(expected))
    }
}
