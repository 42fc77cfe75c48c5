#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HackProtocol

/// A connected TCP socket with blocking reads and writes: a command-line
/// client waits for each answer anyway, so an event loop would add nothing.
final class BlockingSocket {
    private var descriptor: Int32

    init(connectingTo address: ServerAddress) throws(ClientError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(address.host, String(address.port), &hints, &results)
        guard lookup == 0, let first = results else {
            throw ClientError(.unavailable, "cannot resolve \(address.host): \(String(cString: gai_strerror(lookup)))")
        }
        defer { freeaddrinfo(first) }
        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    var one: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    descriptor = fd
                    return
                }
                lastError = errno
                _ = Glibc.close(fd)
            } else {
                lastError = errno
            }
            candidate = info.pointee.ai_next
        }
        throw ClientError(.unavailable, "cannot connect to \(address): \(String(cString: strerror(lastError)))")
    }

    deinit { close() }

    func send(_ bytes: [UInt8]) throws(ClientError) {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw ClientError(.unavailable, "connection lost while sending: \(String(cString: strerror(errno)))")
            }
            sent += result
        }
    }

    /// Reads what is available into `decoder`; throws when the peer closed.
    func receive(into decoder: inout FrameDecoder) throws(ClientError) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                chunk.withUnsafeBytes { decoder.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                return
            }
            if count < 0, errno == EINTR { continue }
            let reason = count == 0 ? "the server closed the connection" : String(cString: strerror(errno))
            throw ClientError(.unavailable, reason)
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }
}
