import HackClient
import HackProtocol

/// What `hackd --demo` seeds (see the hackd contract).
enum Demo {
    static let eventSlug = "parcours-france-2017"
    static let eventName = "Hackathon #OpenTerritoires — PARCOURS FRANCE 2017"
    static let territorySlugs = ["saint-omer", "orleans", "haute-saintonge"]
    /// Challenge ids, in the territories' creation order.
    static let saintOmerChallenge: UInt64 = 1
    static let orleansChallenge: UInt64 = 2
}

extension HackConnection {
    func createTeam(challenge: UInt64 = Demo.saintOmerChallenge, name: String, members: [(String, String)] = []) throws(ClientError) -> Hack_V1_Team {
        var request = Hack_V1_CreateTeamRequest()
        request.challengeID = challenge
        request.name = name
        request.members = members.map { name, role in
            var person = Hack_V1_Person()
            person.name = name
            person.role = role
            return person
        }
        return try call(Methods.Teams.create, request)
    }

    func createIdea(team: UInt64, title: String, pitch: String, body: String = "") throws(ClientError) -> Hack_V1_Idea {
        var request = Hack_V1_CreateIdeaRequest()
        request.teamID = team
        request.title = title
        request.pitch = pitch
        request.body = body
        return try call(Methods.Ideas.create, request)
    }

    /// Starts the demo event now and skips its introduction (needs an
    /// organiser's token): ideas may be posted for the next 115 minutes.
    func startHackPhase(_ slug: String = Demo.eventSlug) throws(ClientError) {
        try runEvent(slug, toPhase: 1)
    }

    /// Starts the event if it has not started, then skips phases until phase
    /// `index` (0-based; demo: 1 hack, 2 synthesis, 3 break, 4 restitution) is current.
    func runEvent(_ slug: String = Demo.eventSlug, toPhase index: UInt32) throws(ClientError) {
        var get = Hack_V1_GetEventRequest()
        get.slug = slug
        var run = try call(Methods.Events.get, get).run
        if run.status == .draft || run.status == .ready {
            var start = Hack_V1_StartEventRequest()
            start.slug = slug
            run = try call(Methods.Events.start, start).run
        }
        while run.phaseIndex < index, run.status == .running || run.status == .paused {
            var skip = Hack_V1_SkipPhaseRequest()
            skip.slug = slug
            skip.phaseNumber = run.phaseIndex + 1
            run = try call(Methods.Events.skip, skip).run
        }
    }

    func idea(_ id: UInt64) throws(ClientError) -> Hack_V1_Idea {
        var request = Hack_V1_GetIdeaRequest()
        request.id = id
        return try call(Methods.Ideas.get, request)
    }

    func team(_ id: UInt64) throws(ClientError) -> Hack_V1_Team {
        var request = Hack_V1_GetTeamRequest()
        request.id = id
        return try call(Methods.Teams.get, request)
    }
}

/// The ClientError a throwing expression ends with, or nil when it succeeds.
func clientError<T>(_ body: () throws(ClientError) -> T) -> ClientError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
