import CLibUV

/// A listening TCP socket. Accepted connections are handed to `onAccept`
/// with TCP_NODELAY set; the receiver must call `startReading()`.
public final class TCPListener {
    /// The host as given to `listen`.
    public let host: String
    /// The bound port (the kernel's choice when 0 was asked).
    public let port: UInt16

    private let tcp: UnsafeMutablePointer<uv_tcp_t>
    private var onAccept: ((TCPConnection) -> Void)?
    private var isOpen = true

    fileprivate init(tcp: UnsafeMutablePointer<uv_tcp_t>, host: String, port: UInt16,
                     onAccept: @escaping (TCPConnection) -> Void) {
        self.tcp = tcp
        self.host = host
        self.port = port
        self.onAccept = onAccept
        attach(self, to: tcp)
    }

    /// Stops accepting. Idempotent; existing connections are unaffected.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        closeAndFree(asHandle(tcp))
    }

    /// Accept errors (EMFILE, ENFILE, ECONNABORTED, ...) are skipped: libuv
    /// keeps the listener armed and the next connection is tried again.
    fileprivate func didAccept(status: Int32) {
        guard isOpen, status >= 0, let loop = tcp.pointee.loop else { return }
        guard let client = try? makeTCPHandle(loop) else { return }
        guard uv_accept(asStream(tcp), asStream(client)) == 0 else {
            closeAndFree(asHandle(client))
            return
        }
        uv_tcp_nodelay(client, 1)
        let peer = (try? SocketAddress(of: client, peer: true))?.description ?? "unknown"
        let connection = TCPConnection(adopting: client, peer: peer)
        onAccept?(connection)
    }
}

extension TCPListener: LoopHandleOwner {
    func closeForLoopShutdown() {
        close()
    }

    func handleDidClose() {
        onAccept = nil
    }
}

extension EventLoop {
    /// Binds and listens. `host` must be a numeric address or "localhost".
    /// Throws `TransportError` (e.g. EADDRINUSE) synchronously; libuv may
    /// defer a bind error to uv_listen, so both are checked here.
    public func listen(host: String, port: UInt16, backlog: Int32 = 511,
                       onAccept: @escaping (TCPConnection) -> Void) throws -> TCPListener {
        let operation = "listen \(host):\(port)"
        let address = try SocketAddress(host: host, port: port, operation: "listen")
        let tcp = try makeTCPHandle(rawLoop)
        var status = address.withSockaddr { uv_tcp_bind(tcp, $0, 0) }
        if status == 0 {
            status = uv_listen(asStream(tcp), backlog) { server, status in
                owner(of: server.map { asHandle($0) }, as: TCPListener.self)?.didAccept(status: status)
            }
        }
        var boundPort = port
        if status == 0 {
            do {
                boundPort = try SocketAddress(of: tcp, peer: false).port
            } catch {
                status = error.code
            }
        }
        if status < 0 {
            closeAndFree(asHandle(tcp))
            throw TransportError(code: status, operation: operation)
        }
        return TCPListener(tcp: tcp, host: host, port: boundPort, onAccept: onAccept)
    }
}
