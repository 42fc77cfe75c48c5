import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// Events/Get answers from bytes encoded once per event, committed state and
/// millisecond: never a stale answer.
struct EventCacheTests {
    private static let slug = DemoScenario.eventSlug

    @Test func theRememberedEventFollowsEveryCommitAndEveryMillisecond() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let get = { try harness.call(Methods.Events.get, .with { $0.slug = Self.slug }).get() }
        let first = try get()
        #expect(try get() == first, "same state, same millisecond: the same answer")

        _ = try harness.call(Methods.Events.update, .with {
            $0.slug = Self.slug
            $0.event.name = "Hackathon renommé"
            $0.updateMask = ["name"]
        }).get()
        #expect(try get().name == "Hackathon renommé", "a commit is seen at once, in the same millisecond")

        _ = try harness.call(Methods.Events.start, .with { $0.slug = Self.slug }).get()
        let started = try get()
        harness.clock.advance(by: 1_000)
        let later = try get()
        #expect(later.run.asOfMs == started.run.asOfMs + 1_000)
        #expect(later.run.remainingMs == started.run.remainingMs - 1_000)
    }
}
