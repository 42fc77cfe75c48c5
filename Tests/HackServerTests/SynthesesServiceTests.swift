import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// Syntheses through the router: who reads them (and the ideas they retain)
/// before and after restitution, and what watchers are sent.
struct SynthesesServiceTests {
    static let slug = DemoScenario.eventSlug
    static let roles = AccessMatrixTests.roles
    /// Who reads Saint-Omer's synthesis before restitution.
    static let earlyReaders: Set<String> = ["admin", "organiser", "moderator saint-omer", "territory saint-omer"]

    /// The team posts two ideas during the hack; in synthesis, Saint-Omer's moderator
    /// retains the second and its representative co-signs. Returns the two ideas.
    static func synthesisWritten(_ harness: ServiceHarness) throws -> (retained: Hack_V1_Idea, other: Hack_V1_Idea) {
        try harness.runDemo(toPhase: 1)
        let team = harness.secret("team")
        let other = try harness.call(Methods.Ideas.create, .with { $0.teamID = 1; $0.title = "Navette fluviale" }, token: team).get()
        let retained = try harness.call(Methods.Ideas.create, .with { $0.teamID = 1; $0.title = "Tiers-lieu à la gare" }, token: team).get()
        try harness.runDemo(toPhase: 2)
        let saved = try harness.call(Methods.Syntheses.save, .with {
            $0.challengeID = 1
            $0.summary = "Deux pistes, une retenue : « le tiers-lieu »"
            $0.retained = [.with { $0.ideaID = retained.id; $0.reason = "Réaliste dès 2018" }]
            $0.nextSteps = "Étude de faisabilité"
        }, token: moderator(harness)).get()
        #expect(saved.revision == 1 && !saved.published)
        #expect(saved.retained.map(\.title) == ["Tiers-lieu à la gare"])
        #expect(saved.retained.map(\.teamName) == ["Les hackers de La Station"])
        let signed = try harness.call(Methods.Syntheses.coSign, .with { $0.challengeID = 1; $0.revision = 1 },
                                      token: harness.secret("territory", scope: "\(slug)/saint-omer")).get()
        #expect(signed.signedRevision == 1 && signed.signedBy.hasSuffix("territoire saint-omer"))
        return (retained, other)
    }

    static func moderator(_ harness: ServiceHarness) -> String {
        harness.secret("moderator", scope: "\(slug)/saint-omer")
    }

    /// Each role's view, in one table: Get, List, ListRevisions, and the retained and other ideas.
    static func expectViews(_ harness: ServiceHarness, ideas: (retained: Hack_V1_Idea, other: Hack_V1_Idea), published: Bool) throws {
        for role in roles {
            let token = harness.secret(role.role, scope: role.scope)
            let readsSynthesis = published || earlyReaders.contains(role.name)
            let get = try harness.call(Methods.Syntheses.get, .with { $0.challengeID = 1 }, token: token)
            let list = try harness.call(Methods.Syntheses.list, .with { $0.eventSlug = slug }, token: token).get()
            let revisions = try harness.call(Methods.Syntheses.listRevisions, .with { $0.challengeID = 1 }, token: token)
            let context = "\(role.name), published: \(published)"
            if readsSynthesis {
                #expect(get.value?.summary == "Deux pistes, une retenue : « le tiers-lieu »", "\(context): \(get)")
                #expect(get.value?.published == published, "\(context)")
                #expect(list.syntheses.map(\.challengeID) == [1], "\(context)")
                #expect(revisions.value?.revisions.map(\.revision) == [1], "\(context)")
            } else {
                #expect(get.failure?.status == .permissionDenied, "\(context): \(get)")
                #expect(list.syntheses.isEmpty, "\(context)")
                #expect(revisions.failure?.status == .permissionDenied, "\(context)")
            }
            let readsIdeas = AccessMatrixTests.ideaReaders.contains(role.name)
            let retained = try harness.call(Methods.Ideas.get, .with { $0.id = ideas.retained.id }, token: token)
            #expect((retained.value != nil) == (readsIdeas || published), "\(context): \(retained)")
            let other = try harness.call(Methods.Ideas.get, .with { $0.id = ideas.other.id }, token: token)
            #expect((other.value != nil) == readsIdeas, "\(context): \(other)")
            let listed = try harness.call(Methods.Ideas.list, .with { $0.eventSlug = slug }, token: token).get().ideas.map(\.id)
            let expected = (readsIdeas ? [ideas.other.id] : []) + (readsIdeas || published ? [ideas.retained.id] : [])
            #expect(listed == expected, "\(context)")
        }
    }

