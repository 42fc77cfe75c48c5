/// Writes frames as bytes: a pure function of the frame. Every frame's
/// header is stored by one function (`storeHeader`), into an array for a
/// client or into a server connection's `OutputBuffer`.
public enum FrameEncoder {
    /// The frame as it travels: length, kind, call id, body.
    public static func encode(_ frame: Frame) -> [UInt8] {
        let size = Frame.headerSize + frame.body.count
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            let start = UnsafeMutableRawPointer(buffer.baseAddress!)
            storeHeader(kind: frame.kind, callId: frame.callId, bodyCount: frame.body.count, at: start)
            frame.body.withUnsafeBytes { body in
                if let source = body.baseAddress {
                    (start + Frame.headerSize).copyMemory(from: source, byteCount: body.count)
                }
            }
            initialized = size
        }
    }

    /// Appends the frame to bytes already gathered (a connection's output).
    public static func append(_ frame: Frame, to output: OutputBuffer) {
        output.reserve(Frame.headerSize + frame.body.count)
        output.append(size: Frame.headerSize) {
            storeHeader(kind: frame.kind, callId: frame.callId, bodyCount: frame.body.count, at: $0)
        }
        output.append(frame.body)
    }

    /// The body of a successful unary RESPONSE, `Response { status: OK,
    /// payload }`: OK is proto3's default and is not on the wire, so the
    /// body is field 3 alone (tag, varint length, bytes). Equal to what
    /// SwiftProtobuf writes for the same message (a test holds it to that).
    public static func successResponseBody(payload: [UInt8]) -> [UInt8] {
        guard !payload.isEmpty else { return [] }
        var body: [UInt8] = []
        body.reserveCapacity(WireField.lengthDelimitedSize(contents: payload.count))
        WireField.appendLengthDelimited(responsePayloadField, payload, to: &body)
        return body
    }

    /// A whole successful unary RESPONSE frame for `callId`, stored in one
    /// go (header, the body's tag and length, the answer's bytes): the hot
    /// path of every answered read, its bytes copied once.
    public static func appendSuccessResponse(callId: UInt32, payload: [UInt8], to output: OutputBuffer) {
        payload.withUnsafeBytes { payload in
            let prefixSize = payload.isEmpty ? 0 : WireField.lengthDelimitedPrefixSize(contents: payload.count)
            let bodyCount = prefixSize + payload.count
            output.append(size: Frame.headerSize + bodyCount) { start in
                storeHeader(kind: .response, callId: callId, bodyCount: bodyCount, at: start)
                guard let source = payload.baseAddress else { return }
                WireField.storeLengthDelimitedPrefix(responsePayloadField, contents: payload.count,
                                                     at: start + Frame.headerSize)
                (start + Frame.headerSize + prefixSize).copyMemory(from: source, byteCount: payload.count)
            }
        }
    }

    /// `Response.payload`'s field number.
    private static let responsePayloadField: UInt8 = 3

    /// Stores the 9-byte header (length, kind, call id; big-endian) at `start`.
    private static func storeHeader(kind: FrameKind, callId: UInt32, bodyCount: Int, at start: UnsafeMutableRawPointer) {
        start.storeBytes(of: (UInt32(bodyCount) + Frame.lengthOverhead).bigEndian, as: UInt32.self)
        start.storeBytes(of: UInt8(truncatingIfNeeded: kind.rawValue), toByteOffset: 4, as: UInt8.self)
        start.storeBytes(of: callId.bigEndian, toByteOffset: 5, as: UInt32.self)
    }
}
