import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "Bad input catalog": broken framing. Each row sends its
/// bad input on a raw socket and checks the exact answer, whether the
/// connection survives, and that a client connected before it is unaffected.
@Suite("Bad input catalog: framing")
struct BadInputFramingTests {
    @Test("garbage bytes (an HTTP request): GOAWAY RESOURCE_EXHAUSTED, closed")
    func garbageBytes() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        // "GET " read as a length is 1,195,725,856: far over the limit.
        try peer.send(bytes: Array("GET / HTTP/1.1\r\nHost: hackd\r\n\r\n".utf8))
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .resourceExhausted)
        #expect(goAway.message == "frame of 1195725856 bytes exceeds the limit of 4194304 bytes")
        #expect(goAway.lastCallID == 0)
        try bystander.expectUnaffected()
    }

    @Test("a length over the limit: GOAWAY RESOURCE_EXHAUSTED before any body, closed")
    func lengthOverTheLimit() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        // Only the header: the server must refuse without waiting for 4 MiB.
        try peer.send(bytes: [0x00, 0x40, 0x00, 0x01, 0x03, 0, 0, 0, 1])
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .resourceExhausted)
        #expect(goAway.message == "frame of 4194305 bytes exceeds the limit of 4194304 bytes")
        try bystander.expectUnaffected()
    }

    @Test("a length under 5: GOAWAY INVALID_ARGUMENT, closed")
    func lengthUnderTheMinimum() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.send(bytes: [0, 0, 0, 2, 1, 0])
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "frame length 2 is shorter than the 5-byte minimum")
        try bystander.expectUnaffected()
    }

    @Test("a truncated frame, then close: nothing sent, the partial frame dropped")
    func truncatedFrameThenClose() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        let request = FrameEncoder.encode(RawPeer.request(callId: 1, method: Methods.Events.list.name, payload: []))
        try peer.send(bytes: Array(request.prefix(request.count - 3)))
        peer.socket.shutdownWrite()
        #expect(try peer.nextFrame() == nil, "the server answered a frame it never fully received")
        #expect(peer.isClosed)
        try bystander.expectUnaffected()
    }

    @Test("unknown frame kinds (0 and 238): GOAWAY INVALID_ARGUMENT, closed", arguments: [UInt8(0), 10, 238])
    func unknownFrameKind(kind: UInt8) throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(bytes: [0, 0, 0, 5, kind, 0, 0, 0, 0])
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "unknown frame kind \(kind)")
        try bystander.expectUnaffected()
    }

    /// field 2 (a string) announces 5 bytes; 1 follows.
    static let truncatedProtobuf: [UInt8] = [0x12, 0x05, 0x41]

    @Test("a HELLO body that is not valid protobuf: GOAWAY INVALID_ARGUMENT, closed")
    func helloBodyNotProtobuf() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.send(Frame(kind: .hello, body: Self.truncatedProtobuf))
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "HELLO frame body is not a valid hack.v1.Hello")
        try bystander.expectUnaffected()
    }

    @Test("a REQUEST body that is not valid protobuf: RESPONSE INVALID_ARGUMENT, the connection survives")
    func requestBodyNotProtobuf() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(Frame(kind: .request, callId: 1, body: Self.truncatedProtobuf))
        let answer = try peer.response(1)
        #expect(answer.status == .invalidArgument)
        #expect(answer.message == "REQUEST frame body is not a valid hack.v1.Request")
        try expectServed(peer, callId: 2)
        try bystander.expectUnaffected()
    }

    @Test("a payload that is not a valid request message: RESPONSE INVALID_ARGUMENT, the connection survives")
    func payloadNotProtobuf() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(RawPeer.request(callId: 1, method: Methods.Events.get.name, payload: Self.truncatedProtobuf))
        let answer = try peer.response(1)
        #expect(answer.status == .invalidArgument)
        #expect(answer.message == "payload is not a valid hack.v1.GetEventRequest")
        try expectServed(peer, callId: 1)  // the refused call's id is free again
        try bystander.expectUnaffected()
    }
}

/// The raw peer's connection still serves calls: Events/List answers the demo event.
func expectServed(_ peer: RawPeer, callId: UInt32, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try peer.call(callId, Methods.Events.list, Hack_V1_ListEventsRequest())
    let answer = try peer.response(callId)
    #expect(answer.status == .ok, "\(answer.status.name): \(answer.message)", sourceLocation: sourceLocation)
    let events = try Hack_V1_ListEventsResponse(serializedBytes: answer.payload).events
    #expect(events.map(\.slug) == [Demo.eventSlug], sourceLocation: sourceLocation)
}
