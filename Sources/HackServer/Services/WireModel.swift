import HackDomain
import HackProtocol

// Domain values as they travel: one conversion per resource, used by every
// method and by the watch stream.

extension Hack_V1_PhaseKind {
    init(_ kind: PhaseKind) {
        self = switch kind {
        case .intro: .intro
        case .hack: .hack
        case .synthesis: .synthesis
        case .pause: .break
        case .restitution: .restitution
        case .custom: .custom
        }
    }
}

extension Hack_V1_Phase {
    init(_ phase: Phase) {
        self.init()
        kind = Hack_V1_PhaseKind(phase.kind)
        name = phase.name
        plannedStart = phase.plannedStart?.description ?? ""
        durationMs = UInt64(phase.durationMs)
    }
}

extension Hack_V1_Event {
    init(_ event: Event, territorySlugs: [String]) {
        self.init()
        slug = event.slug
        name = event.name
        venue = event.venue
        timeZone = event.timeZone
        date = event.date.description
        theme = event.theme
        agenda = event.agenda.map(Hack_V1_Phase.init)
        self.territorySlugs = territorySlugs
        createdAtMs = event.createdAt
        updatedAtMs = event.updatedAt
    }

    /// With its run as of `now`.
    init(_ event: Event, in state: HackState, at now: Millis) {
        self.init(event, territorySlugs: state.territorySlugs(eventSlug: event.slug))
        run = Hack_V1_EventRun(of: event, in: state, at: now)
    }
}

extension Hack_V1_Person {
    init(_ person: Person) {
        self.init()
        name = person.name
        role = person.role
    }
}

extension Person {
    init(_ person: Hack_V1_Person) {
        self.init(name: person.name, role: person.role)
    }
}

extension Hack_V1_Territory {
    init(_ territory: Territory) {
        self.init()
        slug = territory.slug
        name = territory.name
        representative = Hack_V1_Person(territory.representative)
    }
}

extension Hack_V1_Challenge {
    init(_ challenge: Challenge) {
        self.init()
        id = UInt64(challenge.id)
        eventSlug = challenge.eventSlug
        territorySlug = challenge.territorySlug
        title = challenge.title
        context = challenge.context
        themes = challenge.themes
    }
}

extension Hack_V1_Team {
    init(_ team: Team) {
        self.init()
        id = UInt64(team.id)
        eventSlug = team.eventSlug
        challengeID = UInt64(team.challengeId)
        name = team.name
        members = team.members.map(Hack_V1_Person.init)
    }
}

extension Hack_V1_Idea {
    init(_ idea: Idea) {
        self.init()
        id = UInt64(idea.id)
        teamID = UInt64(idea.teamId)
        challengeID = UInt64(idea.challengeId)
        title = idea.title
        pitch = idea.pitch
        body = idea.body
        revision = UInt32(clamping: idea.revision)
        createdAtMs = idea.createdAt
        updatedAtMs = idea.updatedAt
    }
}

extension Hack_V1_IdeaRevision {
    init(_ revision: IdeaRevision) {
        self.init()
        ideaID = UInt64(revision.ideaId)
        self.revision = UInt32(clamping: revision.revision)
        title = revision.title
        pitch = revision.pitch
        body = revision.body
        atMs = revision.at
    }
}
