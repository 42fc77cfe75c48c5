import HackTransport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the loop until a test calls `loop.stop()`; a watchdog stops it after
/// `timeoutMs` so a bug fails the test instead of hanging the suite.
/// Returns true when the test stopped the loop itself.
@discardableResult
func runUntilStopped(_ loop: EventLoop, timeoutMs: UInt64 = 5_000,
                     sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    var timedOut = false
    // Timers count from the loop's cached time; refresh it so slow setup
    // (building payloads) does not eat into the watchdog budget.
    loop.updateTime()
    let watchdog = loop.makeTimer()
    watchdog.start(afterMs: timeoutMs) {
        timedOut = true
        loop.stop()
    }
    loop.run()
    watchdog.close()
    #expect(!timedOut, "event loop watchdog fired", sourceLocation: sourceLocation)
    return !timedOut
}

/// Listens on 127.0.0.1:0 and echoes everything back.
func startEchoServer(_ loop: EventLoop) throws -> TCPListener {
    try loop.listen(host: "127.0.0.1", port: 0) { connection in
        connection.onRead = { [unowned connection] bytes in
            connection.write(bytes)
        }
        connection.startReading()
    }
}

/// Deterministic test payload: a 65521-byte (prime) block repeated, so a
/// chunk that arrives shifted or out of order never compares equal (reads come
/// in power-of-two sizes). Built by block copies to stay fast in debug builds.
func pattern(_ count: Int) -> [UInt8] {
    let period = 65_521
    let block = (0..<min(count, period)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count {
        bytes.append(contentsOf: block.prefix(count - bytes.count))
    }
    return bytes
}

/// Byte-wise equality without a slow element loop in debug builds.
func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 }
    }
}

/// A blocking plain-POSIX client socket, for things the API cannot do on
/// purpose (sending a TCP reset).
struct RawClient {
    let fd: Int32

    init(port: UInt16) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(status == 0)
    }

    /// SO_LINGER with zero timeout makes close(2) send RST instead of FIN.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        _ = close(fd)
    }
}

/// Unwraps a connect result, recording an issue on failure.
func connected(_ result: Result<TCPConnection, TransportError>,
               sourceLocation: SourceLocation = #_sourceLocation) -> TCPConnection? {
    switch result {
    case .success(let connection):
        return connection
    case .failure(let error):
        Issue.record("connect failed: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
