import SwiftProtobuf

public typealias FrameKind = Hack_V1_FrameKind
public typealias StatusCode = Hack_V1_StatusCode

/// One protocol frame: the 9-byte header's kind and call id, and the body.
///
/// The body stays encoded: the connection layer decides which message it is
/// by the kind, and a stream item is forwarded without decoding it again.
public struct Frame: Sendable, Equatable {
    /// Bytes before the body: length (4), kind (1), call id (4).
    public static let headerSize = 9
    /// Bytes the length field counts besides the body: kind (1) and call id (4).
    static let lengthOverhead: UInt32 = 5

    public var kind: FrameKind
    public var callId: UInt32
    public var body: [UInt8]

    public init(kind: FrameKind, callId: UInt32 = 0, body: [UInt8] = []) {
        self.kind = kind
        self.callId = callId
        self.body = body
    }

    /// A frame whose body is `message`, encoded.
    public init(kind: FrameKind, callId: UInt32 = 0, message: some SwiftProtobuf.Message) {
        // Encoding a well-formed in-memory message cannot fail: required
        // fields do not exist in proto3.
        let body: [UInt8] = (try? message.serializedBytes()) ?? []
        self.init(kind: kind, callId: callId, body: body)
    }

    /// Decodes the body as `type`, or throws a RPCError naming it.
    public func decodeBody<M: SwiftProtobuf.Message>(as type: M.Type) throws(RPCError) -> M {
        try Self.decode(body, as: type, kind: kind)
    }

    /// `bytes`, the body of a `kind` frame, as `type`; INVALID_ARGUMENT naming both if it is not one.
    static func decode<M: SwiftProtobuf.Message>(_ bytes: some SwiftProtobufContiguousBytes, as type: M.Type,
                                                 kind: FrameKind) throws(RPCError) -> M {
        do {
            return try M(serializedBytes: bytes)
        } catch {
            throw RPCError(.invalidArgument, "\(kind.name) frame body is not a valid \(M.protoMessageName)")
        }
    }
}

/// A frame read in place from a decoder's buffer (`FrameDecoder.forEachFrame(_:)`):
/// its body's bytes are valid only while the decoder hands it over.
public struct FrameView {
    public let kind: FrameKind
    public let callId: UInt32
    public let body: UnsafeRawBufferPointer

    public init(kind: FrameKind, callId: UInt32, body: UnsafeRawBufferPointer) {
        self.kind = kind
        self.callId = callId
        self.body = body
    }

    /// Decodes the body as `type` (copied first: control frames only), or
    /// throws a RPCError naming it.
    public func decodeBody<M: SwiftProtobuf.Message>(as type: M.Type) throws(RPCError) -> M {
        try Frame.decode(Array(body), as: type, kind: kind)
    }
}

extension FrameKind {
    /// The kind named by a header byte, or nil when the byte names none.
    public init?(knownByte byte: UInt8) {
        switch FrameKind(rawValue: Int(byte)) {
        case .none, .unspecified, .UNRECOGNIZED: return nil
        case .some(let kind): self = kind
        }
    }

    /// The name used in docs/PROTOCOL.md, e.g. "REQUEST".
    public var name: String {
        switch self {
        case .unspecified: "UNSPECIFIED"
        case .hello: "HELLO"
        case .welcome: "WELCOME"
        case .request: "REQUEST"
        case .response: "RESPONSE"
        case .message: "MESSAGE"
        case .cancel: "CANCEL"
        case .ping: "PING"
        case .pong: "PONG"
        case .goaway: "GOAWAY"
        case .UNRECOGNIZED(let value): "UNKNOWN(\(value))"
        }
    }
}
