import CLibUV

/// One TCP stream (accepted or connected). Loop thread only.
///
/// Lifetime: the open handle keeps this object alive (retained `handle.data`),
/// so a connection with callbacks set works even if nobody else holds it.
/// After the close callback the object lets go of `onRead`/`onClose`, which
/// breaks the usual cycle of a closure capturing its own connection.
public final class TCPConnection {
    /// Called with the bytes of each read; they live in the loop's shared
    /// buffer and are valid only during the call (copy what you keep).
    public var onRead: ((UnsafeRawBufferPointer) -> Void)?
    /// Called exactly once when the handle is gone: nil after EOF or a local
    /// `close()`, the error otherwise (reset, failed write, ...).
    public var onClose: ((TransportError?) -> Void)?
    /// Remote address, "127.0.0.1:54321" or "[::1]:54321".
    public let peer: String

    /// How long a closing connection waits for the peer to take its last
    /// bytes and close its side before it is reset; 0 closes as soon as the
    /// bytes are handed to the kernel.
    public var lingerMs: UInt64 = 5_000

    private enum State {
        case open
        /// Local close requested: queued writes go out, then FIN
        /// (uv_shutdown); input is read and dropped until the peer closes.
        case lingering
        /// uv_close called; the handle must not be used any more.
        case closing
        case closed
    }

    private let tcp: UnsafeMutablePointer<uv_tcp_t>
    private var state = State.open
    private var closeError: TransportError?
    private var shutdownDone = false
    private var peerFinished = false
    private var lingerTimer: LoopTimer?

    /// Takes over an initialized, connected handle whose `data` is nil.
    init(adopting tcp: UnsafeMutablePointer<uv_tcp_t>, peer: String) {
        self.tcp = tcp
        self.peer = peer
        attach(self, to: tcp)
    }

    private var stream: UnsafeMutablePointer<uv_stream_t> { asStream(tcp) }

    /// True as soon as a close was requested or the connection failed.
    public var isClosed: Bool { state != .open }

    /// Bytes accepted by `write` that the kernel has not taken yet. A server
    /// should stop producing for a peer whose backlog keeps growing.
    public var bufferedWriteBytes: Int {
        switch state {
        case .open, .lingering: return uv_stream_get_write_queue_size(stream)
        case .closing, .closed: return 0
        }
    }

    public func startReading() {
        guard state == .open || state == .lingering else { return }
        let status = uv_read_start(stream, sharedBufferAllocCallback) { stream, nread, buf in
            let connection = owner(of: stream.map { asHandle($0) }, as: TCPConnection.self)
            connection?.didRead(nread, buf?.pointee.base)
        }
        if status < 0 && status != UV_EALREADY.rawValue {
            fail(status, "read start")
        }
    }

