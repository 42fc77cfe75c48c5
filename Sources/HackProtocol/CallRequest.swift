import Foundation
import SwiftProtobuf

/// The body of a REQUEST frame (`hack.v1.Request`) as the server uses it:
/// the payload as plain bytes, handed on to the method's own decoder. Read
/// by hand, the payload stays where it is in the frame's body (`Payload`):
/// the method decodes its message from there, nothing is copied.
///
/// Every call starts here, so the usual encoding (the four fields of
/// `Request`, each with its own wire type, and metadata entries of key and
/// value) is read by hand, straight from the frame's bytes. Any other input
/// (unknown fields, wire types that do not match, invalid UTF-8, truncation)
/// goes to the generated decoder, which decides it: the result is the same
/// as decoding `Hack_V1_Request` for every input (a differential test and
/// the fuzzer hold it to that).
public struct CallRequest: Equatable, Sendable {
    public var method: String
    public var metadata: [String: String]
    /// 0: no deadline.
    public var timeoutMs: UInt32
    public var payload: Payload

    public enum Payload: Equatable, Sendable {
        /// These bytes of the REQUEST frame's body (a frame is at most 4 GiB).
        case inBody(Range<UInt32>)
        /// Bytes of its own (decoded by the generated decoder, or made by hand).
        case bytes([UInt8])
    }

    public init(method: String, metadata: [String: String] = [:], timeoutMs: UInt32 = 0, payload: [UInt8] = []) {
        self.init(method: method, metadata: metadata, timeoutMs: timeoutMs, payload: .bytes(payload))
    }

    init(method: String, metadata: [String: String], timeoutMs: UInt32, payload: Payload) {
        self.method = method
        self.metadata = metadata
        self.timeoutMs = timeoutMs
        self.payload = payload
    }

    public init(_ request: Hack_V1_Request) {
        self.init(method: request.method, metadata: request.metadata, timeoutMs: request.timeoutMs,
                  payload: [UInt8](request.payload))
    }

    /// The payload's bytes, `body` being the REQUEST frame's body this request was read from.
    public func withPayload<Result>(inBody body: UnsafeRawBufferPointer,
                                    _ use: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch payload {
        case .inBody(let range):
            use(UnsafeRawBufferPointer(rebasing: body[Int(range.lowerBound)..<Int(range.upperBound)]))
        case .bytes(let bytes):
            bytes.withUnsafeBytes(use)
        }
    }

    /// Decodes a REQUEST frame's body read in place (`FrameView`); INVALID_ARGUMENT
    /// when it is not a `hack.v1.Request`. `knownMethod` (a connection's last) is
    /// reused when the method is the same: one string fewer to make per call.
    public init(decoding body: UnsafeRawBufferPointer, knownMethod: String = "") throws(RPCError) {
        if let request = CallRequest.usual(body, knownMethod: knownMethod) {
            self = request
            return
        }
        do {
            self.init(try Hack_V1_Request(serializedBytes: Array(body)))
        } catch {
            throw RPCError(.invalidArgument, "REQUEST frame body is not a valid \(Hack_V1_Request.protoMessageName)")
        }
    }

    /// The usual encoding, read by hand; nil for anything else. The fields
    /// are gathered apart and the request made once: no empty dictionary
    /// literal (an array for its elements) or payload array made and dropped.
    static func usual(_ bytes: UnsafeRawBufferPointer, knownMethod: String = "") -> CallRequest? {
        var reader = WireReader(bytes)
        var method = ""
        var metadata = [String: String]()
        var timeoutMs: UInt32 = 0
        var payload: Range<UInt32> = 0..<0
        while !reader.isAtEnd {
            guard let tag = reader.varint() else { return nil }
            switch tag {
            case 0x0A:  // 1: method, length-delimited
                guard let field = reader.lengthDelimited() else { return nil }
                if WireReader.equal(field, knownMethod) {
                    method = knownMethod
                } else {
                    guard let text = WireReader.string(field) else { return nil }
                    method = text
                }
            case 0x12:  // 2: one metadata entry, length-delimited
                guard let entry = reader.lengthDelimited(), let (key, value) = metadataEntry(entry) else { return nil }
                metadata[key] = value
            case 0x18:  // 3: timeout_ms, varint
                guard let timeout = reader.varint() else { return nil }
                timeoutMs = UInt32(truncatingIfNeeded: timeout)
            case 0x22:  // 4: payload, length-delimited
                guard let range = reader.lengthDelimitedRange() else { return nil }
                payload = UInt32(range.lowerBound)..<UInt32(range.upperBound)
            default:
                return nil
            }
        }
        return CallRequest(method: method, metadata: metadata, timeoutMs: timeoutMs, payload: .inBody(payload))
    }

    /// A map entry: key (1) and value (2), both strings, either may be absent.
    private static func metadataEntry(_ bytes: UnsafeRawBufferPointer) -> (String, String)? {
        var fields = FlatFields(bytes)
        var key = ""
        var value = ""
        while let field = fields.next() {
            switch field {
            case (1, .string(let text)): key = text
            case (2, .string(let text)): value = text
            default: return nil
            }
        }
        return fields.failed ? nil : (key, value)
    }
}
