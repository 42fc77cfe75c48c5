import Foundation
import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "Bad input catalog" rows 22–25 and "Keepalive": the
/// limits of a connection over time. Timers are shortened on hackd's
/// command line so that each rule shows in well under a second.
@Suite("Bad input catalog: connection limits")
struct BadInputConnectionTests {
    @Test("WELCOME announces every connection limit, as configured or by default")
    func welcomeAnnouncesLimits() throws {
        let defaults = try HackdProcess.start().connect().welcome.limits
        #expect(defaults.maxFrameBytes == 4 << 20)
        #expect(defaults.maxConcurrentCalls == 100)
        #expect(defaults.idleTimeoutMs == 600_000)
        #expect(defaults.keepaliveTimeoutMs == 20_000)
        #expect(defaults.minPingIntervalMs == 10_000)
        #expect(defaults.maxPingStrikes == 2)
        #expect(defaults.maxBufferedBytes == 8 << 20)

        let hackd = try HackdProcess.start(options: [
            "--max-frame-bytes", "65536", "--max-concurrent-calls", "7", "--idle-timeout", "1h",
            "--keepalive-timeout", "0", "--min-ping-interval", "1s500ms", "--max-ping-strikes", "5",
            "--max-buffered-bytes", "131072"])
        let limits = try hackd.connect().welcome.limits
        #expect(limits.maxFrameBytes == 65_536)
        #expect(limits.maxConcurrentCalls == 7)
        #expect(limits.idleTimeoutMs == 3_600_000)
        #expect(limits.keepaliveTimeoutMs == 0)
        #expect(limits.minPingIntervalMs == 1_500)
        #expect(limits.maxPingStrikes == 5)
        #expect(limits.maxBufferedBytes == 131_072)
    }

    @Test("a limit given wrong is refused on the command line, naming it")
    func badLimitOption() throws {
        let result = try runHackd(["--db", "/nonexistent/x.db", "--idle-timeout", "soon"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--idle-timeout"))
        let zero = try runHackd(["--db", "/nonexistent/x.db", "--max-connections", "0"])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("--max-connections must be at least 1"))
    }

    @Test("a connection idle too long: GOAWAY UNAVAILABLE naming the idle time, closed")
    func idleConnection() throws {
        let hackd = try HackdProcess.start(options: ["--idle-timeout", "300ms"])
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try expectServed(peer, callId: 1)  // the idle time counts from here
        let served = Date()
        let goAway = try peer.goAwayThenClose(closingFirst: false)
        // Not at once: the idle time ran (counted by the server from its answer, a bit before `served`).
        #expect(Date().timeIntervalSince(served) >= 0.2)
        #expect(goAway.status == .unavailable)
        #expect(goAway.message == "idle: no call for 300 ms")
        #expect(goAway.lastCallID == 1)
        // The bystander comes after: the idle rule would close it too.
        try Bystander(hackd).expectUnaffected()
    }

    @Test("a connection with a Watch open is not idle, and a client that answers PINGs stays")
    func watcherStays() throws {
        let hackd = try HackdProcess.start(options: [
            "--idle-timeout", "200ms", "--keepalive-interval", "100ms", "--keepalive-timeout", "100ms"])
        let watcher = try hackd.connect("watcher")
        var items = 0
        var request = Hack_V1_WatchEventRequest()
        request.slug = Demo.eventSlug
        request.tickIntervalMs = 100
        // HackConnection answers PINGs while it reads: ten ticks take a
        // second, five idle timeouts and ten keepalive intervals.
        try watcher.stream(Methods.Events.watch, request) { (_: Hack_V1_EventUpdate) throws(ClientError) -> Bool in
            items += 1
            return items < 11
        }
        #expect(items == 11)
    }

    @Test("a peer with a call in flight that does not answer PINGs: GOAWAY UNAVAILABLE after the keepalive timeout")
    func keepaliveUnanswered() throws {
        let hackd = try HackdProcess.start(options: ["--keepalive-interval", "100ms", "--keepalive-timeout", "200ms"])
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.call(1, Methods.Events.watch, Hack_V1_WatchEventRequest.with { $0.slug = Demo.eventSlug })
        var pings = 0, last: Frame?
        while let frame = try peer.nextFrame() {
            if frame.kind == .ping { pings += 1 }
            last = frame
        }
        #expect(pings == 1, "one PING, then the deadline")
        let goAway = try #require(last, "closed without a frame")
        #expect(goAway.kind == .goaway)
        let body = try goAway.decodeBody(as: Hack_V1_GoAway.self)
        #expect(body.status == .unavailable)
        #expect(body.message == "keepalive: nothing received within 200 ms of a PING")
        #expect(body.lastCallID == 1)
        try bystander.expectUnaffected()
    }

    @Test("no HELLO in time: GOAWAY DEADLINE_EXCEEDED, closed")
    func noHello() throws {
        let hackd = try HackdProcess.start(options: ["--keepalive-timeout", "200ms"])
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        let goAway = try peer.goAwayThenClose(closingFirst: false)
        #expect(goAway.status == .deadlineExceeded)
        #expect(goAway.message == "no HELLO within 200 ms of connecting")
        try bystander.expectUnaffected()
    }

    @Test("too many PINGs: PONGs for the allowed ones, then GOAWAY RESOURCE_EXHAUSTED too_many_pings")
    func tooManyPings() throws {
        let hackd = try HackdProcess.start()  // defaults: 10 s apart, 2 strikes
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        for opaque in 1...4 {
            try peer.send(Frame(kind: .ping, message: Hack_V1_Ping.with { $0.opaque = UInt64(opaque) }))
        }
        var pongs: [UInt64] = []
        for _ in 1...3 {
            let frame = try #require(try peer.nextFrame())
            #expect(frame.kind == .pong)
            pongs.append(try frame.decodeBody(as: Hack_V1_Ping.self).opaque)
        }
        #expect(pongs == [1, 2, 3])
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .resourceExhausted)
        #expect(goAway.message == "too_many_pings: more than 2 PINGs less than 10000 ms apart")
        try bystander.expectUnaffected()
    }

