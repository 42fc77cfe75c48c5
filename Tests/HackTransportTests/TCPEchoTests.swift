import HackTransport
import Testing

@Suite struct TCPEchoTests {
    @Test func listenOnPortZeroEchoesBothWays() throws {
        let loop = try EventLoop()
        var serverSide: TCPConnection?
        var serverGot: [UInt8] = []
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            serverSide = connection
            connection.onRead = { [unowned connection] bytes in
                serverGot.append(contentsOf: bytes)
                connection.write(bytes)
            }
            connection.startReading()
        }
        #expect(listener.port != 0)
        #expect(listener.host == "127.0.0.1")

        var clientGot: [UInt8] = []
        var client: TCPConnection?
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard case .success(let connection) = result else {
                Issue.record("connect failed: \(result)")
                loop.stop()
                return
            }
            client = connection
            #expect(connection.peer == "127.0.0.1:\(listener.port)")
            connection.onRead = { bytes in
                clientGot.append(contentsOf: bytes)
                if clientGot.count == 11 { loop.stop() }
            }
            connection.startReading()
            connection.write(Array("hello ".utf8))
            "world".utf8CString.withUnsafeBytes { connection.write(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        }
        runUntilStopped(loop)
        #expect(String(decoding: clientGot, as: UTF8.self) == "hello world")
        #expect(serverGot == clientGot)
        #expect(serverSide?.peer.hasPrefix("127.0.0.1:") == true)
        #expect(client?.bufferedWriteBytes == 0)
        try loop.close()
        #expect(client?.isClosed == true)
        #expect(serverSide?.isClosed == true)
    }

    @Test func largeWritesArriveIntactInBothDirections() throws {
        let loop = try EventLoop()
        let size = 4 << 20
        let download = pattern(size)
        let upload = download.reversed() as [UInt8]
        var server: TCPConnection?
        var serverGot: [UInt8] = []
        var clientGot: [UInt8] = []
        var queuedRightAfterWrite = 0
        var finished = 0
        func finish() {
            finished += 1
            if finished == 2 { loop.stop() }
        }

        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            server = connection
            connection.onRead = { bytes in
                serverGot.append(contentsOf: bytes)
                if serverGot.count == size { finish() }
            }
            connection.startReading()
            connection.write(download)
            queuedRightAfterWrite = connection.bufferedWriteBytes
        }
        var clientSide: TCPConnection?
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            clientSide = client
            client.onRead = { bytes in
                clientGot.append(contentsOf: bytes)
                if clientGot.count == size { finish() }
            }
            client.startReading()
            client.write(upload)
        }
        runUntilStopped(loop)
        let downloadOK = sameBytes(clientGot, download)
        let uploadOK = sameBytes(serverGot, upload)
        #expect(downloadOK, "download: \(clientGot.count) of \(size) bytes")
        #expect(uploadOK, "upload: \(serverGot.count) of \(size) bytes")
        #expect(queuedRightAfterWrite <= size)
        #expect(server?.bufferedWriteBytes == 0)
        #expect(clientSide?.bufferedWriteBytes == 0)
        try loop.close()
    }

    @Test func slowPeerShowsBackPressureThenDrains() throws {
        let loop = try EventLoop()
        // Far more than loopback socket buffers hold for a peer that is not
        // reading (its receive window stays small until it reads).
        let payload = pattern(16 << 20)
        var server: TCPConnection?
        var queuedAtWrite = 0
        var received: [UInt8] = []
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            server = connection
            connection.write(payload)
            queuedAtWrite = connection.bufferedWriteBytes
        }
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            client.onRead = { bytes in
                received.append(contentsOf: bytes)
                if received.count == payload.count { loop.stop() }
            }
            // Start reading a little later, once the server has queued.
            let later = loop.makeTimer()
            later.start(afterMs: 5) {
                later.close()
                client.startReading()
            }
        }
        runUntilStopped(loop)
        #expect(queuedAtWrite > 0)
        #expect(server?.bufferedWriteBytes == 0)
        let intact = sameBytes(received, payload)
        #expect(intact, "received \(received.count) of \(payload.count) bytes")
        try loop.close()
    }

    @Test func closeFlushesQueuedWritesBeforeEOF() throws {
        let loop = try EventLoop()
        let payload = pattern(3 << 20)
        var received: [UInt8] = []
        var clientClose: [TransportError?] = []
        var serverClose: [TransportError?] = []
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            connection.onClose = { serverClose.append($0) }
            connection.write(payload)
            connection.close()
            #expect(connection.isClosed)
            connection.write([1, 2, 3])  // no-op after close
        }
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            client.onRead = { received.append(contentsOf: $0) }
            client.onClose = { error in
                clientClose.append(error)
                loop.stop()
            }
            client.startReading()
        }
        runUntilStopped(loop)
        let intact = sameBytes(received, payload)
        #expect(intact, "received \(received.count) of \(payload.count) bytes")
        #expect(clientClose.count == 1)
        #expect(clientClose.first.flatMap { $0 } == nil)
        try loop.close()
        #expect(serverClose.count == 1)
        #expect(serverClose.first.flatMap { $0 } == nil)
    }

    @Test func twoHundredConcurrentConnectionsEcho() throws {
        let loop = try EventLoop()
        let listener = try startEchoServer(loop)
        let count = 200
        var done = 0
        var mismatches = 0
        for index in 0..<count {
            let message = Array("connection \(index) says hi".utf8)
            loop.connect(host: "127.0.0.1", port: listener.port) { result in
                guard case .success(let client) = result else {
                    Issue.record("connect \(index) failed: \(result)")
                    return
                }
                var got: [UInt8] = []
                client.onRead = { [unowned client] bytes in
                    got.append(contentsOf: bytes)
                    if got.count >= message.count {
                        if got != message { mismatches += 1 }
                        client.close()
                    }
                }
                client.onClose = { _ in
                    done += 1
                    if done == count { loop.stop() }
                }
                client.startReading()
                client.write(message)
            }
        }
        runUntilStopped(loop)
        #expect(done == count)
        #expect(mismatches == 0)
        try loop.close()
    }
}
