import Foundation
import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "Deadlines": a call's `timeout_ms` runs out.
@Suite("Deadlines")
struct DeadlineTests {
    @Test("a stream whose deadline passes ends with DEADLINE_EXCEEDED; the connection goes on")
    func streamDeadline() throws {
        let hackd = try HackdProcess.start()
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        let started = Date()
        try peer.send(RawPeer.request(callId: 1, method: Methods.Events.watch.name,
                                      payload: try Hack_V1_WatchEventRequest.with { $0.slug = Demo.eventSlug }.serializedBytes(),
                                      timeoutMs: 200))
        let answer = try peer.response(1)
        #expect(Date().timeIntervalSince(started) >= 0.15)
        #expect(answer.status == .deadlineExceeded)
        #expect(answer.message == "deadline of 200 ms exceeded")
        try expectServed(peer, callId: 1)  // the id is free again
    }

    @Test("writes whose deadline passes while queued for commit are answered DEADLINE_EXCEEDED; every OK is durable")
    func queuedWriteDeadline() throws {
        let hackd = try HackdProcess.start()
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        let calls = UInt32(1)...UInt32(99)
        var burst: [UInt8] = []
        for callId in calls {
            let request = Hack_V1_CreateTeamRequest.with { $0.challengeID = Demo.orleansChallenge; $0.name = "Équipe pressée \(callId)" }
            burst += FrameEncoder.encode(RawPeer.request(callId: callId, method: Methods.Teams.create.name,
                                                         payload: try request.serializedBytes(), timeoutMs: 1))
        }
        try peer.send(bytes: burst)
        var answers: [UInt32: Hack_V1_Response] = [:]
        while answers.count < calls.count, let frame = try peer.nextFrame() {
            #expect(frame.kind == .response, "\(frame.kind.name)")
            #expect(answers[frame.callId] == nil, "call \(frame.callId) answered twice")
            answers[frame.callId] = try frame.decodeBody(as: Hack_V1_Response.self)
        }
        #expect(Set(answers.keys) == Set(calls))
        let late = answers.values.filter { $0.status == .deadlineExceeded }
        #expect(!late.isEmpty, "99 writes in one commit all within 1 ms")
        #expect(late.allSatisfy { $0.message == "deadline of 1 ms exceeded" })
        #expect(answers.values.allSatisfy { $0.status == .ok || $0.status == .deadlineExceeded })

        // Nothing more comes for them, and each acknowledged team is there.
        try expectServed(peer, callId: 100)
        let teams = Set(try hackd.connect().call(Methods.Teams.list, Hack_V1_ListTeamsRequest.with {
            $0.eventSlug = Demo.eventSlug
        }).teams.map(\.name))
        for (callId, answer) in answers where answer.status == .ok {
            #expect(teams.contains("Équipe pressée \(callId)"))
        }
    }

    @Test("a call whose deadline passed while it waited behind the other frames of its read is refused, not run")
    func refusedPastItsDeadline() throws {
        let hackd = try HackdProcess.start()
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        // 98 reports rendered one after the other, then, in the same read, a write with 1 ms to live.
        var burst: [UInt8] = []
        for callId in UInt32(1)...98 {
            burst += FrameEncoder.encode(RawPeer.request(
                callId: callId, method: Methods.Reports.export.name,
                payload: try Hack_V1_ExportReportRequest.with { $0.eventSlug = Demo.eventSlug }.serializedBytes()))
        }
        burst += FrameEncoder.encode(RawPeer.request(
            callId: 99, method: Methods.Teams.create.name,
            payload: try Hack_V1_CreateTeamRequest.with { $0.challengeID = Demo.orleansChallenge; $0.name = "Trop tard" }.serializedBytes(),
            timeoutMs: 1))
        try peer.send(bytes: burst)
        let late = try peer.response(99)
        #expect(late.status == .deadlineExceeded)
        #expect(late.message == "deadline of 1 ms exceeded")
        let teams = try hackd.connect().call(Methods.Teams.list, Hack_V1_ListTeamsRequest.with { $0.eventSlug = Demo.eventSlug })
        #expect(!teams.teams.contains { $0.name == "Trop tard" }, "the refused write must not have run")
        try expectServed(peer, callId: 99)
    }
}
