import Foundation
import HackProtocol
import Testing
@testable import hackctl

@Suite("hackctl run texts and parsers")
struct RunTextTests {
    @Test("countdowns are HH:MM:SS, whole seconds rounded up, never negative")
    func countdown() {
        #expect(Text.countdown(ms: 6_133_000) == "01:42:13")
        #expect(Text.countdown(ms: 6_132_001) == "01:42:13")
        #expect(Text.countdown(ms: 1) == "00:00:01")
        #expect(Text.countdown(ms: 0) == "00:00:00")
        #expect(Text.countdown(ms: -5_000) == "00:00:00")
        #expect(Text.countdown(ms: 100 * 3_600_000) == "100:00:00")
    }

    @Test("drifts are signed whole minutes")
    func drift() {
        #expect(Text.drift(ms: 180_000) == "+3 min")
        #expect(Text.drift(ms: -3_900_000) == "-1 h 5 min")
        #expect(Text.drift(ms: 10_000) == "on time")
        #expect(Text.drift(ms: 2 * 86_400_000 + 60_000) == "+2 d 1 min")
    }

    @Test("--by takes a sign and the usual units")
    func signedDurations() throws {
        #expect(try SignedDurationText.parseMilliseconds("10m") == 600_000)
        #expect(try SignedDurationText.parseMilliseconds("-5m") == -300_000)
        #expect(try SignedDurationText.parseMilliseconds("+90s") == 90_000)
        #expect(try SignedDurationText.parseMilliseconds("1h30m") == 5_400_000)
        for bad in ["", "-", "5", "m5", "--5m", "0m", "5x"] {
            #expect(throws: (any Error).self, "\(bad)") { try SignedDurationText.parseMilliseconds(bad) }
        }
    }

    @Test("--at: a time on the event's date, a local date and time, or ISO 8601")
    func startTimes() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let nineUTC: Int64 = 1_507_626_000_000  // 2017-10-10T09:00:00Z, 11:00 in Paris
        #expect(try StartTime.parse("11:00") == .local(date: nil, hour: 11, minute: 0, second: 0))
        #expect(try StartTime.parse("11:00").milliseconds(eventDate: "2017-10-10", in: paris) == nineUTC)
        #expect(try StartTime.parse("11:00:30").milliseconds(eventDate: "2017-10-10", in: paris) == nineUTC + 30_000)
        #expect(try StartTime.parse("2017-10-10 11:00").milliseconds(eventDate: "2030-01-01", in: paris) == nineUTC)
        #expect(try StartTime.parse("2017-10-10T09:00:00Z") == .instant(nineUTC))
        #expect(try StartTime.parse("2017-10-10T11:00:00+02:00").milliseconds(eventDate: "2030-01-01", in: .gmt) == nineUTC)
        #expect(try StartTime.parse("9:05") == .local(date: nil, hour: 9, minute: 5, second: 0))
        for bad in ["24:00", "11:60", "11", "11:0", "tomorrow", "2017-10-10", "2017-10-10 11:00 extra", "11:00:99"] {
            #expect(throws: (any Error).self, "\(bad)") { try StartTime.parse(bad) }
        }
        // 02:30 does not exist in Paris on the night clocks go forward.
        #expect(try StartTime.parse("2017-03-26 02:30").milliseconds(eventDate: "", in: paris) == nil)
    }

    @Test("the summary of a running and of a paused run")
    func summary() {
        var event = RunFixture.event(status: .running, phaseIndex: 1, now: RunFixture.now, remainingMs: 6_133_000)
        #expect(RunView.summary(event) == ["running: phase 2/5 « Hack »", "01:42:13 left, ends at 12:42:13"])
        event.run.status = .paused
        event.run.pausedAtMs = RunFixture.now
        #expect(RunView.summary(event) == ["paused: phase 2/5 « Hack »", "01:42:13 left, frozen since 11:00:00"])
    }

    @Test("transitions say what happened and who did it")
    func transitions() {
        let event = RunFixture.event(status: .running, phaseIndex: 1, now: RunFixture.now, remainingMs: 1)
        var skip = Hack_V1_RunTransition()
        skip.kind = .skipped
        skip.phaseIndex = 0
        skip.by = "Alice"
        #expect(RunView.describe(skip, in: event) == "skipped phase 1/5 « Intro » (Alice)")
        var shorten = Hack_V1_RunTransition()
        shorten.kind = .extended
        shorten.phaseIndex = 1
        shorten.deltaMs = -300_000
        #expect(RunView.describe(shorten, in: event) == "shortened phase 2/5 « Hack » by 5m")
    }
}

/// A five-phase event in Paris, like hackd's demo, running at will.
enum RunFixture {
    /// 2017-10-10 11:00:00 in Paris.
    static let now: Int64 = 1_507_626_000_000

    static func event(status: Hack_V1_RunStatus, phaseIndex: UInt32, now: Int64, remainingMs: Int64) -> Hack_V1_Event {
        var event = Hack_V1_Event()
        event.slug = "demo"
        event.name = "Demo day"
        event.timeZone = "Europe/Paris"
        event.date = "2017-10-10"
        let names = ["Intro", "Hack", "Synthèse", "Pause", "Restitution"]
        let minutes: [UInt64] = [5, 115, 60, 60, 45]
        event.agenda = zip(names, minutes).map { name, minutes in
            var phase = Hack_V1_Phase()
            phase.kind = .custom
            phase.name = name
            phase.durationMs = minutes * 60_000
            return phase
        }
        event.run.status = status
        event.run.asOfMs = now
        event.run.phaseIndex = phaseIndex
        event.run.remainingMs = remainingMs
        event.run.phaseEndsAtMs = now + remainingMs
        var planned = now - 5 * 60_000
        event.run.phases = event.agenda.enumerated().map { index, phase in
            var timing = Hack_V1_PhaseTiming()
            timing.index = UInt32(index)
            timing.plannedStartMs = planned
            timing.durationMs = Int64(phase.durationMs)
            timing.started = index <= Int(phaseIndex)
            timing.ended = index < Int(phaseIndex)
            planned += Int64(phase.durationMs)
            return timing
        }
        return event
    }
}
