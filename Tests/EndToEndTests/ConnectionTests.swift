import HackClient
import HackProtocol
import Testing

/// hackd through HackConnection: the protocol and the services, for real.
@Suite("hackd over HackConnection")
struct ConnectionTests {
    @Test("the handshake announces protocol 1")
    func handshake() throws {
        let hackd = try HackdProcess.start()
        let connection = try hackd.connect()
        #expect(connection.welcome.protocolVersion == ProtocolVersion.current)
        #expect(connection.welcome.limits.maxFrameBytes > 0)
        #expect(connection.welcome.limits.maxConcurrentCalls > 0)
        connection.close()
        #expect(hackd.terminate() == 0)
    }

    @Test("the demo event is listed with 5 phases and 3 territories")
    func demoEvent() throws {
        let hackd = try HackdProcess.start()
        let connection = try hackd.connect()
        let events = try connection.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events
        let event = try #require(events.first { $0.slug == Demo.eventSlug })
        #expect(event.name == Demo.eventName)
        #expect(event.timeZone == "Europe/Paris")
        #expect(event.date == "2017-10-10")
        #expect(event.agenda.count == 5)
        #expect(event.agenda.allSatisfy { $0.durationMs > 0 })
        #expect(Set(event.territorySlugs) == Set(Demo.territorySlugs))

        var challenges = Hack_V1_ListChallengesRequest()
        challenges.eventSlug = Demo.eventSlug
        let posed = try connection.call(Methods.Challenges.list, challenges).challenges
        #expect(posed.map(\.id).sorted() == [1, 2, 3])
        #expect(posed.sorted { $0.id < $1.id }.map(\.territorySlug) == Demo.territorySlugs)
    }

    @Test("an acknowledged write survives kill -9")
    func durableAfterKill() throws {
        let first = try HackdProcess.start()
        let connection = try first.connect()
        try connection.startHackPhase()
        let team = try connection.createTeam(name: "Les Audomarois", members: [("Zoé", "dev"), ("Amélie", "design")])
        let idea = try connection.createIdea(team: team.id, title: "Vélos partagés", pitch: "Un vélo par gare", body: "Détails…")
        first.kill()

        let second = try first.restart()
        let again = try second.connect()
        let teamAfter = try again.team(team.id)
        #expect(teamAfter.name == "Les Audomarois")
        #expect(teamAfter.challengeID == Demo.saintOmerChallenge)
        #expect(teamAfter.members.map(\.name) == ["Zoé", "Amélie"])
        #expect(teamAfter.members.map(\.role) == ["dev", "design"])
        let ideaAfter = try again.idea(idea.id)
        #expect(ideaAfter.title == "Vélos partagés")
        #expect(ideaAfter.pitch == "Un vélo par gare")
        #expect(ideaAfter.body == "Détails…")
        #expect(ideaAfter.revision == 1)
        #expect(second.terminate() == 0)
    }

    @Test("SIGTERM stops hackd with exit 0 and keeps the data")
    func gracefulStop() throws {
        let first = try HackdProcess.start()
        let team = try first.connect().createTeam(name: "Équipe SIGTERM")
        #expect(first.terminate() == 0)
        let second = try first.restart()
        #expect(try second.connect().team(team.id).name == "Équipe SIGTERM")
        #expect(second.terminate() == 0)
    }

    @Test("an idea update is revision 2 and both revisions are listed")
    func revisions() throws {
        let hackd = try HackdProcess.start()
        let connection = try hackd.connect()
        try connection.startHackPhase()
        let team = try connection.createTeam(challenge: Demo.orleansChallenge, name: "Orléans Data")
        let idea = try connection.createIdea(team: team.id, title: "Première version", pitch: "Le pitch", body: "Le corps")
        #expect(idea.revision == 1)
        #expect(idea.challengeID == Demo.orleansChallenge)

        var update = Hack_V1_UpdateIdeaRequest()
        update.id = idea.id
        update.idea.title = "Deuxième version"
        update.idea.pitch = "ignored: not in the mask"
        update.updateMask = ["title"]
        let updated = try connection.call(Methods.Ideas.update, update)
        #expect(updated.revision == 2)
        #expect(updated.title == "Deuxième version")
        #expect(updated.pitch == "Le pitch")
        #expect(updated.body == "Le corps")

        var list = Hack_V1_ListIdeaRevisionsRequest()
        list.id = idea.id
        let revisions = try connection.call(Methods.Ideas.listRevisions, list).revisions
        #expect(revisions.map(\.revision) == [1, 2])
        #expect(revisions.map(\.title) == ["Première version", "Deuxième version"])
        #expect(revisions.allSatisfy { $0.ideaID == idea.id && $0.pitch == "Le pitch" })
    }

