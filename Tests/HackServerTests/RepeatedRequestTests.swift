import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// A method hands out its last request again for the same payload bytes
/// (clients repeat their requests), and only for those: requests that
/// differ, even in one byte of the same length, get their own answers.
struct RepeatedRequestTests {
    @Test func eachPayloadGetsItsOwnAnswerWhateverCameBefore() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        for number in 1...2 {
            try harness.createWorkshop(slug: "atelier-\(number)", name: "Atelier n° \(number)")
        }
        for number in [1, 1, 2, 2, 1, 2] {
            let event = try harness.call(Methods.Events.get, .with { $0.slug = "atelier-\(number)" },
                                         token: harness.secret("admin")).get()
            #expect(event.name == "Atelier n° \(number)")
        }
        let absent = try harness.call(Methods.Events.get, .with { $0.slug = "atelier-3" }, token: harness.secret("admin"))
        #expect(absent.failure?.status == .notFound)
        let malformed = try harness.response(harness.start(name: Methods.Events.get.name, payload: [0x0A, 0x02, 0xC3, 0x28]))
        #expect(malformed.status == .invalidArgument)
        #expect(try harness.call(Methods.Events.get, .with { $0.slug = "atelier-1" }, token: harness.secret("admin")).get().name
            == "Atelier n° 1")
    }
}
