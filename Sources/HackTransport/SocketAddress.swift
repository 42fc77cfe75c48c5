import CLibUV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A numeric IPv4/IPv6 socket address. No DNS on purpose: resolving names
/// would block the loop, and the server only ever binds literal addresses
/// (plus "localhost", mapped to 127.0.0.1).
struct SocketAddress {
    var storage = sockaddr_storage()

    /// Parses "127.0.0.1", "0.0.0.0", "::1", "::" or "localhost".
    init(host: String, port: UInt16, operation: String) throws(TransportError) {
        let literal = host == "localhost" ? "127.0.0.1" : host
        let status: Int32 = withUnsafeMutableBytes(of: &storage) { raw in
            if uv_ip4_addr(literal, Int32(port), raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)) == 0 {
                return 0
            }
            return uv_ip6_addr(literal, Int32(port), raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self))
        }
        try check(status, "\(operation) \(host):\(port) (not a numeric address)")
    }

    /// Reads the local or remote address of a TCP handle.
    init(of tcp: UnsafeMutablePointer<uv_tcp_t>, peer: Bool) throws(TransportError) {
        var length = Int32(MemoryLayout<sockaddr_storage>.size)
        let status: Int32 = withUnsafeMutableBytes(of: &storage) { raw in
            let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr.self)
            return peer ? uv_tcp_getpeername(tcp, address, &length) : uv_tcp_getsockname(tcp, address, &length)
        }
        try check(status, peer ? "getpeername" : "getsockname")
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>) -> R) -> R {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self))
        }
    }

    var port: UInt16 {
        withUnsafeBytes(of: storage) { raw in
            if Int32(storage.ss_family) == AF_INET6 {
                return UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
            }
            return UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
        }
    }

    /// "127.0.0.1:54321" or "[::1]:54321".
    var description: String {
        var text = [CChar](repeating: 0, count: 64)
        let count = text.count
        let isV6 = Int32(storage.ss_family) == AF_INET6
        withUnsafeBytes(of: storage) { raw in
            text.withUnsafeMutableBufferPointer { out in
                if isV6 {
                    _ = uv_ip6_name(raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self), out.baseAddress, count)
                } else {
                    _ = uv_ip4_name(raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self), out.baseAddress, count)
                }
            }
        }
        let host = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return isV6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
