/// Writes frames as bytes: a pure function of the frame.
public enum FrameEncoder {
    /// The frame as it travels: length, kind, call id, body.
    public static func encode(_ frame: Frame) -> [UInt8] {
        var bytes: [UInt8] = []
        append(frame, to: &bytes)
        return bytes
    }

    /// Appends the frame to bytes already gathered (a connection's output).
    public static func append(_ frame: Frame, to bytes: inout [UInt8]) {
        reserve(Frame.headerSize + frame.body.count, in: &bytes)
        appendHeader(kind: frame.kind, callId: frame.callId, bodyCount: frame.body.count, to: &bytes)
        bytes.append(contentsOf: frame.body)
    }

    /// Appends only the 9-byte header, for a body that is shared between
    /// many frames (one encode of a stream item for many watchers).
    public static func appendHeader(kind: FrameKind, callId: UInt32, bodyCount: Int, to bytes: inout [UInt8]) {
        let length = UInt32(bodyCount) + Frame.lengthOverhead
        appendBigEndian(length, to: &bytes)
        bytes.append(UInt8(truncatingIfNeeded: kind.rawValue))
        appendBigEndian(callId, to: &bytes)
    }

    /// The body of a successful unary RESPONSE, `Response { status: OK,
    /// payload }`, written directly: OK is proto3's default and is not on
    /// the wire, so the body is field 3 alone (tag, varint length, bytes).
    /// The hot path of every answered read; equal to what SwiftProtobuf
    /// writes for the same message (a test holds it to that).
    public static func successResponseBody(payload: [UInt8]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(payload.count + 6)
        appendSuccessResponseBody(payload: payload, to: &body)
        return body
    }

    /// A whole successful unary RESPONSE frame for `callId`, appended in one
    /// go: the answer's bytes are copied once, into the connection's output.
    public static func appendSuccessResponse(callId: UInt32, payload: [UInt8], to bytes: inout [UInt8]) {
        let bodyCount = payload.isEmpty ? 0 : WireField.lengthDelimitedSize(contents: payload.count)
        reserve(Frame.headerSize + bodyCount, in: &bytes)
        appendHeader(kind: .response, callId: callId, bodyCount: bodyCount, to: &bytes)
        appendSuccessResponseBody(payload: payload, to: &bytes)
    }

    private static func appendSuccessResponseBody(payload: [UInt8], to bytes: inout [UInt8]) {
        guard !payload.isEmpty else { return }
        WireField.appendLengthDelimited(3, payload, to: &bytes)  // Response.payload
    }

    /// Room for `extra` more bytes in one allocation, growing geometrically
    /// (an exact `reserveCapacity` per frame would copy a batch over and over).
    private static func reserve(_ extra: Int, in bytes: inout [UInt8]) {
        let needed = bytes.count + extra
        guard needed > bytes.capacity else { return }
        bytes.reserveCapacity(bytes.isEmpty ? needed : max(needed, 2 * bytes.capacity))
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }
}
