import HackDomain
import Testing

/// One refused command: what is sent, and the kind, field and message expected.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    let label: String
    let command: Command
    let kind: DomainError.Kind
    let field: String
    /// The whole message when it is pinned down, else a prefix.
    let message: String

    var testDescription: String { label }

    init(_ label: String, _ command: Command, _ kind: DomainError.Kind = .invalidArgument, field: String, message: String? = nil) {
        self.label = label
        self.command = command
        self.kind = kind
        self.field = field
        self.message = message ?? (kind == .invalidArgument ? "\(field): " : "")
    }
}

private func event(_ change: (inout EventDraft) -> Void) -> Command {
    var draft = Fixtures.validEventDraft()
    change(&draft)
    return .createEvent(draft)
}

private func phases(_ drafts: PhaseDraft...) -> Command {
    event { $0.agenda = drafts }
}

private let hour: Int64 = 3_600_000
private let long201 = String(repeating: "é", count: 201)
private let person = Person(name: "Ada", role: "dev")

let eventRefusals: [RefusalCase] = [
    RefusalCase("empty slug", event { $0.slug = "" }, field: "slug", message: "slug: must not be empty"),
    RefusalCase("uppercase slug", event { $0.slug = "Hack" }, field: "slug"),
    RefusalCase("underscore slug", event { $0.slug = "a_b" }, field: "slug"),
    RefusalCase("leading hyphen", event { $0.slug = "-a" }, field: "slug"),
    RefusalCase("trailing hyphen", event { $0.slug = "a-" }, field: "slug"),
    RefusalCase("double hyphen", event { $0.slug = "a--b" }, field: "slug"),
    RefusalCase("accented slug", event { $0.slug = "orléans" }, field: "slug"),
    RefusalCase("slug of 65", event { $0.slug = String(repeating: "a", count: 65) }, field: "slug",
                message: "slug: must be between 1 and 64 characters"),
    RefusalCase("blank name", event { $0.name = " \n\t" }, field: "name", message: "name: must not be empty"),
    RefusalCase("long name", event { $0.name = long201 }, field: "name", message: "name: must be at most 200 characters"),
    RefusalCase("control in name", event { $0.name = "Hack\u{7}" }, field: "name"),
    RefusalCase("newline in name", event { $0.name = "Hack\n2024" }, field: "name"),
    RefusalCase("long venue", event { $0.venue = long201 }, field: "venue"),
    RefusalCase("long theme", event { $0.theme = long201 }, field: "theme"),
    RefusalCase("misspelt zone", event { $0.timeZone = "Europe/Pari" }, field: "time_zone",
                message: "time_zone: \"Europe/Pari\" is not a known IANA time zone"),
    RefusalCase("abbreviation zone", event { $0.timeZone = "PST" }, field: "time_zone"),
    RefusalCase("offset zone", event { $0.timeZone = "GMT+1" }, field: "time_zone"),
    RefusalCase("empty zone", event { $0.timeZone = "" }, field: "time_zone"),
    RefusalCase("Feb 29 of a common year", event { $0.date = "2017-02-29" }, field: "date"),
    RefusalCase("month 13", event { $0.date = "2017-13-01" }, field: "date"),
    RefusalCase("French date order", event { $0.date = "10/10/2017" }, field: "date"),
    RefusalCase("unpadded date", event { $0.date = "2017-1-01" }, field: "date"),
    RefusalCase("empty agenda", phases(), field: "agenda", message: "agenda: must list between 1 and 50 phases"),
    RefusalCase("51 phases", event { $0.agenda = Array(repeating: PhaseDraft(kind: .hack, durationMs: 1), count: 51) },
                field: "agenda"),
    RefusalCase("zero duration",
                phases(PhaseDraft(kind: .intro, durationMs: 1), PhaseDraft(kind: .hack, durationMs: 0)),
                field: "agenda[1].duration_ms", message: "agenda[1].duration_ms: must be between 1 and 86400000"),
    RefusalCase("over a day", phases(PhaseDraft(kind: .hack, durationMs: 24 * hour + 1)), field: "agenda[0].duration_ms"),
    RefusalCase("unnamed custom", phases(PhaseDraft(kind: .custom, name: "  ", durationMs: hour)), field: "agenda[0].name"),
    RefusalCase("long phase name", phases(PhaseDraft(kind: .hack, name: long201, durationMs: hour)), field: "agenda[0].name"),
    RefusalCase("24:00", phases(PhaseDraft(kind: .hack, plannedStart: "24:00", durationMs: hour)),
                field: "agenda[0].planned_start"),
    RefusalCase("9:00", phases(PhaseDraft(kind: .hack, plannedStart: "9:00", durationMs: hour)),
                field: "agenda[0].planned_start"),
    RefusalCase("starts going back",
                phases(PhaseDraft(kind: .intro, plannedStart: "10:00", durationMs: hour),
                       PhaseDraft(kind: .hack, durationMs: hour),
                       PhaseDraft(kind: .pause, plannedStart: "09:59", durationMs: hour)),
                field: "agenda[2].planned_start"),
    RefusalCase("existing slug", event { $0.slug = Fixtures.eventSlug }, .alreadyExists, field: "slug",
                message: "event \"parcours-france-2017\" already exists"),
    RefusalCase("update missing event", .updateEvent(slug: "x", EventPatch(name: "X")), .notFound, field: "slug",
                message: "event \"x\" not found"),
    RefusalCase("update with blank name", .updateEvent(slug: Fixtures.eventSlug, EventPatch(name: "")), field: "name"),
    RefusalCase("update with bad zone", .updateEvent(slug: Fixtures.eventSlug, EventPatch(timeZone: "Mars/Base")),
                field: "time_zone"),
    RefusalCase("update with bad date", .updateEvent(slug: Fixtures.eventSlug, EventPatch(date: "2017-04-31")),
                field: "date"),
    // The demo has started (agenda changes are closed): its draft neighbour checks the agenda's rules.
    RefusalCase("update with empty agenda", .updateEvent(slug: "hack-2024", EventPatch(agenda: [])),
                field: "agenda"),
    RefusalCase("agenda change once started", .updateEvent(slug: Fixtures.eventSlug, EventPatch(agenda: [])),
                .failedPrecondition, field: "event", message: "agenda changes closed at "),
]

