import HackClient
import HackProtocol
import Testing

@Suite("hackd against a hostile peer")
struct RobustnessTests {
    @Test("random bytes get a GOAWAY or a close; another connection keeps working", arguments: [0, 1, 2, 3])
    func garbage(seed: Int) throws {
        let hackd = try HackdProcess.start()
        let raw = try RawSocket(connectingTo: hackd.address)
        var bytes = (0..<512).map { _ in UInt8.random(in: 0...255) }
        switch seed {
        case 0: bytes[0...3] = [0xFF, 0xFF, 0xFF, 0xFF]  // length far over the limit
        case 1: bytes[0...4] = [0, 0, 0, 2, 1]           // length < 5
        case 2: bytes[0...4] = [0, 0, 0, 5, 0xEE]        // unknown kind
        default: break                                    // whatever chance gives
        }
        try raw.send(bytes)

        // Meanwhile, a well-behaved client is served.
        let other = try hackd.connect()
        #expect(try other.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)

        raw.shutdownWrite()
        let answer = try #require(raw.readUntilClosed(), "hackd kept the connection open")
        if !answer.isEmpty {
            var decoder = FrameDecoder()
            decoder.append(answer)
            var frames: [Frame] = []
            while let frame = try decoder.next() { frames.append(frame) }
            let last = try #require(frames.last, "hackd sent \(answer.count) bytes that are not a whole frame")
            #expect(last.kind == .goaway)
            let goAway = try last.decodeBody(as: Hack_V1_GoAway.self)
            #expect(goAway.status != .ok)
            if seed == 0 { #expect(goAway.status == .resourceExhausted) }
            if seed == 1 || seed == 2 { #expect(goAway.status == .invalidArgument) }
        }
        // An empty answer is a plain close, which is allowed too: the GOAWAY
        // can be lost when the server resets a connection with unread bytes.

        // Still serving, on the old and on a new connection.
        #expect(try other.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)
        #expect(try hackd.connect().call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)
        #expect(hackd.terminate() == 0)
    }
}
