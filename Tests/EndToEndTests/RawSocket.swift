import Foundation
import HackClient
import HackProtocol
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare TCP socket, to talk to hackd without the client library.
final class RawSocket {
    private var descriptor: Int32

    /// `receiveBufferBytes` shrinks the kernel's receive buffer (set before
    /// connecting, so the TCP window is small too): a peer that stops
    /// reading then pushes back on the server at once.
    init(connectingTo address: ServerAddress, receiveBufferBytes: Int32? = nil) throws {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Self.streamType
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(address.host, String(address.port), &hints, &results) == 0, let info = results else {
            throw HarnessError("cannot resolve \(address)")
        }
        defer { freeaddrinfo(info) }
        descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard descriptor >= 0 else { throw HarnessError("socket(): \(String(cString: strerror(errno)))") }
        if var size = receiveBufferBytes {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        guard connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close()
            throw HarnessError("cannot connect to \(address): \(reason)")
        }
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        // Reads give up after a while only so that a bug cannot hang the tests.
        var timeout = timeval(tv_sec: Int(hangGuardSeconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Self.sendBytes(descriptor, raw.baseAddress! + sent, raw.count - sent)
            }
            if count < 0 {
                if errno == EINTR { continue }
                // The server may already have closed: what it sent is still readable.
                return
            }
            sent += count
        }
    }

    /// The next bytes the server sends: [] once it has closed, nil when the
    /// read timed out.
    func receive() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(chunk[0..<count]) }
            if count == 0 { return [] }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            return []  // ECONNRESET and the like: closed too
        }
    }

    /// True when bytes (or the end of the stream) can be read within `seconds`.
    func isReadable(within seconds: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(seconds * 1000)) > 0
    }

    /// Tells the server nothing more will come.
    func shutdownWrite() { _ = shutdown(descriptor, Int32(SHUT_WR)) }

    /// Everything the server sends until it closes the connection; nil when
    /// the read timed out (the server kept the connection open).
    func readUntilClosed() -> [UInt8]? {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { received += chunk[0..<count]; continue }
            if count == 0 { return received }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            return received  // ECONNRESET and the like: closed too
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
        descriptor = -1
    }

    /// A TCP port of 127.0.0.1 that nothing listens on (bound, then released).
    static func unusedPort() throws -> UInt16 {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw HarnessError("socket(): \(String(cString: strerror(errno)))") }
        defer {
            #if canImport(Glibc)
            _ = Glibc.close(fd)
            #else
            _ = Darwin.close(fd)
            #endif
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw HarnessError("bind(): \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static func sendBytes(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    }
    #else
    private static let streamType = SOCK_STREAM
    private static func sendBytes(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        Darwin.send(fd, pointer, count, 0)
    }
    #endif
}
