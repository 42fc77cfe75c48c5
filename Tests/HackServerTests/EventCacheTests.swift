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

    /// Its credential is checked at the moment its answer is of: a token
    /// expiring between two readings could otherwise serve an answer of a
    /// moment it no longer held.
    @Test func aCallReadsTheClockOnce() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        _ = try harness.call(Methods.Events.start, .with { $0.slug = Self.slug }).get()
        for path in ["encoded", "remembered"] {
            harness.clock.advance(by: path == "encoded" ? 1 : 0)
            let before = harness.clock.reads
            _ = try harness.call(Methods.Events.get, .with { $0.slug = Self.slug }).get()
            #expect(harness.clock.reads - before == 1, "\(path) answer")
        }
    }

    @Test func aRememberedAnswerIsServedOnlyToCallersTheAccessRuleAdmits() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        try harness.createWorkshop(slug: "atelier", name: "Atelier")
        let outsider = try harness.call(Methods.Tokens.issue, .with {
            $0.name = "Observatrice de l’atelier"
            $0.role = .observer
            $0.eventSlug = "atelier"
        }, token: harness.secret("admin")).get().secret
        let get = { (token: String) in try harness.call(Methods.Events.get, .with { $0.slug = Self.slug }, token: token) }

        // Same committed state, same millisecond: the answer is remembered...
        #expect(try get(harness.secret("organiser")).get().slug == Self.slug)
        // ...and still refused to a token of another event, as without the memory.
        #expect(try get(outsider).failure?.status == .permissionDenied)
        #expect(try harness.call(Methods.Events.get, .with { $0.slug = "absent" }, token: harness.secret("admin")).failure?.status == .notFound)
    }

    @Test func theComposedAnswerIsByteForByteTheWholeMessageEncoded() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let app = harness.app
        func check(_ moment: String) throws {
            let event = try #require(app.committed.event(slug: Self.slug))
            let now = harness.clock.now()
            let whole: [UInt8] = try Hack_V1_Event(event, in: app.committed, at: now).serializedBytes()
            #expect(try app.encodedEvent(event, at: now, askedAs: Self.slug).bytes == whole, "\(moment)")
        }
        try check("ready")
        _ = try harness.call(Methods.Events.start, .with { $0.slug = Self.slug }).get()
        try check("started")
        harness.clock.advance(by: 61_000)
        try check("a minute later: the head reused, the run encoded again")
        _ = try harness.call(Methods.Events.pause, .with { $0.slug = Self.slug }).get()
        try check("paused")
    }
}