    @Test func beforeRestitutionOnlyTheTerritoryAndTheOrganisersReadItThenTheWholeEventDoes() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let ideas = try Self.synthesisWritten(harness)
        try Self.expectViews(harness, ideas: ideas, published: false)
        try harness.runDemo(toPhase: 3)
        try Self.expectViews(harness, ideas: ideas, published: false)
        try harness.runDemo(toPhase: 4)
        try Self.expectViews(harness, ideas: ideas, published: true)
    }

    @Test func restitutionByTheClockPublishesAtItsFirstMillisecond() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let ideas = try Self.synthesisWritten(harness)
        let observer = harness.secret("observer")
        // Synthesis (60 min) then break (60 min): restitution starts 120 min after synthesis did.
        harness.clock.advance(by: 120 * 60_000 - 1)
        #expect(try harness.call(Methods.Ideas.get, .with { $0.id = ideas.retained.id }, token: observer).failure?.status == .permissionDenied)
        harness.clock.advance(by: 1)  // no timer fired: reads catch the run up themselves
        #expect(try harness.call(Methods.Ideas.get, .with { $0.id = ideas.retained.id }, token: observer).value?.title == "Tiers-lieu à la gare")
        #expect(try harness.call(Methods.Syntheses.get, .with { $0.challengeID = 1 }, token: observer).value?.published == true)
    }

    @Test func writesAreRefusedToOthersAndOutsideSynthesis() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        _ = try Self.synthesisWritten(harness)
        let orleans = harness.secret("moderator", scope: "\(Self.slug)/orleans")
        let foreign = try harness.call(Methods.Syntheses.save, .with { $0.challengeID = 1; $0.summary = "Non" }, token: orleans)
        #expect(foreign.failure?.status == .permissionDenied)
        let byOrganiser = try harness.call(Methods.Syntheses.coSign, .with { $0.challengeID = 1; $0.revision = 1 })
        #expect(byOrganiser.failure?.status == .permissionDenied)
        let zero = try harness.call(Methods.Syntheses.save, .with {
            $0.challengeID = 1
            $0.retained = [.with { $0.reason = "Sans idée" }]
        }, token: Self.moderator(harness))
        #expect(zero.failure?.status == .invalidArgument && zero.failure?.message.contains("retained[0].idea_id") == true)
        try harness.runDemo(toPhase: 3)
        let late = try harness.call(Methods.Syntheses.save, .with { $0.challengeID = 1; $0.summary = "Trop tard" }, token: Self.moderator(harness))
        #expect(late.failure?.status == .failedPrecondition)
        #expect(late.failure?.message.contains("synthesis writing closed at") == true, "\(late)")
    }

    @Test func watchersGetSynthesesTheyMayReadAndOnePublicationAtRestitution() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        try harness.runDemo(toPhase: 1)
        let idea = try harness.call(Methods.Ideas.create, .with { $0.teamID = 1; $0.title = "Tiers-lieu à la gare" },
                                    token: harness.secret("team")).get()
        try harness.runDemo(toPhase: 2)
        let watch = { (token: String) throws -> UInt32 in
            harness.start(name: Methods.Events.watch.name,
                          payload: try Hack_V1_WatchEventRequest.with { $0.slug = Self.slug }.serializedBytes(), token: token)
        }
        let observer = try watch(harness.secret("observer"))
        let team = try watch(harness.secret("team"))
        let territory = try watch(harness.secret("territory", scope: "\(Self.slug)/saint-omer"))
        let orleans = try watch(harness.secret("moderator", scope: "\(Self.slug)/orleans"))
        for call in [observer, team, territory, orleans] { #expect(try harness.items(call).count == 1) }  // the snapshot

        _ = try harness.call(Methods.Syntheses.save, .with {
            $0.challengeID = 1
            $0.summary = "Synthèse"
            $0.retained = [.with { $0.ideaID = idea.id; $0.reason = "Réaliste" }]
        }, token: Self.moderator(harness))
        #expect(try harness.items(territory).last?.synthesis.revision == 1)
        for call in [observer, team, orleans] {
            #expect(try harness.items(call).allSatisfy { !$0.isSynthesis }, "the synthesis is the territory's until restitution")
        }

        try harness.runDemo(toPhase: 3)  // the break: nothing published
        for call in [observer, team, territory, orleans] {
            #expect(try harness.items(call).allSatisfy { !$0.isPublication })
        }
        let encodedBefore = harness.app.watchers.encodedItems
        try harness.runDemo(toPhase: 4)  // skip from break to restitution
        #expect(harness.app.watchers.encodedItems == encodedBefore + 2, "the run item and the publication, each encoded once")
        for call in [observer, team, territory, orleans] {
            let items = try harness.items(call)
            #expect(items.filter(\.isPublication).count == 1)
            let last = try #require(items.last)
            #expect(items[items.count - 2].run.run.phaseIndex == 4, "the publication follows the run item")
            #expect(last.publication.syntheses.map(\.challengeID) == [1])
            #expect(last.publication.syntheses.first?.published == true)
            #expect(last.publication.retainedIdeas.map(\.title) == ["Tiers-lieu à la gare"])
        }

        // A watcher joining later finds the retained idea in its snapshot.
        let late = try watch(harness.secret("moderator", scope: "\(Self.slug)/haute-saintonge"))
        #expect(try harness.items(late).first?.snapshot.ideas.map(\.id) == [idea.id])
    }
}

extension Hack_V1_EventUpdate {
    var isSynthesis: Bool { if case .synthesis = update { true } else { false } }
    var isPublication: Bool { if case .publication = update { true } else { false } }
}