let territoryAndChallengeRefusals: [RefusalCase] = [
    RefusalCase("territory bad slug", .createTerritory(TerritoryDraft(slug: "Saint Omer", name: "X", representative: person)),
                field: "slug"),
    RefusalCase("territory blank name", .createTerritory(TerritoryDraft(slug: "lille", name: "", representative: person)),
                field: "name"),
    RefusalCase("representative without name",
                .createTerritory(TerritoryDraft(slug: "lille", name: "Lille", representative: Person(name: " ", role: "maire"))),
                field: "representative.name"),
    RefusalCase("representative long role",
                .createTerritory(TerritoryDraft(slug: "lille", name: "Lille", representative: Person(name: "A", role: long201))),
                field: "representative.role"),
    RefusalCase("existing territory", .createTerritory(TerritoryDraft(slug: "orleans", name: "X", representative: person)),
                .alreadyExists, field: "slug", message: "territory \"orleans\" already exists"),
    RefusalCase("update missing territory", .updateTerritory(slug: "lille", TerritoryPatch(name: "Lille")), .notFound,
                field: "slug", message: "territory \"lille\" not found"),
    RefusalCase("challenge blank title",
                .createChallenge(ChallengeDraft(eventSlug: "e", territorySlug: "t", title: "")), field: "title"),
    RefusalCase("challenge long context",
                .createChallenge(ChallengeDraft(eventSlug: "e", territorySlug: "t", title: "T",
                                                context: String(repeating: "x", count: 2_001))),
                field: "context", message: "context: must be at most 2000 characters"),
    RefusalCase("21 themes",
                .createChallenge(ChallengeDraft(eventSlug: "e", territorySlug: "t", title: "T",
                                                themes: (0..<21).map { "t\($0)" })),
                field: "themes"),
    RefusalCase("theme of 65",
                .createChallenge(ChallengeDraft(eventSlug: "e", territorySlug: "t", title: "T",
                                                themes: ["ok", String(repeating: "x", count: 65)])),
                field: "themes[1]"),
    RefusalCase("empty theme",
                .createChallenge(ChallengeDraft(eventSlug: "e", territorySlug: "t", title: "T", themes: [""])),
                field: "themes[0]"),
    RefusalCase("challenge in missing event",
                .createChallenge(ChallengeDraft(eventSlug: "nope", territorySlug: "orleans", title: "T")),
                .notFound, field: "event_slug", message: "event \"nope\" not found"),
    RefusalCase("challenge of missing territory",
                .createChallenge(ChallengeDraft(eventSlug: Fixtures.eventSlug, territorySlug: "lille", title: "T")),
                .notFound, field: "territory_slug", message: "territory \"lille\" not found"),
    RefusalCase("second challenge of a territory",
                .createChallenge(ChallengeDraft(eventSlug: Fixtures.eventSlug, territorySlug: "orleans", title: "T")),
                .alreadyExists, field: "territory_slug",
                message: "territory \"orleans\" already poses a challenge in event \"parcours-france-2017\""),
    RefusalCase("update missing challenge", .updateChallenge(id: 99, ChallengePatch(title: "T")), .notFound, field: "id",
                message: "challenge 99 not found"),
    RefusalCase("update challenge themes", .updateChallenge(id: 1, ChallengePatch(themes: [" "])), field: "themes[0]"),
]