    public func stopReading() {
        guard state == .open else { return }
        uv_read_stop(stream)
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes what the kernel takes right away (uv_try_write), copies the rest
    /// into one heap block that also holds the uv_write_t. No-op once closed.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard state == .open, let base = bytes.baseAddress, bytes.count > 0 else { return }
        var offset = 0
        // Only try a direct write when nothing is queued, to keep byte order.
        if uv_stream_get_write_queue_size(stream) == 0 {
            var buf = uv_buf_t(base: UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self)),
                               len: bytes.count)
            let written = uv_try_write(stream, &buf, 1)
            if written >= 0 {
                offset = Int(written)
            } else if written != UV_EAGAIN.rawValue {
                fail(written, "write")
                return
            }
        }
        if offset < bytes.count {
            queueWrite(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    private func queueWrite(_ bytes: UnsafeRawBufferPointer) {
        let header = (MemoryLayout<uv_write_t>.stride + 15) & ~15
        let block = UnsafeMutableRawPointer.allocate(byteCount: header + bytes.count, alignment: 16)
        let payload = block + header
        payload.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        let request = block.bindMemory(to: uv_write_t.self, capacity: 1)
        var buf = uv_buf_t(base: payload.assumingMemoryBound(to: CChar.self), len: bytes.count)
        let status = uv_write(request, stream, &buf, 1) { request, status in
            guard let request else { return }
            let stream = request.pointee.handle
            // The request and its payload are one block, freed here, once.
            UnsafeMutableRawPointer(request).deallocate()
            if status < 0 && status != UV_ECANCELED.rawValue {
                owner(of: stream.map { asHandle($0) }, as: TCPConnection.self)?.fail(status, "write")
            }
        }
        if status < 0 {
            block.deallocate()
            fail(status, "write")
        }
    }

    /// Idempotent. A lingering close: queued writes go out, then FIN; what
    /// the peer still sends is read and dropped until it closes its side
    /// (closing a socket with unread input would reset it, and the reset
    /// would destroy the last bytes, e.g. a GOAWAY, on their way). A peer
    /// that takes longer than `lingerMs` is reset. `onClose(nil)` follows
    /// from the close callback, never synchronously.
    public func close() {
        guard state == .open else { return }
        onRead = nil
        if peerFinished, uv_stream_get_write_queue_size(stream) == 0 {
            closeHandle()
            return
        }
        let request = UnsafeMutablePointer<uv_shutdown_t>.allocate(capacity: 1)
        let status = uv_shutdown(request, stream) { request, status in
            guard let request else { return }
            let stream = request.pointee.handle
            request.deallocate()
            // Also reached with ECANCELED when the handle is already closing.
            owner(of: stream.map { asHandle($0) }, as: TCPConnection.self)?.shutdownFinished(status)
        }
        guard status == 0 else {
            request.deallocate()
            closeHandle()
            return
        }
        state = .lingering
        guard lingerMs > 0, !peerFinished else { return }  // `shutdownFinished` closes
        startReading()  // a connection never read from must still see the peer's FIN
        let timer = LoopTimer(loop: tcp.pointee.loop)
        timer.start(afterMs: lingerMs) { [unowned self] in self.closeHandle() }
        lingerTimer = timer
    }

    /// Closes now, dropping whatever is still queued or unread (the peer
    /// sees a reset): for the end of a grace period.
    public func reset() {
        closeHandle()
    }

    // MARK: - Internals

    private func didRead(_ nread: Int, _ base: UnsafeMutablePointer<CChar>?) {
        if nread > 0 {
            // While lingering, `onRead` is nil: input is dropped.
            guard state == .open, let base, let onRead else { return }
            onRead(UnsafeRawBufferPointer(start: base, count: nread))
        } else if nread == Int(UV_EOF.rawValue) {
            peerFinished = true
            uv_read_stop(stream)
            if state == .open {
                close()  // peer finished sending; flush what we still owe it
            } else if shutdownDone {
                closeHandle()
            }
        } else if nread < 0 {
            fail(Int32(truncatingIfNeeded: nread), "read")
        }
        // nread == 0 is EAGAIN: nothing to do.
    }

    /// Our FIN is out (or the shutdown failed): close once the peer's is in.
    fileprivate func shutdownFinished(_ status: Int32) {
        shutdownDone = true
        if status < 0 || peerFinished || lingerMs == 0 { closeHandle() }
    }

    /// Records the error (unless the user already closed) and closes now.
    fileprivate func fail(_ code: Int32, _ operation: String) {
        if state == .open {
            closeError = TransportError(code: code, operation: "\(operation) \(peer)")
        }
        closeHandle()
    }

    fileprivate func closeHandle() {
        lingerTimer?.close()
        lingerTimer = nil
        switch state {
        case .open, .lingering:
            state = .closing
            closeAndFree(asHandle(tcp))
        case .closing, .closed:
            break
        }
    }
}

extension TCPConnection: LoopHandleOwner {
    func closeForLoopShutdown() {
        closeHandle()
    }

    func handleDidClose() {
        state = .closed
        let callback = onClose
        onClose = nil
        onRead = nil
        callback?(closeError)
    }
}

/// Allocates and initializes a TCP handle with no owner yet (`data == nil`);
/// release it with `closeAndFree`.
func makeTCPHandle(_ loop: UnsafeMutablePointer<uv_loop_t>) throws(TransportError) -> UnsafeMutablePointer<uv_tcp_t> {
    let tcp = UnsafeMutablePointer<uv_tcp_t>.allocate(capacity: 1)
    let status = uv_tcp_init(loop, tcp)
    if status < 0 {
        tcp.deallocate()  // never registered with the loop, so free directly
        throw TransportError(code: status, operation: "uv_tcp_init")
    }
    tcp.pointee.data = nil
    return tcp
}
