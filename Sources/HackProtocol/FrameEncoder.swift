/// Writes frames as bytes: a pure function of the frame.
public enum FrameEncoder {
    /// The frame as it travels: length, kind, call id, body.
    public static func encode(_ frame: Frame) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Frame.headerSize + frame.body.count)
        appendHeader(kind: frame.kind, callId: frame.callId, bodyCount: frame.body.count, to: &bytes)
        bytes.append(contentsOf: frame.body)
        return bytes
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
        guard !payload.isEmpty else { return [] }
        var body: [UInt8] = []
        body.reserveCapacity(payload.count + 6)
        body.append(0x1A)  // field 3 (payload), wire type 2 (length-delimited)
        var length = UInt64(payload.count)
        while length >= 0x80 {
            body.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        body.append(UInt8(length))
        body.append(contentsOf: payload)
        return body
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }
}
