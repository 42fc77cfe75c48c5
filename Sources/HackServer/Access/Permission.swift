import HackProtocol

/// What a method needs. Each method declares one when it is registered, and
/// docs/PERMISSIONS.md is rendered from those declarations (a test keeps
/// the file in step with the code).
enum Permission: String, CaseIterable, Sendable {
    case eventsCreate = "events.create"
    case eventsRead = "events.read"
    case eventsManage = "events.manage"
    case eventsRun = "events.run"
    case territoriesManage = "territories.manage"
    case challengesUpdate = "challenges.update"
    case teamsCreate = "teams.create"
    case teamsUpdate = "teams.update"
    case ideasRead = "ideas.read"
    case ideasWrite = "ideas.write"
    case tokensIssue = "tokens.issue"
    case tokensRead = "tokens.read"
    case tokensSelf = "tokens.self"
    case auditRead = "audit.read"
    case serverStats = "server.stats"
    case votesIssue = "votes.issue"
    case votesCast = "votes.cast"
    case votesRead = "votes.read"
    case judgingRubric = "judging.rubric"
    case judgingScore = "judging.score"
    case judgingScoresRead = "judging.scores.read"
    case judgingRankings = "judging.rankings"
    case synthesesRead = "syntheses.read"
    case synthesesWrite = "syntheses.write"
    case synthesesSign = "syntheses.sign"
    case reportsExport = "reports.export"
    case healthCheck = "health.check"
    case reflectionList = "reflection.list"

    /// Who holds it, in the words of the roles.
    var holders: String {
        switch self {
        case .eventsCreate: "admin"
        case .eventsRead: "admin; any token of the event (every role)"
        case .eventsManage: "admin; organiser of the event"
        case .eventsRun: "admin; organiser of the event"
        case .territoriesManage: "admin; any organiser"
        case .challengesUpdate: "admin; organiser of the event; moderator of the challenge's territory"
        case .teamsCreate: "admin; organiser of the event"
        case .teamsUpdate: "admin; organiser of the event; member of the team"
        case .ideasRead: "admin; organiser; members of the idea's team; moderator and territory of its challenge; jurors assigned to its challenge; once restitution has begun, any token of the event reads the retained ideas"
        case .ideasWrite: "admin; organiser of the event; members of the idea's team"
        case .tokensIssue: "admin (any role); organiser (any role of its event but admin)"
        case .tokensRead: "admin (every token); organiser (tokens of its event)"
        case .tokensSelf: "any valid token"
        case .auditRead: "admin; organiser of the event"
        case .serverStats: "admin"
        case .votesIssue: "admin; organiser of the event"
        case .votesCast: "anyone presenting a valid voter code of the event; no token needed"
        case .votesRead: "admin; organiser of the event (live); any token of the event once it has finished"
        case .judgingRubric: "admin; organiser of the event"
        case .judgingScore: "juror of the event (scores the ideas of its assigned challenges; its own team's ideas are refused with FAILED_PRECONDITION, conflict of interest; progress: its own)"
        case .judgingScoresRead: "admin; organiser of the event (every score); moderator and territory of a challenge (its scores); juror (its own scores)"
        case .judgingRankings: "admin; organiser of the event; moderator and territory of a challenge (its ranking); any token of the event once restitution has begun"
        case .synthesesRead: "admin; organiser of the event; moderator and territory of the synthesis's territory; once restitution has begun, any token of the event"
        case .synthesesWrite: "admin; organiser of the event; moderator of the synthesis's territory"
        case .reportsExport: "admin; organiser of the event; any token of the event once restitution has begun"
        case .synthesesSign: "admin; territory (representative) of the synthesis's territory"
        case .healthCheck: "anyone; no token needed"
        case .reflectionList: "anyone; no token needed"
        }
    }

    /// PERMISSION_DENIED naming the permission and who holds it.
    var denied: RPCError {
        RPCError(.permissionDenied, "permission \(rawValue) is required (held by: \(holders))")
    }
}