    @Test("accented names round-trip exactly")
    func accents() throws {
        let hackd = try HackdProcess.start()
        let connection = try hackd.connect()
        let name = "Communauté d'agglomération du pays de Saint-Omer"
        var create = Hack_V1_CreateTerritoryRequest()
        create.slug = "pays-de-saint-omer"
        create.name = name
        create.representative.name = "Hélène Dupré-Œuvrard"
        create.representative.role = "chargée de mission « données »"
        let created = try connection.call(Methods.Territories.create, create)
        #expect(created.name == name)

        var get = Hack_V1_GetTerritoryRequest()
        get.slug = "pays-de-saint-omer"
        let fetched = try connection.call(Methods.Territories.get, get)
        #expect(fetched.name == name)
        #expect(Array(fetched.name.utf8) == Array(name.utf8))
        #expect(fetched.representative.name == "Hélène Dupré-Œuvrard")
        #expect(fetched.representative.role == "chargée de mission « données »")

        let team = try connection.createTeam(name: "Synthèse 🚲 — ÉQUIPE", members: [("José", "ñ")])
        #expect(try connection.team(team.id).name == "Synthèse 🚲 — ÉQUIPE")
        #expect(try connection.team(team.id).members.first?.role == "ñ")
    }

    @Test("an unknown event is NOT_FOUND to the admin, PERMISSION_DENIED to others")
    func unknownEvent() throws {
        let hackd = try HackdProcess.start()
        let organiser = try hackd.connect()
        var hidden = Hack_V1_GetEventRequest()
        hidden.slug = "no-such-event"
        let refusal = clientError { () throws(ClientError) in try organiser.call(Methods.Events.get, hidden) }
        #expect(refusal?.status == .permissionDenied, "an organiser is not told whether another event exists")
        let connection = try hackd.connect(as: "admin")
        var request = Hack_V1_GetEventRequest()
        request.slug = "no-such-event"
        let error = clientError { () throws(ClientError) in try connection.call(Methods.Events.get, request) }
        #expect(error?.status == .notFound)
        // The connection survives an error answer.
        #expect(try connection.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)
    }

    @Test("invalid input is INVALID_ARGUMENT naming the field")
    func invalidInput() throws {
        let hackd = try HackdProcess.start()
        let connection = try hackd.connect()
        let error = clientError { () throws(ClientError) in try connection.createTeam(name: "") }
        #expect(error?.status == .invalidArgument)
        #expect(error?.message.contains("name") == true, "message: \(error?.message ?? "none")")

        var idea = Hack_V1_CreateIdeaRequest()
        idea.teamID = try connection.createTeam(name: "Valid").id
        idea.title = "   "
        idea.pitch = "p"
        let ideaError = clientError { () throws(ClientError) in try connection.call(Methods.Ideas.create, idea) }
        #expect(ideaError?.status == .invalidArgument)
        #expect(ideaError?.message.contains("title") == true, "message: \(ideaError?.message ?? "none")")
    }

    @Test("Watch sends the snapshot first, then the idea created on another connection")
    func watch() throws {
        let hackd = try HackdProcess.start()
        let watcher = try hackd.connect("watcher")
        let writer = try hackd.connect("writer")
        try writer.startHackPhase()
        var request = Hack_V1_WatchEventRequest()
        request.slug = Demo.eventSlug

        var items: [Hack_V1_EventUpdate] = []
        var createdIdea: Hack_V1_Idea?
        try watcher.stream(Methods.Events.watch, request) { (update) throws(ClientError) -> Bool in
            items.append(update)
            if items.count == 1 {
                // Only once the snapshot is in: write from another connection.
                let team = try writer.createTeam(name: "Watchers")
                createdIdea = try writer.createIdea(team: team.id, title: "Vu en direct", pitch: "Streamed")
                return true
            }
            if case .idea(let idea) = update.update, idea.id == createdIdea?.id { return false }
            return true
        }

        guard case .snapshot(let snapshot) = items.first?.update else {
            Issue.record("the first item is not a snapshot: \(String(describing: items.first))")
            return
        }
        #expect(snapshot.event.slug == Demo.eventSlug)
        #expect(snapshot.territories.count == 3)
        #expect(snapshot.challenges.count == 3)
        guard case .idea(let idea) = items.last?.update else {
            Issue.record("the last item is not the idea")
            return
        }
        #expect(idea.title == "Vu en direct")
        #expect(idea.revision == 1)
        // After cancelling, the connection still answers.
        #expect(try watcher.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)
    }
}
