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

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }
}
