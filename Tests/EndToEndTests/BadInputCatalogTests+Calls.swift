import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "Bad input catalog": calls.
@Suite("Bad input catalog: calls")
struct BadInputCallTests {
    @Test("an unknown method: RESPONSE UNIMPLEMENTED, the connection survives")
    func unknownMethod() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(RawPeer.request(callId: 1, method: "hack.v1.Nope/Nothing", payload: []))
        let answer = try peer.response(1)
        #expect(answer.status == .unimplemented)
        #expect(answer.message == "unknown method \"hack.v1.Nope/Nothing\"")
        try expectServed(peer, callId: 2)
        try bystander.expectUnaffected()
    }

    @Test("a call id reused while in flight: GOAWAY INVALID_ARGUMENT, closed")
    func callIdReusedInFlight() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.call(7, Methods.Events.watch, .with { $0.slug = Demo.eventSlug })
        let snapshot = try #require(try peer.nextFrame())
        #expect(snapshot.kind == .message && snapshot.callId == 7)
        try peer.call(7, Methods.Events.list, Hack_V1_ListEventsRequest())
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "call id 7 is already in flight")
        #expect(goAway.lastCallID == 7)
        try bystander.expectUnaffected()
    }

    @Test("a call id reused after its RESPONSE or CANCEL is a new call")
    func callIdReusedAfterTheEnd() throws {
        let hackd = try HackdProcess.start()
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try expectServed(peer, callId: 1)
        try expectServed(peer, callId: 1)
        try peer.call(2, Methods.Events.watch, .with { $0.slug = Demo.eventSlug })
        #expect(try peer.nextFrame()?.kind == .message)
        try peer.send(Frame(kind: .cancel, callId: 2))
        try expectServed(peer, callId: 2)
    }

    @Test("a REQUEST with call id 0: GOAWAY INVALID_ARGUMENT, closed")
    func callIdZero() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.call(0, Methods.Events.list, Hack_V1_ListEventsRequest())
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "REQUEST with call id 0")
        try bystander.expectUnaffected()
    }

    @Test("a stream message (MESSAGE) from the client on a unary call: GOAWAY INVALID_ARGUMENT, closed")
    func clientStreamMessage() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        // A unary call in flight (its deadline far away), then a client-stream item for it.
        try peer.send(RawPeer.request(callId: 3, method: Methods.Events.list.name, payload: [], timeoutMs: 60_000))
        try peer.send(Frame(kind: .message, callId: 3, message: Hack_V1_ListEventsRequest()))
        var goAway: Hack_V1_GoAway?
        while let frame = try peer.nextFrame() {
            // The call may have been answered before the MESSAGE arrived.
            if frame.kind == .goaway { goAway = try frame.decodeBody(as: Hack_V1_GoAway.self) }
        }
        let body = try #require(goAway)
        #expect(body.status == .invalidArgument)
        #expect(body.message == "MESSAGE frames are sent by the server only: no method takes a client stream")
        try bystander.expectUnaffected()
    }

    @Test("server-only kinds from the client: GOAWAY INVALID_ARGUMENT, closed",
          arguments: [FrameKind.welcome, .response, .goaway])
    func serverOnlyKind(kind: FrameKind) throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(Frame(kind: kind, callId: kind == .response ? 1 : 0))
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "\(kind.name) frames are sent by the server only")
        try bystander.expectUnaffected()
    }

    @Test("a CANCEL for a call not in flight is ignored")
    func cancelNotInFlight() throws {
        let hackd = try HackdProcess.start()
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(Frame(kind: .cancel, callId: 99))
        try expectServed(peer, callId: 1)
    }
}
