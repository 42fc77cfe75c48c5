import HackTransport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct TCPLifecycleTests {
    @Test func peerCloseGivesNilExactlyOnce() throws {
        let loop = try EventLoop()
        var closes: [TransportError?] = []
        var server: TCPConnection?
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            server = connection
            connection.onClose = { [unowned connection] error in
                closes.append(error)
                connection.close()          // closing from onClose is a no-op
                connection.write([9, 9])    // so is writing
                loop.stop()
            }
            connection.startReading()
        }
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            client.write(Array("bye".utf8))
            client.close()
        }
        runUntilStopped(loop)
        #expect(closes.count == 1)
        #expect(closes.first.flatMap { $0 } == nil)
        #expect(server?.isClosed == true)
        try loop.close()
        #expect(closes.count == 1)
    }

    @Test func closingInsideOnReadIsSafe() throws {
        let loop = try EventLoop()
        var readsAfterClose = 0
        var serverCloses: [TransportError?] = []
        var clientCloses: [TransportError?] = []
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            connection.onRead = { [unowned connection] _ in
                if connection.isClosed { readsAfterClose += 1 }
                connection.close()
                connection.close()
                connection.write([1])
                #expect(connection.bufferedWriteBytes == 0)
            }
            connection.onClose = { serverCloses.append($0) }
            connection.startReading()
        }
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            client.onClose = { error in
                clientCloses.append(error)
                loop.stop()
            }
            client.startReading()
            let chunk = pattern(1000)
            for _ in 0..<20 { client.write(chunk) }
        }
        runUntilStopped(loop)
        try loop.close()
        #expect(readsAfterClose == 0)
        #expect(serverCloses.count == 1)
        #expect(serverCloses.first.flatMap { $0 } == nil)
        #expect(clientCloses.count == 1)
    }

    @Test func writeAfterCloseIsNoOp() throws {
        let loop = try EventLoop()
        let listener = try startEchoServer(loop)
        var closeCount = 0
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            client.onClose = { _ in
                closeCount += 1
                loop.stop()
            }
            client.close()
            client.write(pattern(100_000))
            client.write([])
            client.startReading()
            #expect(client.isClosed)
            #expect(client.bufferedWriteBytes == 0)
        }
        runUntilStopped(loop)
        try loop.close()
        #expect(closeCount == 1)
    }

    @Test func peerResetReportsErrorOnce() throws {
        let loop = try EventLoop()
        var closes: [TransportError?] = []
        var raw: RawClient?
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            connection.onClose = { error in
                closes.append(error)
                loop.stop()
            }
            connection.startReading()
            raw?.reset()
        }
        raw = try RawClient(port: listener.port)
        runUntilStopped(loop)
        try loop.close()
        #expect(closes.count == 1)
        let error = try #require(closes.first.flatMap { $0 })
        #expect(error.name == "ECONNRESET")
    }

    @Test func writingToResetPeerClosesWithError() throws {
        let loop = try EventLoop()
        var closes: [TransportError?] = []
        var raw: RawClient?
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            connection.onClose = { error in
                closes.append(error)
                loop.stop()
            }
            raw?.reset()
            connection.startReading()
            // Whether the write or the read notices first, the result is one error.
            let chunk = pattern(64 * 1024)
            for _ in 0..<64 { connection.write(chunk) }
        }
        raw = try RawClient(port: listener.port)
        runUntilStopped(loop)
        try loop.close()
        #expect(closes.count == 1)
        let error = closes.first.flatMap { $0 }
        #expect(error != nil)
        #expect(["ECONNRESET", "EPIPE"].contains(error?.name ?? ""))
    }

    @Test func connectToClosedPortFails() throws {
        let loop = try EventLoop()
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { _ in }
        let port = listener.port
        listener.close()
        var outcome: Result<TCPConnection, TransportError>?
        loop.connect(host: "127.0.0.1", port: port) { result in
            outcome = result
            loop.stop()
        }
        runUntilStopped(loop)
        try loop.close()
        guard case .failure(let error) = outcome else {
            Issue.record("expected failure, got \(String(describing: outcome))")
            return
        }
        #expect(error.name == "ECONNREFUSED")
        #expect(error.code == -ECONNREFUSED)
        #expect(error.description.contains("connect 127.0.0.1:\(port)"))
    }

    @Test func connectWithBadAddressFailsAsynchronously() throws {
        let loop = try EventLoop()
        var outcome: Result<TCPConnection, TransportError>?
        loop.connect(host: "not-an-address", port: 1) { result in
            outcome = result
            loop.stop()
        }
        #expect(outcome == nil)
        runUntilStopped(loop)
        try loop.close()
        guard case .failure(let error) = outcome else {
            Issue.record("expected failure")
            return
        }
        #expect(error.name == "EINVAL")
    }

    @Test func loopCloseClosesLeftovers() throws {
        let loop = try EventLoop()
        var serverCloses = 0
        var clientCloses = 0
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            connection.onClose = { _ in serverCloses += 1 }
            connection.startReading()
            connection.write(Array("ready".utf8))
        }
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            client.onClose = { _ in clientCloses += 1 }
            client.onRead = { _ in loop.stop() }
            client.startReading()
        }
        runUntilStopped(loop)
        // A listener, two open connections, an armed timer, a signal watcher,
        // a turn hook, and a connect still in flight are all left open.
        loop.makeTimer().start(afterMs: 60_000) {}
        _ = try loop.watchSignal(SIGUSR2) {}
        _ = loop.onEveryTurn {}
        loop.connect(host: "127.0.0.1", port: listener.port) { _ in }
        try loop.close()
        try loop.close()  // idempotent
        #expect(serverCloses == 1)
        #expect(clientCloses == 1)
    }
}
