import Testing
@testable import HackProtocol

/// The strings requests repeat are handed out again, and only those: what
/// comes back is always the field's text, kept strings are bounded in
/// number and length.
struct RecentStringsTests {
    private func string(_ text: String, from recent: RecentStrings) -> String? {
        Array(text.utf8).withUnsafeBytes { recent.string($0) }
    }

    private func sameStorage(_ one: String, _ other: String) -> Bool {
        withUnsafeBytes(of: one) { a in withUnsafeBytes(of: other) { b in a.elementsEqual(b) } }
    }

    @Test func aStringSeenAgainIsTheOneKept() throws {
        let recent = RecentStrings()
        let first = try #require(string("parcours-france-2017", from: recent))
        let again = try #require(string("parcours-france-2017", from: recent))
        #expect(again == "parcours-france-2017")
        #expect(sameStorage(first, again))
        let other = try #require(string("parcours-france-2018", from: recent))
        #expect(other == "parcours-france-2018")
        #expect(recent.count == 2)
    }

    /// A text the state already holds is handed out as the state's string,
    /// but only for the very same bytes: text that is merely equal (another
    /// Unicode normalisation) keeps its own.
    @Test func aStringHeldElsewhereIsHandedOutForTheSameBytes() throws {
        let held = String(decoding: Array("saint-étienne-2017".utf8), as: UTF8.self)
        let decomposed = "saint-e\u{301}tienne-2017"
        let recent = RecentStrings(known: { $0 == held ? held : nil })
        let first = try #require(string("saint-étienne-2017", from: recent))
        #expect(sameStorage(first, held))
        #expect(sameStorage(try #require(string("saint-étienne-2017", from: recent)), held))
        let other = try #require(string(decomposed, from: recent))
        #expect(other == held, "canonically equal")
        #expect(Array(other.utf8) == Array(decomposed.utf8), "yet its own bytes")
        #expect(try #require(string("lyon-2018", from: recent)) == "lyon-2018")
    }

    @Test func theOldestMakesRoomAndTheCountStaysBounded() throws {
        let recent = RecentStrings()
        let first = try #require(string("équipe-0-Saint-Étienne", from: recent))
        for index in 1...RecentStrings.capacity {
            _ = string("équipe-\(index)-Saint-Étienne", from: recent)
        }
        #expect(recent.count == RecentStrings.capacity)
        let again = try #require(string("équipe-0-Saint-Étienne", from: recent))
        #expect(again == first)
        #expect(!sameStorage(first, again), "the first string should have made room")
    }

    @Test func longTextsAreMadeEachTimeAndNotKept() throws {
        let recent = RecentStrings()
        let long = String(repeating: "é", count: RecentStrings.maxLength)  // twice as many bytes
        #expect(string(long, from: recent) == long)
        #expect(recent.count == 0)
    }

    @Test func invalidUTF8IsRefusedAndNotKept() {
        let recent = RecentStrings()
        for bytes: [UInt8] in [[0xC3, 0x28], [0xED, 0xA0, 0x80], [0xFF]] {
            #expect(bytes.withUnsafeBytes { recent.string($0) } == nil, "\(bytes)")
        }
        #expect(recent.count == 0)
    }
}
