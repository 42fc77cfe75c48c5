/// Cuts a byte stream into frames. Pure: bytes in, frames out, `nil` when
/// more bytes are needed. The length is checked against the limit before
/// any body is buffered, so a peer cannot make it allocate past the limit.
public struct FrameDecoder: Sendable {
    public static let defaultMaxFrameBytes: UInt32 = 4 * 1024 * 1024

    /// Largest accepted value of the length field.
    public let maxFrameBytes: UInt32
    private var buffer: [UInt8] = []
    private var readIndex = 0

    public init(maxFrameBytes: UInt32 = FrameDecoder.defaultMaxFrameBytes) {
        self.maxFrameBytes = maxFrameBytes
    }

    /// Bytes received and not yet returned as frames.
    public var bufferedBytes: Int { buffer.count - readIndex }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthIt()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next complete frame, or nil when more bytes are needed.
    /// After a throw the stream is unusable: the caller closes it.
    public mutating func next() throws(RPCError) -> Frame? {
        var frame: Frame?
        try forEachFrame {
            frame = Frame(kind: $0.kind, callId: $0.callId, body: Array($0.body))
            return false
        }
        return frame
    }

    /// Every complete frame buffered, handed to `use` in place, in order,
    /// until `use` returns false (the frame it was handed is consumed) or
    /// more bytes are needed. Bodies are not copied (a server's requests
    /// are read once, then dropped), and the buffer is held once for them
    /// all, not once per frame. After a throw the stream is unusable: the
    /// caller closes it.
    public mutating func forEachFrame(_ use: (FrameView) -> Bool) throws(RPCError) {
        let maxFrameBytes = maxFrameBytes
        var index = readIndex
        let failure = buffer.withUnsafeBytes { bytes -> RPCError? in
            while true {
                let frame: FrameView?
                do throws(RPCError) {
                    frame = try Self.frame(in: bytes, at: &index, maxFrameBytes: maxFrameBytes)
                } catch {
                    return error
                }
                guard let frame, use(frame) else { return nil }
            }
        }
        readIndex = index
        if let failure { throw failure }
    }

    /// The frame at `index` in `bytes`, `index` moved past it; nil when more
    /// bytes are needed. The length is checked before the body is waited for.
    private static func frame(in bytes: UnsafeRawBufferPointer, at index: inout Int,
                              maxFrameBytes: UInt32) throws(RPCError) -> FrameView? {
        let available = bytes.count - index
        guard available >= 4 else { return nil }
        let length = bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self).bigEndian
        guard length >= Frame.lengthOverhead else {
            throw RPCError(.invalidArgument, "frame length \(length) is shorter than the 5-byte minimum")
        }
        guard length <= maxFrameBytes else {
            throw RPCError(.resourceExhausted, "frame of \(length) bytes exceeds the limit of \(maxFrameBytes) bytes")
        }
        // The length alone may have arrived: wait for the kind byte.
        guard available >= 5 else { return nil }
        let kindByte = bytes[index + 4]
        guard let kind = FrameKind(knownByte: kindByte) else {
            throw RPCError(.invalidArgument, "unknown frame kind \(kindByte)")
        }
        // Kind and call id are checked as soon as they arrive; the body waits.
        guard available >= 4 + Int(length) else { return nil }
        let callId = bytes.loadUnaligned(fromByteOffset: index + 5, as: UInt32.self).bigEndian
        let bodyStart = index + Frame.headerSize
        index += 4 + Int(length)
        return FrameView(kind: kind, callId: callId, body: UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<index]))
    }

    /// Drops consumed bytes once they outweigh what is left, so the buffer
    /// stays bounded by one frame plus one read.
    private mutating func compactIfWorthIt() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            readIndex = 0
        } else if readIndex >= bufferedBytes {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }
}