let teamAndIdeaRefusals: [RefusalCase] = [
    RefusalCase("team blank name", .createTeam(TeamDraft(challengeId: 1, name: "")), field: "name"),
    RefusalCase("21 members", .createTeam(TeamDraft(challengeId: 1, name: "Big", members: Array(repeating: person, count: 21))),
                field: "members", message: "members: must list at most 20 members"),
    RefusalCase("member without name",
                .createTeam(TeamDraft(challengeId: 1, name: "T", members: [person, Person(name: "", role: "x")])),
                field: "members[1].name", message: "members[1].name: must not be empty"),
    RefusalCase("team of missing challenge", .createTeam(TeamDraft(challengeId: 99, name: "T")), .notFound,
                field: "challenge_id", message: "challenge 99 not found"),
    RefusalCase("team name taken in the event", .createTeam(TeamDraft(challengeId: 2, name: "Les Omeriens")),
                .alreadyExists, field: "name"),
    RefusalCase("update missing team", .updateTeam(id: 99, TeamPatch(name: "Les Omeriens")), .notFound, field: "id"),
    RefusalCase("idea blank title", .createIdea(IdeaDraft(teamId: 1, title: "\t")), field: "title"),
    RefusalCase("idea long pitch", .createIdea(IdeaDraft(teamId: 1, title: "T", pitch: String(repeating: "p", count: 2_001))),
                field: "pitch"),
    RefusalCase("idea long body", .createIdea(IdeaDraft(teamId: 1, title: "T", body: String(repeating: "b", count: 20_001))),
                field: "body", message: "body: must be at most 20000 characters"),
    RefusalCase("NUL in body", .createIdea(IdeaDraft(teamId: 1, title: "T", body: "a\u{0}b")), field: "body"),
    RefusalCase("idea of missing team", .createIdea(IdeaDraft(teamId: 99, title: "T")), .notFound, field: "team_id",
                message: "team 99 not found"),
    RefusalCase("update missing idea", .updateIdea(id: 99, IdeaPatch(title: "T")), .notFound, field: "id",
                message: "idea 99 not found"),
    RefusalCase("update idea blank title", .updateIdea(id: 1, IdeaPatch(title: "")), field: "title"),
]

@Suite struct ValidationTests {
    @Test(arguments: eventRefusals + territoryAndChallengeRefusals + teamAndIdeaRefusals)
    func refused(_ expected: RefusalCase) throws {
        var state = try Fixtures.demoWithTeamAndIdea().state
        try Fixtures.run([.createEvent(Fixtures.validEventDraft())], on: &state, from: 5_000)  // a draft: "hack-2024"
        let error = try #require(refusal(of: expected.command, in: state))
        #expect(error.kind == expected.kind)
        #expect(error.field == expected.field)
        #expect(error.message.hasPrefix(expected.message), "\(error.message)")
        #expect(error.description == error.message)
    }

    @Test func limitsAreAcceptedAtTheirEdge() throws {
        var state = try Fixtures.demoWithTeamAndIdea().state
        let name200 = String(repeating: "é", count: 200)
        try Fixtures.run([
            .createEvent(EventDraft(
                slug: String(repeating: "a", count: 64), name: name200, venue: name200, timeZone: "UTC",
                date: "2024-02-29", theme: name200,
                agenda: Array(repeating: PhaseDraft(kind: .custom, name: "x", durationMs: 86_400_000), count: 50))),
            .createChallenge(ChallengeDraft(
                eventSlug: String(repeating: "a", count: 64), territorySlug: "orleans", title: name200,
                context: String(repeating: "c", count: 2_000), themes: Array(repeating: String(repeating: "t", count: 64), count: 20))),
            .createTeam(TeamDraft(challengeId: 4, name: name200, members: Array(repeating: person, count: 20))),
            // Team 1's: the new event is a draft, and ideas are posted only during the demo's hack.
            .createIdea(IdeaDraft(teamId: 1, title: "T", pitch: String(repeating: "p", count: 2_000),
                                  body: "line\n\tindented\r\n" + String(repeating: "b", count: 19_984))),
        ], on: &state, from: 5_000)
        #expect(state.ideaCount == 2)
    }

    @Test func plannedStartsMayRepeatAndBeOmitted() throws {
        let command = phases(
            PhaseDraft(kind: .intro, plannedStart: "10:00", durationMs: hour),
            PhaseDraft(kind: .hack, plannedStart: "", durationMs: hour),
            PhaseDraft(kind: .pause, name: "", plannedStart: "10:00", durationMs: hour))
        let event = try #require(Fixtures.eventOf(HackState().decide(command, at: 1)))
        #expect(event.agenda.map(\.plannedStart?.description) == ["10:00", nil, "10:00"])
    }

    @Test(arguments: ["Europe/Paris", "UTC", "America/Argentina/Buenos_Aires", "Etc/UTC", "Pacific/Auckland"])
    func knownTimeZonesAreAccepted(_ zone: String) {
        #expect(refusal(of: event { $0.timeZone = zone }, in: HackState()) == nil)
    }
}
