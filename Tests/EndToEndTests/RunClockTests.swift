import Foundation
import HackClient
import HackProtocol
import Testing

/// The run clock on real libuv timers, at small scale: phases of 100 ms.
@Suite(.serialized)
struct RunClockTests {
    /// Creates an event (as the demo admin) whose agenda is these durations.
    static func createEvent(_ slug: String, durations: [UInt64], on connection: HackConnection) throws(ClientError) {
        var request = Hack_V1_CreateEventRequest()
        request.slug = slug
        request.name = "Atelier \(slug)"
        request.timeZone = "Europe/Paris"
        request.date = "2026-11-22"
        request.agenda = durations.map { duration in
            var phase = Hack_V1_Phase()
            phase.kind = .hack
            phase.durationMs = duration
            return phase
        }
        _ = try connection.call(Methods.Events.create, request)
    }

    static func event(_ slug: String, on connection: HackConnection) throws(ClientError) -> Hack_V1_Event {
        var request = Hack_V1_GetEventRequest()
        request.slug = slug
        return try connection.call(Methods.Events.get, request)
    }

    static func start(_ slug: String, on connection: HackConnection) throws(ClientError) -> Hack_V1_Event {
        var request = Hack_V1_StartEventRequest()
        request.slug = slug
        return try connection.call(Methods.Events.start, request)
    }

    static func pause(_ slug: String, on connection: HackConnection) throws(ClientError) -> Hack_V1_Event {
        var request = Hack_V1_PauseEventRequest()
        request.slug = slug
        return try connection.call(Methods.Events.pause, request)
    }

    static var nowMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// Watches the event until it finishes, `atSnapshot` run once its snapshot
    /// is in; the `run` items, with the server time each was sent at.
    static func runUpdates(_ slug: String, on watcher: HackConnection,
                           atSnapshot: () throws(ClientError) -> Void) throws -> [(serverTime: Int64, update: Hack_V1_RunUpdate)] {
        var request = Hack_V1_WatchEventRequest()
        request.slug = slug
        var updates: [(serverTime: Int64, update: Hack_V1_RunUpdate)] = []
        try watcher.stream(Methods.Events.watch, request, timeoutMs: 10_000) { (item) throws(ClientError) -> Bool in
            if case .snapshot = item.update { try atSnapshot() }
            if case .run(let run) = item.update { updates.append((item.serverTimeMs, run)) }
            return updates.last?.update.run.status != .finished
        }
        return updates
    }

    @Test("phase transitions reach watchers in order, each recorded at the instant it fell due")
    func transitionsArriveInOrder() throws {
        let hackd = try HackdProcess.start()
        let admin = try hackd.connect(as: "admin")
        try Self.createEvent("atelier-eclair", durations: [100, 100, 100], on: admin)
        let watcher = try hackd.connect("watcher", as: "admin")
        let updates = try Self.runUpdates("atelier-eclair", on: watcher) { () throws(ClientError) in
            _ = try Self.start("atelier-eclair", on: admin)
        }
        let transitions = updates.flatMap(\.update.transitions)
        #expect(transitions.map(\.kind) == [.started, .phaseStarted, .phaseStarted, .finished])
        #expect(transitions.map(\.phaseIndex) == [0, 1, 2, 2])
        let start = try #require(transitions.first?.atMs)
        #expect(transitions.map { $0.atMs - start } == [0, 100, 200, 300])
        for (serverTime, update) in updates {
            #expect(update.transitions.allSatisfy { $0.atMs <= serverTime }, "sent before it fell due: \(update)")
        }
        #expect(updates.last?.update.run.finishedAtMs == start + 300)
    }

    @Test("a scheduled event starts by itself at the instant it was scheduled for")
    func scheduledStart() throws {
        let hackd = try HackdProcess.start()
        let admin = try hackd.connect(as: "admin")
        try Self.createEvent("atelier-programme", durations: [100, 60_000], on: admin)
        var schedule = Hack_V1_ScheduleEventRequest()
        schedule.slug = "atelier-programme"
        schedule.startAtMs = Self.nowMs + 300
        let ready = try admin.call(Methods.Events.schedule, schedule)
        #expect(ready.run.status == .ready)
        #expect(ready.run.scheduledStartMs == schedule.startAtMs)
        #expect(ready.run.phases.first?.startMs == schedule.startAtMs)

        var request = Hack_V1_WatchEventRequest()
        request.slug = "atelier-programme"
        var transitions: [Hack_V1_RunTransition] = []
        try admin.stream(Methods.Events.watch, request, timeoutMs: 10_000) { (item) throws(ClientError) -> Bool in
            if case .run(let run) = item.update { transitions += run.transitions }
            return transitions.count < 2
        }
        #expect(transitions.map(\.kind) == [.started, .phaseStarted])
        #expect(transitions.map(\.atMs) == [schedule.startAtMs, schedule.startAtMs + 100])
        #expect(transitions.allSatisfy { $0.by.isEmpty })
    }

    @Test("after kill -9, the run resumes in the right phase with the transitions that fell due while down")
    func resumesAfterKill() throws {
        let first = try HackdProcess.start()
        let admin = try first.connect(as: "admin")
        try Self.createEvent("atelier-panne", durations: [300, 300, 60_000], on: admin)
        let started = try Self.start("atelier-panne", on: admin)
        first.kill()
        Thread.sleep(forTimeInterval: 0.9)

        let second = try first.restart()
        let event = try Self.event("atelier-panne", on: try second.connect(as: "admin"))
        let start = started.run.startedAtMs
        #expect(event.run.status == .running)
        #expect(event.run.phaseIndex == 2)
        #expect(event.run.history.map(\.kind) == [.started, .phaseStarted, .phaseStarted])
        #expect(event.run.history.map { $0.atMs - start } == [0, 300, 600])
        let expected = 60_000 - (Self.nowMs - (start + 600))
        #expect(abs(event.run.remainingMs - expected) < 1_000, "remaining \(event.run.remainingMs), expected about \(expected)")
    }

    @Test("a paused event stays paused across kill -9, its remaining time frozen")
    func pausedStaysPaused() throws {
        let first = try HackdProcess.start()
        let admin = try first.connect(as: "admin")
        try Self.createEvent("atelier-pause", durations: [60_000, 60_000], on: admin)
        _ = try Self.start("atelier-pause", on: admin)
        let paused = try Self.pause("atelier-pause", on: admin)
        first.kill()
        Thread.sleep(forTimeInterval: 0.5)

        let second = try first.restart()
        let event = try Self.event("atelier-pause", on: try second.connect(as: "admin"))
        #expect(event.run.status == .paused)
        #expect(event.run.remainingMs == paused.run.remainingMs)
        #expect(event.run.pausedAtMs == paused.run.pausedAtMs)
    }
}
