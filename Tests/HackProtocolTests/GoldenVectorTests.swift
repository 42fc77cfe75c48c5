import Foundation
import HackProtocol
import SwiftProtobuf
import Testing

/// The golden frame vectors of `Tests/Vectors/`: bytes on disk that the
/// Swift and the C test suites (Clients/c/tests/test_vectors.c) both decode
/// to the values of `frames.txt` and encode back identically.
///
/// `HACKD_UPDATE_VECTORS=1 swift test --filter GoldenVectorTests` writes the
/// .bin files from the table with the real encoder; never edit them by hand.
@Suite("golden frame vectors")
struct GoldenVectorTests {
    static let vectors = (try? GoldenVectors.load()) ?? []
    static let updating = ProcessInfo.processInfo.environment["HACKD_UPDATE_VECTORS"] == "1"

    @Test func tableCoversEveryFrameKindAndItsFilesAreAllThere() throws {
        let vectors = try GoldenVectors.load()
        #expect(Set(vectors.map(\.kind)) == Set(wireKinds))
        #expect(Set(vectors.map(\.name)).count == vectors.count, "two vectors share a name")
        let files = FileManager.default
        if Self.updating {
            for stray in try files.contentsOfDirectory(atPath: GoldenVectors.framesDirectory.path)
            where !vectors.contains(where: { "\($0.name).bin" == stray }) {
                try files.removeItem(at: GoldenVectors.framesDirectory.appendingPathComponent(stray))
            }
        }
        let onDisk = try files.contentsOfDirectory(atPath: GoldenVectors.framesDirectory.path)
        #expect(Set(onDisk) == Set(vectors.map { "\($0.name).bin" }))
    }

    @Test(arguments: vectors.map(\.name))
    func decodesToTheTableAndEncodesBack(name: String) throws {
        let vector = try #require(Self.vectors.first { $0.name == name })
        let expected = try vector.frame()
        if Self.updating {
            try FileManager.default.createDirectory(at: GoldenVectors.framesDirectory, withIntermediateDirectories: true)
            try Data(FrameEncoder.encode(expected)).write(to: GoldenVectors.file(name))
        }
        let bytes = Array(try Data(contentsOf: GoldenVectors.file(name)))

        var decoder = FrameDecoder()
        decoder.append(bytes)
        let frame = try #require(try decoder.next())
        #expect(decoder.bufferedBytes == 0)
        #expect(frame.kind == vector.kind)
        #expect(frame.callId == vector.callId)
        if let bodyType = vector.bodyType {
            let messageType = try #require(GoldenVectors.messageTypes[bodyType])
            let body = try messageType.init(serializedBytes: frame.body, extensions: nil, partial: false, options: .init())
            let table = try GoldenVectors.message(bodyType, vector: vector, prefix: "")
            #expect(body.isEqualTo(message: table), "\(name): decoded \(body.textFormatString())")
            for (path, type) in vector.typedBytes {
                // The bytes field decodes as its own message too, to the table's values.
                let bytes = try #require(Self.bytesField(path, of: body), "\(name): no bytes field \(path)")
                let payloadType = try #require(GoldenVectors.messageTypes[type])
                let payload = try payloadType.init(serializedBytes: bytes, extensions: nil, partial: false, options: .init())
                #expect(payload.isEqualTo(message: try GoldenVectors.message(type, vector: vector, prefix: path + ".")))
            }
        } else {
            #expect(frame.body.isEmpty)
        }
        #expect(FrameEncoder.encode(expected) == bytes, "\(name).bin is not what the encoder writes: HACKD_UPDATE_VECTORS=1")
    }

    /// The bytes fields that carry a message: the payloads of REQUEST and RESPONSE.
    static func bytesField(_ path: String, of body: any SwiftProtobuf.Message) -> Data? {
        switch (path, body) {
        case ("payload", let request as Hack_V1_Request): request.payload
        case ("payload", let response as Hack_V1_Response): response.payload
        default: nil
        }
    }

    /// Where a vector and a hex dump of docs/PROTOCOL.md share a name, they
    /// are the same bytes: the page and the vectors tell one truth.
    @Test func docDumpsAreVectors() throws {
        let dumps = try ProtocolDocExamplesTests.documentedDumps()
        #expect(!dumps.isEmpty)
        for (name, dump) in dumps {
            #expect(Self.vectors.contains { $0.name == name }, "no vector for the \(name) dump")
            let file = try? Data(contentsOf: GoldenVectors.file(name))
            #expect(file.map(Array.init) == dump, "\(name).bin differs from the docs/PROTOCOL.md dump")
        }
    }
}
