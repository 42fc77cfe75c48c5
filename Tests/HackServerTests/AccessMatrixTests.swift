import HackDomain
import HackProtocol
import SwiftProtobuf
import Testing
@testable import HackServer

/// Every method × every demo role: allowed (anything but a refusal),
/// PERMISSION_DENIED, or UNAUTHENTICATED without a token.
struct AccessMatrixTests {
    /// The demo tokens tried on each method, by a short name.
    static let roles: [(name: String, role: String, scope: String?)] = [
        ("admin", "admin", nil),
        ("organiser", "organiser", nil),
        ("moderator saint-omer", "moderator", "parcours-france-2017/saint-omer"),
        ("moderator orleans", "moderator", "parcours-france-2017/orleans"),
        ("territory saint-omer", "territory", "parcours-france-2017/saint-omer"),
        ("juror", "juror", nil),
        ("team", "team", nil),
        ("observer", "observer", nil),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let method: String
        let allowed: Set<String>
        /// false: the method takes no token, so an anonymous call is allowed too.
        var needsToken = true
        /// The request, made unique per role so that writes do not collide.
        let request: @Sendable (_ role: String, _ ids: DemoIds) -> any SwiftProtobuf.Message
        var testDescription: String { method }
    }

    /// Ids made in each harness before the matrix runs.
    struct DemoIds: Sendable {
        let idea: UInt64
        let revocable: [String: UInt64]
        func tokenToRevoke(_ role: String) -> UInt64 { revocable[role] ?? 0 }
    }

    static let everyone: Set<String> = Set(roles.map(\.name))
    static let organisers: Set<String> = ["admin", "organiser"]
    static let ideaReaders: Set<String> = organisers.union(["team", "moderator saint-omer", "territory saint-omer", "juror"])
    static let ideaWriters: Set<String> = organisers.union(["team"])

