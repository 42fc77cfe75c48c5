import Foundation
import HackProtocol
import SwiftProtobuf

/// One vector of `Tests/Vectors/frames.txt` (the format is described at the
/// top of that file): a frame, and its body's fields as the table gives them.
struct GoldenVector: Sendable {
    let name: String
    let kind: FrameKind
    let callId: UInt32
    /// The body's message name; nil for an empty body.
    let bodyType: String?
    /// `PATH = VALUE` lines, in order.
    var fields: [(path: String, value: String)] = []
    /// `PATH : MESSAGE` lines: bytes fields that hold a message.
    var typedBytes: [String: String] = [:]

    /// The frame the table describes, built with the generated messages
    /// from the fields (through protobuf JSON, which takes every scalar as a
    /// string and enum values by name).
    func frame() throws -> Frame {
        guard let bodyType else { return Frame(kind: kind, callId: callId) }
        let body: [UInt8] = try GoldenVectors.message(bodyType, vector: self, prefix: "").serializedBytes()
        return Frame(kind: kind, callId: callId, body: body)
    }
}

enum GoldenVectors {
    static let directory = repositoryRoot.appendingPathComponent("Tests/Vectors")
    static let framesDirectory = directory.appendingPathComponent("frames")

    static func file(_ name: String) -> URL {
        framesDirectory.appendingPathComponent("\(name).bin")
    }

    /// Every message a vector's body or typed bytes field may name.
    static let messageTypes: [String: any SwiftProtobuf.Message.Type] = {
        let types: [any SwiftProtobuf.Message.Type] = [
            Hack_V1_Hello.self, Hack_V1_Welcome.self, Hack_V1_Request.self, Hack_V1_Response.self,
            Hack_V1_Ping.self, Hack_V1_GoAway.self, Hack_V1_EventUpdate.self, Hack_V1_GetEventRequest.self,
            Hack_V1_HealthCheckResponse.self, Hack_V1_CreateIdeaRequest.self, Hack_V1_ExtendPhaseRequest.self,
            Hack_V1_Idea.self,
        ]
        return Dictionary(uniqueKeysWithValues: types.map { ($0.protoMessageName, $0) })
    }()

    enum ManifestError: Error, CustomStringConvertible {
        case badLine(Int, String)
        case unknownMessage(String)

        var description: String {
            switch self {
            case .badLine(let number, let line): "frames.txt:\(number): cannot read \"\(line)\""
            case .unknownMessage(let name): "no message type \(name) in GoldenVectors.messageTypes"
            }
        }
    }

    static func load() throws -> [GoldenVector] {
        let text = try String(contentsOf: directory.appendingPathComponent("frames.txt"), encoding: .utf8)
        var vectors: [GoldenVector] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let bad = ManifestError.badLine(index + 1, String(line))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("frame ") {
                let words = line.split(separator: " ")
                guard words.count == 5, let kind = wireKinds.first(where: { $0.name == words[2] }),
                      let callId = UInt32(words[3]) else { throw bad }
                vectors.append(GoldenVector(name: String(words[1]), kind: kind, callId: callId,
                                            bodyType: words[4] == "-" ? nil : String(words[4])))
            } else if line.hasPrefix("  "), !vectors.isEmpty {
                let content = line.dropFirst(2)
                if let range = content.range(of: " = ") {
                    vectors[vectors.count - 1].fields.append((String(content[..<range.lowerBound]),
                                                              String(content[range.upperBound...])))
                } else if let range = content.range(of: " : ") {
                    vectors[vectors.count - 1].typedBytes[String(content[..<range.lowerBound])] =
                        String(content[range.upperBound...])
                } else {
                    throw bad
                }
            } else {
                throw bad
            }
        }
        return vectors
    }

    /// The message `type` made of the vector's fields under `prefix`; a
    /// typed bytes field is built first and goes in as its encoding.
    static func message(_ type: String, vector: GoldenVector, prefix: String) throws -> any SwiftProtobuf.Message {
        guard let messageType = messageTypes[type] else { throw ManifestError.unknownMessage(type) }
        let typed = vector.typedBytes.filter { $0.key.hasPrefix(prefix) && !$0.key.dropFirst(prefix.count).contains(".") }
        var tree: Any = [String: Any]()
        for (path, nestedType) in typed {
            let bytes: [UInt8] = try message(nestedType, vector: vector, prefix: path + ".").serializedBytes()
            tree = inserting(Data(bytes).base64EncodedString(), at: segments(path.dropFirst(prefix.count)), into: tree)
        }
        for (path, value) in vector.fields where path.hasPrefix(prefix) {
            guard !typed.keys.contains(where: { path.hasPrefix($0 + ".") }) else { continue }
            tree = inserting(value, at: segments(path.dropFirst(prefix.count)), into: tree)
        }
        let json = try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys])
        return try messageType.init(jsonUTF8Bytes: json, extensions: nil, options: JSONDecodingOptions())
    }

    private enum Segment {
        case key(String)
        case index(Int)
    }

    /// "a.b[2].c" → a, b, 2, c.
    private static func segments(_ path: Substring) -> ArraySlice<Segment> {
        var result: [Segment] = []
        for part in path.split(separator: ".") {
            if let open = part.firstIndex(of: "["), part.last == "]", let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]) {
                result += [.key(String(part[..<open])), .index(index)]
            } else {
                result.append(.key(String(part)))
            }
        }
        return result[...]
    }

    /// `node` with `value` put at `path`, objects and arrays made as needed.
    private static func inserting(_ value: Any, at path: ArraySlice<Segment>, into node: Any?) -> Any {
        guard let first = path.first else { return value }
        switch first {
        case .key(let key):
            var object = node as? [String: Any] ?? [:]
            object[key] = inserting(value, at: path.dropFirst(), into: object[key])
            return object
        case .index(let index):
            var array = node as? [Any] ?? []
            while array.count <= index { array.append([String: Any]()) }
            array[index] = inserting(value, at: path.dropFirst(), into: array[index])
            return array
        }
    }
}