    @Test("a PING whose body is not a Ping: GOAWAY INVALID_ARGUMENT, closed (a PONG echoing it would be undecodable)")
    func pingBodyNotAPing() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(Frame(kind: .ping, body: [0xFF, 0xFF, 0xFF]))
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "PING frame body is not a valid hack.v1.Ping")
        try bystander.expectUnaffected()
    }

    @Test("more connections than allowed: the extra one is told GOAWAY RESOURCE_EXHAUSTED; a freed slot is reused")
    func tooManyConnections() throws {
        let hackd = try HackdProcess.start(options: ["--max-connections", "3"])
        let token = try hackd.token(role: "organiser")
        let bystander = try hackd.connect("bystander")
        let first = try RawPeer(hackd)
        try first.handshake(token: token)
        let second = try RawPeer(hackd)
        try second.handshake(token: token)

        let extra = try RawPeer(hackd)
        let goAway = try extra.goAwayThenClose(closingFirst: false)
        #expect(goAway.status == .resourceExhausted)
        #expect(goAway.message == "the server already serves its limit of 3 connections; try again later")

        #expect(try bystander.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)
        try expectServed(first, callId: 1)
        first.socket.close()
        // The server forgets the closed connection on its next loop turn.
        let newcomer = try eventually { () throws -> RawPeer? in
            let peer = try RawPeer(hackd)
            guard try peer.nextFrameOrTimeout(seconds: 0.1) == nil else { return nil }  // refused: try again
            return peer
        }
        try newcomer.handshake(token: token)
        try expectServed(newcomer, callId: 1)
    }

    @Test("a peer that sends but never reads: GOAWAY RESOURCE_EXHAUSTED past the unread-bytes limit; memory bounded")
    func peerThatNeverReads() throws {
        let hackd = try HackdProcess.start(options: ["--max-buffered-bytes", "65536"])
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd, receiveBufferBytes: 4096)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        let rssBefore = try BadInputExhaustionTests.residentBytes(of: hackd.pid)
        // Each Watch answers with a snapshot of the event; cancelling frees
        // the call id for the next one. The output piles up unread.
        let watch = RawPeer.request(callId: 1, method: Methods.Events.watch.name,
                                    payload: try Hack_V1_WatchEventRequest.with { $0.slug = Demo.eventSlug }.serializedBytes())
        let cancel = Frame(kind: .cancel, callId: 1)
        let pair = FrameEncoder.encode(watch) + FrameEncoder.encode(cancel)
        for _ in 0..<20 { try peer.send(bytes: Array(repeating: pair, count: 100).flatMap { $0 }) }
        try bystander.expectUnaffected()

        // Reading now, the peer finds its snapshots cut short by the reason.
        let goAway = try peer.goAwayThenClose(closingFirst: false)
        #expect(goAway.status == .resourceExhausted)
        #expect(goAway.message.hasPrefix("the client is not reading: "))
        #expect(goAway.message.hasSuffix(" bytes unsent exceed the limit of 65536 bytes"))
        let growth = try BadInputExhaustionTests.residentBytes(of: hackd.pid) - rssBefore
        #expect(growth < 32 << 20, "hackd grew by \(growth >> 20) MiB")
        try bystander.expectUnaffected()
    }

    @Test("a peer that never reads at all is reset once its last bytes wait longer than the keepalive timeout")
    func peerResetAfterLinger() throws {
        let hackd = try HackdProcess.start(options: ["--max-buffered-bytes", "65536", "--keepalive-timeout", "300ms"])
        let admin = try hackd.connect("admin", as: "admin")
        let peer = try RawPeer(hackd, receiveBufferBytes: 4096)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        let watch = RawPeer.request(callId: 1, method: Methods.Events.watch.name,
                                    payload: try Hack_V1_WatchEventRequest.with { $0.slug = Demo.eventSlug }.serializedBytes())
        let pair = FrameEncoder.encode(watch) + FrameEncoder.encode(Frame(kind: .cancel, callId: 1))
        for _ in 0..<20 { try peer.send(bytes: Array(repeating: pair, count: 100).flatMap { $0 }) }
        // Only the admin's own connection is left once the peer is reset.
        let open = try eventually { () throws -> UInt64? in
            let open = try admin.call(Methods.Server.stats, Hack_V1_ServerStatsRequest()).connectionsOpen
            return open == 1 ? open : nil
        }
        #expect(open == 1)
    }
}