    static let cases: [Case] = [
        Case(method: Methods.Events.create.name, allowed: ["admin"]) { role, _ in
            Hack_V1_CreateEventRequest.with {
                $0.slug = "atelier-" + role.replacingOccurrences(of: " ", with: "-")
                $0.name = "Atelier"
                $0.timeZone = "Europe/Paris"
                $0.date = "2026-11-21"
                $0.agenda = [.with { $0.kind = .hack; $0.durationMs = 3_600_000 }]
            }
        },
        Case(method: Methods.Events.list.name, allowed: everyone) { _, _ in Hack_V1_ListEventsRequest() },
        Case(method: Methods.Events.get.name, allowed: everyone) { _, _ in
            Hack_V1_GetEventRequest.with { $0.slug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Events.update.name, allowed: organisers) { _, _ in
            Hack_V1_UpdateEventRequest.with {
                $0.slug = DemoScenario.eventSlug
                $0.event.venue = "Espace Champerret"
                $0.updateMask = ["venue"]
            }
        },
        Case(method: Methods.Events.start.name, allowed: organisers) { _, _ in
            Hack_V1_StartEventRequest.with { $0.slug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Events.schedule.name, allowed: organisers) { _, _ in
            Hack_V1_ScheduleEventRequest.with { $0.slug = DemoScenario.eventSlug; $0.startAtMs = 1_900_000_000_000 }
        },
        Case(method: Methods.Events.pause.name, allowed: organisers) { _, _ in
            Hack_V1_PauseEventRequest.with { $0.slug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Events.resume.name, allowed: organisers) { _, _ in
            Hack_V1_ResumeEventRequest.with { $0.slug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Events.extend.name, allowed: organisers) { _, _ in
            Hack_V1_ExtendPhaseRequest.with { $0.slug = DemoScenario.eventSlug; $0.deltaMs = 60_000 }
        },
        Case(method: Methods.Events.skip.name, allowed: organisers) { _, _ in
            Hack_V1_SkipPhaseRequest.with { $0.slug = DemoScenario.eventSlug; $0.phaseNumber = 2 }
        },
        Case(method: Methods.Territories.create.name, allowed: organisers) { role, _ in
            Hack_V1_CreateTerritoryRequest.with {
                $0.slug = "t-" + role.replacingOccurrences(of: " ", with: "-")
                $0.name = "Territoire \(role)"
                $0.representative.name = "Élu"
            }
        },
        Case(method: Methods.Territories.list.name, allowed: everyone) { _, _ in
            Hack_V1_ListTerritoriesRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Territories.get.name, allowed: everyone) { _, _ in
            Hack_V1_GetTerritoryRequest.with { $0.slug = "orleans" }
        },
        Case(method: Methods.Territories.update.name, allowed: organisers) { _, _ in
            Hack_V1_UpdateTerritoryRequest.with {
                $0.slug = "orleans"
                $0.territory.name = "Orléans Métropole"
                $0.updateMask = ["name"]
            }
        },
        Case(method: Methods.Challenges.create.name, allowed: organisers) { _, _ in
            Hack_V1_CreateChallengeRequest.with {
                $0.eventSlug = DemoScenario.eventSlug
                $0.territorySlug = "orleans"
                $0.title = "Second défi"
            }
        },
        Case(method: Methods.Challenges.list.name, allowed: everyone) { _, _ in
            Hack_V1_ListChallengesRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Challenges.get.name, allowed: everyone) { _, _ in Hack_V1_GetChallengeRequest.with { $0.id = 1 } },
        Case(method: Methods.Challenges.update.name, allowed: organisers.union(["moderator saint-omer"])) { _, _ in
            Hack_V1_UpdateChallengeRequest.with {
                $0.id = 1
                $0.challenge.context = "Ouverture en 2019"
                $0.updateMask = ["context"]
            }
        },
        Case(method: Methods.Teams.create.name, allowed: organisers) { role, _ in
            Hack_V1_CreateTeamRequest.with { $0.challengeID = 2; $0.name = "Équipe \(role)" }
        },
        Case(method: Methods.Teams.list.name, allowed: everyone) { _, _ in
            Hack_V1_ListTeamsRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Teams.get.name, allowed: everyone) { _, _ in Hack_V1_GetTeamRequest.with { $0.id = 1 } },
        Case(method: Methods.Teams.update.name, allowed: organisers.union(["team"])) { _, _ in
            Hack_V1_UpdateTeamRequest.with {
                $0.id = 1
                $0.team.members = [.with { $0.name = "Lyes Ghamissou" }]
                $0.updateMask = ["members"]
            }
        },
        Case(method: Methods.Ideas.create.name, allowed: ideaWriters) { role, _ in
            Hack_V1_CreateIdeaRequest.with { $0.teamID = 1; $0.title = "Idée de \(role)" }
        },
        Case(method: Methods.Ideas.list.name, allowed: everyone) { _, _ in
            Hack_V1_ListIdeasRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Ideas.get.name, allowed: ideaReaders) { _, ids in Hack_V1_GetIdeaRequest.with { $0.id = ids.idea } },
        Case(method: Methods.Ideas.update.name, allowed: ideaWriters) { _, ids in
            Hack_V1_UpdateIdeaRequest.with {
                $0.id = ids.idea
                $0.idea.pitch = "Attirer Lille et Dunkerque"
                $0.updateMask = ["pitch"]
            }
        },
        Case(method: Methods.Ideas.listRevisions.name, allowed: ideaReaders) { _, ids in
            Hack_V1_ListIdeaRevisionsRequest.with { $0.id = ids.idea }
        },
        Case(method: Methods.Tokens.issue.name, allowed: organisers) { role, _ in
            Hack_V1_IssueTokenRequest.with {
                $0.name = "Visiteur de \(role)"
                $0.role = .observer
                $0.eventSlug = DemoScenario.eventSlug
            }
        },
        Case(method: Methods.Tokens.list.name, allowed: organisers) { _, _ in
            Hack_V1_ListTokensRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Tokens.revoke.name, allowed: organisers) { role, ids in
            Hack_V1_RevokeTokenRequest.with { $0.id = ids.tokenToRevoke(role) }
        },
        Case(method: Methods.Tokens.whoAmI.name, allowed: everyone) { _, _ in Hack_V1_WhoAmIRequest() },
        Case(method: Methods.Audit.list.name, allowed: organisers) { _, _ in
            Hack_V1_ListAuditRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Judging.setRubric.name, allowed: organisers) { _, _ in
            Hack_V1_SetRubricRequest.with {
                $0.rubric.eventSlug = DemoScenario.eventSlug
                $0.rubric.criteria = [.with { $0.key = "impact"; $0.name = "Impact"; $0.weight = 1 }]
                $0.rubric.scaleMin = 1
                $0.rubric.scaleMax = 5
            }
        },
        Case(method: Methods.Judging.getRubric.name, allowed: everyone) { _, _ in
            Hack_V1_GetRubricRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        // Allowed for the juror, then refused by the gate: the matrix runs in the hack phase.
        Case(method: Methods.Judging.scoreIdea.name, allowed: ["juror"]) { _, ids in
            Hack_V1_ScoreIdeaRequest.with { $0.ideaID = ids.idea; $0.values = [.with { $0.criterion = "impact"; $0.value = 3 }] }
        },
        Case(method: Methods.Judging.listScores.name, allowed: organisers.union(["moderator saint-omer", "territory saint-omer", "juror"])) { _, _ in
            Hack_V1_ListScoresRequest.with { $0.eventSlug = DemoScenario.eventSlug; $0.challengeID = 1 }
        },
        Case(method: Methods.Judging.progress.name, allowed: ["juror"]) { _, _ in
            Hack_V1_JurorProgressRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Judging.rankings.name, allowed: organisers.union(["moderator saint-omer", "territory saint-omer"])) { _, _ in
            Hack_V1_RankingsRequest.with { $0.eventSlug = DemoScenario.eventSlug; $0.challengeID = 1 }
        },
        Case(method: Methods.Reports.export.name, allowed: organisers) { _, _ in
            Hack_V1_ExportReportRequest.with { $0.eventSlug = DemoScenario.eventSlug; $0.format = .markdown }
        },
        Case(method: Methods.Server.stats.name, allowed: ["admin"]) { _, _ in Hack_V1_ServerStatsRequest() },
        Case(method: Methods.Votes.issueCodes.name, allowed: organisers) { _, _ in
            Hack_V1_IssueVoterCodesRequest.with { $0.eventSlug = DemoScenario.eventSlug; $0.count = 3 }
        },
        Case(method: Methods.Votes.cast.name, allowed: everyone, needsToken: false) { _, ids in
            Hack_V1_CastVoteRequest.with {
                $0.eventSlug = DemoScenario.eventSlug
                $0.code = "K7MQ-4XTP-9HRW"
                $0.challengeID = 1
                $0.ideaID = ids.idea
            }
        },
        Case(method: Methods.Health.check.name, allowed: everyone, needsToken: false) { _, _ in Hack_V1_HealthCheckRequest() },
        Case(method: Methods.Reflection.listServices.name, allowed: everyone, needsToken: false) { _, _ in
            Hack_V1_ListServicesRequest()
        },
        Case(method: Methods.Votes.tally.name, allowed: organisers) { _, _ in
            Hack_V1_VoteTallyRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Syntheses.save.name, allowed: organisers.union(["moderator saint-omer"])) { _, ids in
            Hack_V1_SaveSynthesisRequest.with {
                $0.challengeID = 1
                $0.summary = "Synthèse"
                $0.retained = [.with { $0.ideaID = ids.idea; $0.reason = "Concrète" }]
            }
        },
        Case(method: Methods.Syntheses.coSign.name, allowed: ["admin", "territory saint-omer"]) { _, _ in
            Hack_V1_CoSignSynthesisRequest.with { $0.challengeID = 1; $0.revision = 1 }
        },
        Case(method: Methods.Syntheses.get.name, allowed: organisers.union(["moderator saint-omer", "territory saint-omer"])) { _, _ in
            Hack_V1_GetSynthesisRequest.with { $0.challengeID = 1 }
        },
        Case(method: Methods.Syntheses.list.name, allowed: everyone) { _, _ in
            Hack_V1_ListSynthesesRequest.with { $0.eventSlug = DemoScenario.eventSlug }
        },
        Case(method: Methods.Syntheses.listRevisions.name,
             allowed: organisers.union(["moderator saint-omer", "territory saint-omer"])) { _, _ in
            Hack_V1_ListSynthesisRevisionsRequest.with { $0.challengeID = 1 }
        },
    ]

    @Test(arguments: cases)
    func everyRoleGetsWhatItsPermissionSays(_ testCase: Case) throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        try harness.startHackPhase()
        let idea = try #require(harness.call(Methods.Ideas.create, .with { $0.teamID = 1; $0.title = "La Station régionale" },
                                             token: harness.secret("team")).value)
        var revocable: [String: UInt64] = [:]
        for role in Self.roles {
            let issued = try #require(harness.call(Methods.Tokens.issue, .with {
                $0.name = "À révoquer (\(role.name))"
                $0.role = .observer
                $0.eventSlug = DemoScenario.eventSlug
            }).value)
            revocable[role.name] = issued.token.id
        }
        let ids = DemoIds(idea: idea.id, revocable: revocable)

        for role in Self.roles {
            let payload = try testCase.request(role.name, ids).serializedBytes() as [UInt8]
            let answer = try harness.response(harness.start(name: testCase.method, payload: payload,
                                                            token: harness.secret(role.role, scope: role.scope)))
            if testCase.allowed.contains(role.name) {
                #expect(answer.status != .permissionDenied && answer.status != .unauthenticated,
                        "\(testCase.method) as \(role.name): \(answer.status.name) \(answer.message)")
            } else {
                #expect(answer.status == .permissionDenied, "\(testCase.method) as \(role.name): \(answer.status.name)")
                #expect(answer.message.contains("permission "), "\(answer.message)")
            }
        }
        let payload = try testCase.request("anonymous", ids).serializedBytes() as [UInt8]
        let anonymous = try harness.response(harness.start(name: testCase.method, payload: payload, token: .some(nil)))
        guard testCase.needsToken else {
            #expect(anonymous.status != .permissionDenied && anonymous.status != .unauthenticated,
                    "\(testCase.method) anonymous: \(anonymous.status.name) \(anonymous.message)")
            return
        }
        #expect(anonymous.status == .unauthenticated)
    }
}
