import Foundation
import HackDomain
import Testing

@Suite struct ValueTypeTests {
    @Test(arguments: ["2017-10-10", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func realDatesParseAndPrint(_ text: String) throws {
        #expect(try #require(LocalDate(text)).description == text)
    }

    @Test(arguments: ["1900-02-29", "2023-02-29", "2017-04-31", "2017-00-10", "2017-10-00", "0000-01-01", "2017-10-1", "2017/10/10", "２０１７-10-10", ""])
    func impossibleDatesAreRejected(_ text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func timesParseAndOrder() throws {
        #expect(LocalTime("00:00")?.minutesSinceMidnight == 0)
        #expect(LocalTime("23:59")?.description == "23:59")
        #expect(LocalTime("24:00") == nil)
        #expect(LocalTime("12:60") == nil)
        #expect(LocalTime("1:00") == nil)
        #expect(try #require(LocalTime("09:30")) < #require(LocalTime("10:00")))
        #expect(try #require(LocalDate("2017-10-10")) < #require(LocalDate("2017-10-11")))
    }

    @Test func phaseKindRawValuesAreStable() {
        #expect(PhaseKind.allCases.map(\.rawValue) == ["intro", "hack", "synthesis", "break", "restitution", "custom"])
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let clock = ManualClock(1_000)
        #expect(clock.now() == 1_000)
        clock.advance(by: 500)
        #expect(clock.now() == 1_500)
        clock.set(42)
        #expect(clock.now() == 42)
    }

    @Test func systemClockIsUnixMillis() {
        let before = Millis((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let now = SystemClock().now()
        let after = Millis((Date().timeIntervalSince1970 * 1000).rounded(.up))
        #expect(now > 1_700_000_000_000 && now < 4_000_000_000_000)
        #expect(before <= now && now <= after, "\(now) is not between \(before) and \(after)")
    }
}
