import CLibUV

/// State of one outgoing connect, kept alive by `uv_connect_t.data` (retained)
/// until the connect callback, which always runs exactly once.
private final class PendingConnect {
    let operation: String
    let fallbackPeer: String
    let completion: (Result<TCPConnection, TransportError>) -> Void

    init(operation: String, fallbackPeer: String,
         completion: @escaping (Result<TCPConnection, TransportError>) -> Void) {
        self.operation = operation
        self.fallbackPeer = fallbackPeer
        self.completion = completion
    }

    func finish(status: Int32, stream: UnsafeMutablePointer<uv_stream_t>) {
        let handle = asHandle(stream)
        let tcp = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: uv_tcp_t.self)
        // ECANCELED arrives while EventLoop.close() is already closing the handle.
        guard status == 0, uv_is_closing(handle) == 0 else {
            closeAndFree(handle)
            completion(.failure(TransportError(code: status < 0 ? status : UV_ECANCELED.rawValue,
                                               operation: operation)))
            return
        }
        uv_tcp_nodelay(tcp, 1)
        let peer = (try? SocketAddress(of: tcp, peer: true))?.description ?? fallbackPeer
        completion(.success(TCPConnection(adopting: tcp, peer: peer)))
    }
}

extension EventLoop {
    /// Opens a client connection (numeric host or "localhost"). `completion`
    /// always runs later on the loop thread, never inside this call, also for
    /// errors detected up front (bad address).
    public func connect(host: String, port: UInt16,
                        completion: @escaping (Result<TCPConnection, TransportError>) -> Void) {
        let operation = "connect \(host):\(port)"
        let address: SocketAddress
        let tcp: UnsafeMutablePointer<uv_tcp_t>
        do {
            address = try SocketAddress(host: host, port: port, operation: "connect")
            tcp = try makeTCPHandle(rawLoop)
        } catch {
            callSoon { completion(.failure(error)) }
            return
        }
        let pending = PendingConnect(operation: operation, fallbackPeer: address.description,
                                     completion: completion)
        let request = UnsafeMutablePointer<uv_connect_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(pending).toOpaque()
        let status = address.withSockaddr { sockaddr in
            uv_tcp_connect(request, tcp, sockaddr) { request, status in
                guard let request, let data = request.pointee.data, let stream = request.pointee.handle else { return }
                let pending = Unmanaged<PendingConnect>.fromOpaque(data).takeRetainedValue()
                request.deallocate()
                pending.finish(status: status, stream: stream)
            }
        }
        if status < 0 {
            Unmanaged<PendingConnect>.fromOpaque(request.pointee.data!).release()
            request.deallocate()
            closeAndFree(asHandle(tcp))
            callSoon { completion(.failure(TransportError(code: status, operation: operation))) }
        }
    }

    /// Runs `body` on the next loop turn via a one-shot timer; used so that
    /// completions never re-enter the caller.
    func callSoon(_ body: @escaping () -> Void) {
        let timer = makeTimer()
        timer.start(afterMs: 0) {
            timer.close()
            body()
        }
    }
}
