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
        try next { Frame(kind: $0.kind, callId: $0.callId, body: Array($0.body)) }
    }

    /// The next complete frame handed to `use` in place, its body not
    /// copied (a server's requests: their bodies are read once, then
    /// dropped); nil when more bytes are needed. After a throw the stream is
    /// unusable: the caller closes it.
    public mutating func next<Result>(_ use: (FrameView) -> Result) throws(RPCError) -> Result? {
        guard bufferedBytes >= 4 else { return nil }
        let length = readBigEndian(at: readIndex)
        guard length >= Frame.lengthOverhead else {
            throw RPCError(.invalidArgument, "frame length \(length) is shorter than the 5-byte minimum")
        }
        guard length <= maxFrameBytes else {
            throw RPCError(.resourceExhausted, "frame of \(length) bytes exceeds the limit of \(maxFrameBytes) bytes")
        }
        // The length alone may have arrived: wait for the kind byte.
        guard bufferedBytes >= 5 else { return nil }
        let kindByte = buffer[readIndex + 4]
        guard let kind = FrameKind(knownByte: kindByte) else {
            throw RPCError(.invalidArgument, "unknown frame kind \(kindByte)")
        }
        // Kind and call id are checked as soon as they arrive; the body waits.
        guard bufferedBytes >= 4 + Int(length) else { return nil }
        let callId = readBigEndian(at: readIndex + 5)
        let bodyStart = readIndex + Frame.headerSize
        let bodyEnd = readIndex + 4 + Int(length)
        readIndex = bodyEnd
        // The closure's type spelled out: inferred as `Result?`, it made the
        // generic call look up `Optional<Result>`'s metadata on every frame.
        return buffer.withUnsafeBytes { bytes -> Result in
            let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyEnd])
            return use(FrameView(kind: kind, callId: callId, body: body))
        }
    }

    /// The four bytes at `index`, which the caller has checked are there:
    /// one load, not four subscripts each checking its bounds.
    private func readBigEndian(at index: Int) -> UInt32 {
        buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index, as: UInt32.self) }.bigEndian
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
