import Foundation
import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "Bad input catalog": what well-framed messages carry.
@Suite("Bad input catalog: content")
struct BadInputContentTests {
    /// A protobuf string field 1 holding `C3 28`: a lead byte followed by no continuation.
    static let invalidUTF8Field1: [UInt8] = [0x0A, 0x02, 0xC3, 0x28]

    @Test("invalid UTF-8 in a request's string: RESPONSE INVALID_ARGUMENT, the connection survives")
    func invalidUTF8InPayload() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.send(RawPeer.request(callId: 1, method: Methods.Events.get.name, payload: Self.invalidUTF8Field1))
        let answer = try peer.response(1)
        #expect(answer.status == .invalidArgument)
        #expect(answer.message == "payload is not a valid hack.v1.GetEventRequest")

        // In the method name itself: the Request cannot be read either.
        try peer.send(Frame(kind: .request, callId: 2, body: Self.invalidUTF8Field1))
        let envelope = try peer.response(2)
        #expect(envelope.status == .invalidArgument)
        #expect(envelope.message == "REQUEST frame body is not a valid hack.v1.Request")
        try expectServed(peer, callId: 3)
        try bystander.expectUnaffected()
    }

    @Test("invalid UTF-8 in HELLO: GOAWAY INVALID_ARGUMENT, closed")
    func invalidUTF8InHello() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        // protocol_version 1, client_name = C3 28.
        try peer.send(Frame(kind: .hello, body: [0x08, 0x01, 0x12, 0x02, 0xC3, 0x28]))
        let goAway = try peer.goAwayThenClose()
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message == "HELLO frame body is not a valid hack.v1.Hello")
        try bystander.expectUnaffected()
    }

    @Test("strings and repeated fields over their limits: RESPONSE INVALID_ARGUMENT naming the field and the limit")
    func overTheLimits() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.call(1, Methods.Teams.create, .with {
            $0.challengeID = Demo.saintOmerChallenge
            $0.name = String(repeating: "é", count: 201)
        })
        let longName = try peer.response(1)
        #expect(longName.status == .invalidArgument)
        #expect(longName.message == "name: must be at most 200 characters")

        try peer.call(2, Methods.Teams.create, .with {
            $0.challengeID = Demo.saintOmerChallenge
            $0.name = "Trop nombreux"
            $0.members = (1...21).map { number in .with { $0.name = "Membre \(number)" } }
        })
        let tooMany = try peer.response(2)
        #expect(tooMany.status == .invalidArgument)
        #expect(tooMany.message == "members: must list at most 20 members")

        // A megabyte of text, under the frame limit: refused on its length, not on its size.
        try peer.call(3, Methods.Teams.create, .with {
            $0.challengeID = Demo.saintOmerChallenge
            $0.name = String(repeating: "a", count: 1_000_000)
        })
        #expect(try peer.response(3).message == "name: must be at most 200 characters")
        try expectServed(peer, callId: 4)
        try bystander.expectUnaffected()
    }

    @Test("negative or absurd durations: INVALID_ARGUMENT naming the field; never a crash")
    func absurdDurations() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        var callId: UInt32 = 0
        func refused<Request, Response>(_ method: UnaryMethod<Request, Response>, _ request: Request) throws -> Hack_V1_Response {
            callId += 1
            try peer.call(callId, method, request)
            return try peer.response(callId)
        }
        let slug = Demo.eventSlug
        for at in [Int64.min, -1] {
            let answer = try refused(Methods.Events.schedule, .with { $0.slug = slug; $0.startAtMs = at })
            #expect(answer.status == .invalidArgument)
            #expect(answer.message == "start_at_ms: must not be negative")
        }
        let past = try refused(Methods.Events.schedule, .with { $0.slug = slug; $0.startAtMs = 1 })
        #expect(past.status == .invalidArgument)
        #expect(past.message.hasPrefix("start_at_ms: must be in the future"), "\(past.message)")
        let farAhead = try refused(Methods.Events.schedule, .with { $0.slug = slug; $0.startAtMs = .max })
        #expect(farAhead.status == .invalidArgument)
        #expect(farAhead.message == "start_at_ms: must be within 366 days")
        // duration_ms is unsigned: -1 sent as a varint reads as UInt64.max.
        for duration in [UInt64.max, 0] {
            let phase = try refused(Methods.Events.update, .with {
                $0.slug = slug
                $0.event.agenda = [.with { $0.kind = .hack; $0.durationMs = duration }]
                $0.updateMask = ["agenda"]
            })
            #expect(phase.status == .invalidArgument)
            #expect(phase.message == "agenda[0].duration_ms: must be between 1 and 86400000")
        }

        try bystander.connection.startHackPhase()
        for delta in [Int64.min, .max, -86_400_001] {
            let answer = try refused(Methods.Events.extend, .with { $0.slug = slug; $0.deltaMs = delta })
            #expect(answer.status == .invalidArgument)
            #expect(answer.message == "delta_ms: must be non-zero and at most 24 hours either way")
        }
        callId += 1
        try peer.call(callId, Methods.Events.watch, .with { $0.slug = slug; $0.tickIntervalMs = .max })
        let ticks = try peer.response(callId)
        #expect(ticks.status == .invalidArgument)
        #expect(ticks.message == "tick_interval_ms: must be 0 (no ticks) or between 100 and 60000")

        // timeout_ms is unsigned: -1 sent as a 64-bit varint reads as 4,294,967,295 ms,
        // a far deadline; the call is answered as usual.
        let method = Array(Methods.Events.list.name.utf8)
        let request = [0x0A, UInt8(method.count)] + method + [0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01]
        #expect(try Hack_V1_Request(serializedBytes: request).timeoutMs == .max)
        try peer.send(Frame(kind: .request, callId: 100, body: request))
        #expect(try peer.response(100).status == .ok)
        try expectServed(peer, callId: 101)
        try bystander.expectUnaffected()
    }
}
