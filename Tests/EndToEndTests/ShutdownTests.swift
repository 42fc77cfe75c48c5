import Foundation
import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "GOAWAY and draining": SIGTERM with work in flight.
@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test("SIGTERM mid-burst: OK means durable, refusals are UNAVAILABLE and absent, streams end, GOAWAY names the last call, exit 0")
    func sigtermWithWritesInFlight() throws {
        let hackd = try HackdProcess.start()
        let peer = try RawPeer(hackd)
        try peer.handshake(token: try hackd.token(role: "organiser"))
        try peer.call(1, Methods.Events.watch, Hack_V1_WatchEventRequest.with { $0.slug = Demo.eventSlug })
        #expect(try peer.nextFrame()?.kind == .message, "the Watch snapshot")

        let writes = UInt32(2)...UInt32(100)  // with the Watch: the 100 calls a connection may have
        var burst: [[UInt8]] = []
        for callId in writes {
            let request = Hack_V1_CreateTeamRequest.with {
                $0.challengeID = Demo.saintOmerChallenge
                $0.name = Self.teamName(callId)
            }
            burst.append(FrameEncoder.encode(RawPeer.request(callId: callId, method: Methods.Teams.create.name,
                                                         payload: try request.serializedBytes())))
        }
        // Half before the signal, half right after: some land while hackd drains.
        try peer.send(bytes: burst[..<50].flatMap { $0 })
        sendSignal(hackd.pid, SIGTERM)
        for frame in burst[50...] { try peer.send(bytes: frame) }

        var answers: [UInt32: Hack_V1_Response] = [:]
        var goAway: Hack_V1_GoAway?
        while let frame = try peer.nextFrame() {
            #expect(goAway == nil, "a \(frame.kind.name) frame after GOAWAY")
            switch frame.kind {
            case .response: answers[frame.callId] = try frame.decodeBody(as: Hack_V1_Response.self)
            case .goaway: goAway = try frame.decodeBody(as: Hack_V1_GoAway.self)
            default: break
            }
        }
        let last = try #require(goAway, "no GOAWAY before the close")
        #expect(last.status == .unavailable)
        #expect(last.message == "the server is shutting down")
        #expect(answers[1]?.status == .unavailable, "the Watch ends with UNAVAILABLE")
        peer.socket.close()  // as a client does after GOAWAY; hackd then exits at once
        #expect(hackd.terminate() == 0)

        let committed = Set(writes.filter { answers[$0]?.status == .ok })
        for callId in writes {
            switch answers[callId]?.status {
            case .ok?: #expect(callId <= last.lastCallID, "call \(callId) answered but not accepted")
            case .unavailable?: #expect(answers[callId]?.message == "the server is shutting down")
            case nil: #expect(callId > last.lastCallID, "accepted call \(callId) left without an answer")
            case let other?: Issue.record("call \(callId): \(other.name) \(answers[callId]!.message)")
            }
        }
        let restarted = try hackd.restart()
        let teams = try restarted.connect().call(Methods.Teams.list, Hack_V1_ListTeamsRequest.with {
            $0.eventSlug = Demo.eventSlug
        }).teams.map(\.name).filter { $0.hasPrefix("Équipe n°") }
        #expect(Set(teams) == Set(committed.map(Self.teamName)), "exactly the acknowledged writes are durable")
        #expect(restarted.terminate() == 0)
    }

    @Test("SIGTERM with a client that reads nothing and a watcher: the watcher is told UNAVAILABLE, the rest reset after the grace period, exit 0")
    func sigtermEndsClients() throws {
        let hackd = try HackdProcess.start(options: ["--shutdown-grace", "500ms"])
        let idle = try hackd.connect("idle")
        let watcher = try hackd.connect("watcher")
        var items = 0
        var ended: ClientError?
        do {
            try watcher.stream(Methods.Events.watch, Hack_V1_WatchEventRequest.with { $0.slug = Demo.eventSlug }) {
                (_: Hack_V1_EventUpdate) throws(ClientError) -> Bool in
                items += 1
                sendSignal(hackd.pid, SIGTERM)
                return true
            }
        } catch {
            ended = error
        }
        #expect(items == 1)
        #expect(ended?.status == .unavailable)
        #expect(hackd.terminate() == 0)
        #expect(throws: ClientError.self) { try idle.call(Methods.Events.list, Hack_V1_ListEventsRequest()) }
    }

    @Test("SIGTERM again and again while hackd stops (as an impatient supervisor does): still a clean exit 0")
    func repeatedSigterm() throws {
        let hackd = try HackdProcess.start()
        let client = try hackd.connect()
        for number in 1...200 {  // a WAL for the close to checkpoint
            _ = try client.call(Methods.Teams.create, Hack_V1_CreateTeamRequest.with {
                $0.challengeID = Demo.saintOmerChallenge
                $0.name = Self.teamName(UInt32(number))
            })
        }
        client.close()
        var signals = 0
        while hackd.isRunning, signals < 100_000 {
            sendSignal(hackd.pid, SIGTERM)
            signals += 1
            usleep(50)
        }
        #expect(signals > 1, "hackd stopped on the first signal before a second could be sent")
        #expect(hackd.terminate() == 0, "\(signals) signals; \(hackd.stderr)")
    }

    private static func teamName(_ callId: UInt32) -> String { "Équipe n°\(callId)" }
}
