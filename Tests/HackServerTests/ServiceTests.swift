import HackDomain
import HackProtocol
import HackStorage
import Testing
@testable import HackServer

/// Every service through the router, on a real loop and SQLite file.
struct ServiceTests {
    @Test func listsTheDemoEventWithItsAgendaAndTerritories() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let events = try #require(harness.call(Methods.Events.list, .init()).value).events
        #expect(events.map(\.slug) == ["parcours-france-2017"])
        #expect(events[0].agenda.count == 5)
        #expect(events[0].agenda.map(\.kind) == [.intro, .hack, .synthesis, .break, .restitution])
        #expect(Set(events[0].territorySlugs) == ["saint-omer", "orleans", "haute-saintonge"])
    }

    @Test func unknownMethodIsUnimplemented() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let answer = try harness.response(harness.start(name: "hack.v1.Events/Explode", payload: []))
        #expect(answer.status == .unimplemented)
        #expect(answer.message.contains("hack.v1.Events/Explode"))
    }

    @Test func undecodablePayloadIsInvalidArgument() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let answer = try harness.response(harness.start(name: Methods.Events.get.name, payload: [0xFF, 0x01]))
        #expect(answer.status == .invalidArgument)
        #expect(answer.message.contains("hack.v1.GetEventRequest"))
    }

    @Test func writesAreAnsweredAfterCommitAndSurviveReopen() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        var team = Hack_V1_CreateTeamRequest()
        team.challengeID = 1
        team.name = "Les Audomarois"
        team.members = [.with { $0.name = "Lyes Ghamissou"; $0.role = "consultant" }]
        let created = try #require(harness.call(Methods.Teams.create, team).value)
        #expect(created.id > 0)
        #expect(harness.app.committer.commitCount == 1)

        let reloaded = try harness.store.loadState()
        #expect(reloaded.team(id: Int64(created.id))?.name == "Les Audomarois")
    }

    @Test func writesOfOneTurnShareOneCommit() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let calls = try (1...20).map { index in
            try harness.start(Methods.Teams.create, .with {
                $0.challengeID = 2
                $0.name = "Équipe \(index)"
            })
        }
        harness.runUntilFinished(calls)
        for callId in calls { #expect(try harness.response(callId).status == .ok) }
        #expect(harness.app.committer.commitCount == 1)
        #expect(harness.app.committer.committedChangeCount == 20)
    }

    @Test func aDuplicateInTheSameGroupIsRefusedBeforeEitherIsOnDisk() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let request = Hack_V1_CreateTeamRequest.with { $0.challengeID = 1; $0.name = "Doublon" }
        let first = try harness.start(Methods.Teams.create, request)
        let second = try harness.start(Methods.Teams.create, request)
        #expect(try harness.response(second).status == .alreadyExists)
        #expect(try harness.response(first).status == .ok)
    }

    @Test func readsDoNotSeeWritesBeforeTheirCommit() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let write = try harness.start(Methods.Territories.create, .with {
            $0.slug = "pays-de-l-ecluse"
            $0.name = "Pays de l'Écluse"
            $0.representative.name = "Zoé Lefèvre"
        })
        // Served at once from memory, before the loop commits the write.
        let read = try harness.call(Methods.Territories.get, .with { $0.slug = "pays-de-l-ecluse" },
                                    token: harness.secret("admin"))
        #expect(read.failure?.status == .notFound)
        #expect(try harness.response(write).status == .ok)
        let after = try harness.call(Methods.Territories.get, .with { $0.slug = "pays-de-l-ecluse" })
        #expect(after.value?.name == "Pays de l'Écluse")
    }

    @Test func ideaUpdatesKeepEveryRevision() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let team = try #require(harness.call(Methods.Teams.create, .with { $0.challengeID = 3; $0.name = "Symbiose" }).value)
        try harness.startHackPhase()
        let idea = try #require(harness.call(Methods.Ideas.create, .with {
            $0.teamID = team.id
            $0.title = "Laboratoire de créativité"
            $0.pitch = "Tester les déchets locaux"
        }).value)
        harness.clock.advance(by: 60_000)
        let updated = try #require(harness.call(Methods.Ideas.update, .with {
            $0.id = idea.id
            $0.idea.pitch = "Entreprises et chercheurs testent les déchets du territoire"
            $0.updateMask = ["pitch"]
        }).value)
        #expect(updated.revision == 2)
        #expect(updated.title == "Laboratoire de créativité")
        let revisions = try #require(harness.call(Methods.Ideas.listRevisions, .with { $0.id = idea.id }).value)
        #expect(revisions.revisions.map(\.revision) == [1, 2])
        #expect(revisions.revisions[1].atMs == revisions.revisions[0].atMs + 60_000)
    }

    @Test func updateMaskMustNameKnownFields() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let empty = try harness.call(Methods.Events.update, .with { $0.slug = "parcours-france-2017" })
        #expect(empty.failure?.status == .invalidArgument)
        #expect(empty.failure?.message.hasPrefix("update_mask:") == true)
        let unknown = try harness.call(Methods.Events.update, .with {
            $0.slug = "parcours-france-2017"
            $0.updateMask = ["colour"]
        })
        #expect(unknown.failure?.message.contains("colour") == true)
    }

    @Test func domainErrorsBecomeStatusesNamingTheField() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let blank = try harness.call(Methods.Territories.create, .with { $0.slug = "vide"; $0.name = "  " })
        #expect(blank.failure?.status == .invalidArgument)
        #expect(blank.failure?.message.hasPrefix("name:") == true)
        let missing = try harness.call(Methods.Events.get, .with { $0.slug = "nulle-part" }, token: harness.secret("admin"))
        #expect(missing.failure?.status == .notFound)
        let taken = try harness.call(Methods.Territories.create, .with {
            $0.slug = "orleans"
            $0.name = "Orléans"
            $0.representative.name = "Frédéric Ros"
        })
        #expect(taken.failure?.status == .alreadyExists)
        let badKind = try harness.call(Methods.Events.create, .with {
            $0.slug = "atelier"
            $0.name = "Atelier"
            $0.timeZone = "Europe/Paris"
            $0.date = "2026-11-21"
            $0.agenda = [.with { $0.durationMs = 1000 }]
        }, token: harness.secret("admin"))
        #expect(badKind.failure?.message.hasPrefix("agenda[0].kind:") == true)
    }

    @Test func watchSendsASnapshotThenCommittedChanges() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let watch = try harness.start(name: Methods.Events.watch.name,
                                      payload: Hack_V1_WatchEventRequest.with { $0.slug = "parcours-france-2017" }.serializedBytes())
        let first = try Hack_V1_EventUpdate(serializedBytes: harness.streamed[watch]![0].body)
        #expect(first.snapshot.challenges.count == 3)
        #expect(harness.app.watchers.count == 1)

        _ = try harness.call(Methods.Teams.create, .with { $0.challengeID = 1; $0.name = "La Station" })
        let items = harness.streamed[watch]!
        #expect(items.count == 2)
        let second = try Hack_V1_EventUpdate(serializedBytes: items[1].body)
        #expect(second.team.name == "La Station")
        #expect(second.serverTimeMs == harness.clock.now())
    }

    @Test func anExpiredTokenIsRefusedByTheServerClock() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let issued = try harness.issueVisitorToken()
        #expect(issued.secret.hasPrefix("hk_\(issued.token.id)_"))
        let before = try harness.call(Methods.Tokens.whoAmI, .init(), token: issued.secret)
        #expect(before.value?.role == .observer)
        harness.clock.advance(by: 60_000)
        let after = try harness.call(Methods.Tokens.whoAmI, .init(), token: issued.secret)
        #expect(after.failure?.status == .unauthenticated)
        #expect(after.failure?.message.contains("expired") == true)
    }

    @Test func watchingAnUnknownEventIsNotFound() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let watch = harness.start(name: Methods.Events.watch.name,
                                  payload: try Hack_V1_WatchEventRequest.with { $0.slug = "x" }.serializedBytes(),
                                  token: harness.secret("admin"))
        #expect(try harness.response(watch).status == .notFound)
        #expect(harness.app.watchers.count == 0)
    }
}
