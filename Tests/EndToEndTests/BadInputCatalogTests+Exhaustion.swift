import Foundation
import HackClient
import HackProtocol
import Testing

/// docs/PROTOCOL.md, "Bad input catalog": calls opened and never finished.
@Suite("Bad input catalog: exhaustion")
struct BadInputExhaustionTests {
    @Test("ten thousand calls opened and never finished: beyond the limit RESOURCE_EXHAUSTED; all survive, memory bounded")
    func tenThousandOpenCalls() throws {
        let hackd = try HackdProcess.start()
        let bystander = try Bystander(hackd)
        let peer = try RawPeer(hackd)
        let limit = try peer.handshake(token: try hackd.token(role: "organiser")).limits.maxConcurrentCalls
        #expect(limit == 100)
        let memoryBefore = try Self.residentBytes(of: hackd.pid)

        // Event streams never end by themselves: each accepted one stays open.
        let watch = FrameEncoder.encode(Frame(kind: .request, callId: 0, message: Hack_V1_Request.with {
            $0.method = Methods.Events.watch.name
            $0.payload = try! Hack_V1_WatchEventRequest.with { $0.slug = Demo.eventSlug }.serializedBytes()
        }))
        var streamsOpened = Set<UInt32>(), refused = 0
        for batch in stride(from: UInt32(1), through: 10_000, by: 500) {
            var bytes: [UInt8] = []
            for callId in batch..<batch + 500 {
                var frame = watch
                frame.replaceSubrange(5..<9, with: [UInt8(callId >> 24), UInt8(callId >> 16 & 0xFF), UInt8(callId >> 8 & 0xFF), UInt8(callId & 0xFF)])
                bytes += frame
            }
            try peer.send(bytes: bytes)
            // Every call of the batch gets its first frame: a snapshot, or a refusal.
            var answered = 0
            while answered < 500, let frame = try peer.nextFrame() {
                switch frame.kind {
                case .message:
                    #expect(streamsOpened.insert(frame.callId).inserted, "two snapshots for call \(frame.callId)")
                case .response:
                    let response = try frame.decodeBody(as: Hack_V1_Response.self)
                    #expect(response.status == .resourceExhausted)
                    #expect(response.message == "more than 100 concurrent calls on one connection")
                    refused += 1
                default:
                    Issue.record("unexpected \(frame.kind.name) for call \(frame.callId)")
                }
                answered += 1
            }
        }
        #expect(streamsOpened == Set(1...100))
        #expect(refused == 9_900)
        #expect(!peer.isClosed)

        // Still a working connection: one slot freed, one call served in it.
        try peer.send(Frame(kind: .cancel, callId: 100))
        try expectServed(peer, callId: 100)
        try bystander.expectUnaffected()
        // The refusals left nothing behind (a loose bound: no timing, no exact sizes).
        let growth = try Self.residentBytes(of: hackd.pid) - memoryBefore
        #expect(growth < 64 << 20, "hackd grew by \(growth >> 20) MiB")
    }

    /// VmRSS of a process, from /proc (Linux).
    static func residentBytes(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        let kilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kilobytes * 1024
    }
}
