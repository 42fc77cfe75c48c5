import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "Bad input catalog": the handshake.
@Suite("Bad input catalog: handshake")
struct BadInputHandshakeTests {
    @Test("a REQUEST before the handshake: GOAWAY FAILED_PRECONDITION, closed")
    func requestBeforeHandshake() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.call(1, Methods.Events.list, Hack_V1_ListEventsRequest())
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .failedPrecondition)
        #expect(goAway.message == "expected HELLO first, got REQUEST")
        #expect(goAway.lastCallID == 0)
        try bystander.expectUnaffected()
    }

    @Test("a PING before the handshake is answered; the handshake still works")
    func pingBeforeHandshake() throws {
        let hackd = try HackdProcess.start()
        let peer = try RawPeer(hackd)
        try peer.send(Frame(kind: .ping, message: Hack_V1_Ping.with { $0.opaque = 42 }))
        let pong = try #require(try peer.nextFrame())
        #expect(pong.kind == .pong)
        #expect(try pong.decodeBody(as: Hack_V1_Ping.self).opaque == 42)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try expectServed(peer, callId: 1)
    }

    @Test("a wrong protocol version: GOAWAY UNIMPLEMENTED naming the versions spoken, closed", arguments: [UInt32(0), 2, .max])
    func wrongProtocolVersion(version: UInt32) throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.send(Frame(kind: .hello, message: Hack_V1_Hello.with { $0.protocolVersion = version; $0.clientName = "future" }))
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .unimplemented)
        #expect(goAway.message == "protocol version \(version) is not supported; this server speaks 1")
        try bystander.expectUnaffected()
    }

    @Test("a second HELLO: GOAWAY FAILED_PRECONDITION, closed")
    func secondHello() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(Frame(kind: .hello, message: Hack_V1_Hello.with { $0.protocolVersion = 1 }))
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .failedPrecondition)
        #expect(goAway.message == "HELLO was already received on this connection")
        try bystander.expectUnaffected()
    }
}
