import HackTransport
import Testing

@Suite struct ListenTests {
    @Test func portInUseThrowsEADDRINUSE() throws {
        let loop = try EventLoop()
        let first = try loop.listen(host: "127.0.0.1", port: 0) { _ in }
        do {
            _ = try loop.listen(host: "127.0.0.1", port: first.port) { _ in }
            Issue.record("second listen on \(first.port) succeeded")
        } catch let error as TransportError {
            #expect(error.name == "EADDRINUSE")
            #expect(error.message.isEmpty == false)
            #expect(error.operation == "listen 127.0.0.1:\(first.port)")
        }
        try loop.close()
    }

    @Test func invalidHostThrows() throws {
        let loop = try EventLoop()
        #expect(throws: TransportError.self) {
            _ = try loop.listen(host: "example.invalid", port: 0) { _ in }
        }
        try loop.close()
    }

    @Test(arguments: [
        ("0.0.0.0", "127.0.0.1"),
        ("localhost", "127.0.0.1"),
        ("127.0.0.1", "localhost"),
        ("::1", "::1"),
    ])
    func listenOnSupportedHosts(listenHost: String, connectHost: String) throws {
        let loop = try EventLoop()
        let listener = try startEchoServer(loop)
        let other = try loop.listen(host: listenHost, port: 0) { connection in
            connection.onRead = { [unowned connection] in connection.write($0) }
            connection.startReading()
        }
        #expect(other.port != 0)
        #expect(other.host == listenHost)
        var echoed = ""
        var peer = ""
        loop.connect(host: connectHost, port: other.port) { result in
            guard case .success(let client) = result else {
                Issue.record("connect failed: \(result)")
                loop.stop()
                return
            }
            peer = client.peer
            client.onRead = { bytes in
                echoed += String(decoding: bytes, as: UTF8.self)
                if echoed.count == 4 { loop.stop() }
            }
            client.startReading()
            client.write(Array("ping".utf8))
        }
        runUntilStopped(loop)
        #expect(echoed == "ping")
        let expectedPeer = connectHost == "::1" ? "[::1]:\(other.port)" : "127.0.0.1:\(other.port)"
        #expect(peer == expectedPeer)
        listener.close()
        try loop.close()
    }
}
