import SwiftProtobuf

/// A unary method: its wire name and its message types, so that callers
/// and handlers cannot disagree on either.
public struct UnaryMethod<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>: Sendable {
    public let name: String
    init(_ service: String, _ method: String) { name = "hack.v1.\(service)/\(method)" }
}

/// A method whose response is a server stream of `Response` items.
public struct ServerStreamMethod<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>: Sendable {
    public let name: String
    init(_ service: String, _ method: String) { name = "hack.v1.\(service)/\(method)" }
}

/// What the catalogue knows of one method, as plain values, for code that
/// walks every method (the catalogue test, listings) rather than calling one.
public struct MethodInfo: Sendable, Hashable {
    /// "hack.v1.<Service>/<Method>".
    public let name: String
    /// Full protobuf name of the request message, e.g. "hack.v1.GetEventRequest".
    public let requestType: String
    /// Full protobuf name of the response (or stream item) message.
    public let responseType: String
    public let isServerStream: Bool
}

extension UnaryMethod {
    public var info: MethodInfo {
        MethodInfo(name: name, requestType: Request.protoMessageName,
                   responseType: Response.protoMessageName, isServerStream: false)
    }
}

extension ServerStreamMethod {
    public var info: MethodInfo {
        MethodInfo(name: name, requestType: Request.protoMessageName,
                   responseType: Response.protoMessageName, isServerStream: true)
    }
}

/// Every method of `Proto/hack/v1/services.proto` and `health.proto`. A test
/// parses the proto files and checks this catalogue against them.
public enum Methods {
    public enum Events {
        public static let create = UnaryMethod<Hack_V1_CreateEventRequest, Hack_V1_Event>("Events", "Create")
        public static let list = UnaryMethod<Hack_V1_ListEventsRequest, Hack_V1_ListEventsResponse>("Events", "List")
        public static let get = UnaryMethod<Hack_V1_GetEventRequest, Hack_V1_Event>("Events", "Get")
        public static let update = UnaryMethod<Hack_V1_UpdateEventRequest, Hack_V1_Event>("Events", "Update")
        public static let watch = ServerStreamMethod<Hack_V1_WatchEventRequest, Hack_V1_EventUpdate>("Events", "Watch")
        public static let start = UnaryMethod<Hack_V1_StartEventRequest, Hack_V1_Event>("Events", "Start")
        public static let schedule = UnaryMethod<Hack_V1_ScheduleEventRequest, Hack_V1_Event>("Events", "Schedule")
        public static let pause = UnaryMethod<Hack_V1_PauseEventRequest, Hack_V1_Event>("Events", "Pause")
        public static let resume = UnaryMethod<Hack_V1_ResumeEventRequest, Hack_V1_Event>("Events", "Resume")
        public static let extend = UnaryMethod<Hack_V1_ExtendPhaseRequest, Hack_V1_Event>("Events", "Extend")
        public static let skip = UnaryMethod<Hack_V1_SkipPhaseRequest, Hack_V1_Event>("Events", "Skip")
    }

    public enum Territories {
        public static let create = UnaryMethod<Hack_V1_CreateTerritoryRequest, Hack_V1_Territory>("Territories", "Create")
        public static let list = UnaryMethod<Hack_V1_ListTerritoriesRequest, Hack_V1_ListTerritoriesResponse>("Territories", "List")
        public static let get = UnaryMethod<Hack_V1_GetTerritoryRequest, Hack_V1_Territory>("Territories", "Get")
        public static let update = UnaryMethod<Hack_V1_UpdateTerritoryRequest, Hack_V1_Territory>("Territories", "Update")
    }

    public enum Challenges {
        public static let create = UnaryMethod<Hack_V1_CreateChallengeRequest, Hack_V1_Challenge>("Challenges", "Create")
        public static let list = UnaryMethod<Hack_V1_ListChallengesRequest, Hack_V1_ListChallengesResponse>("Challenges", "List")
        public static let get = UnaryMethod<Hack_V1_GetChallengeRequest, Hack_V1_Challenge>("Challenges", "Get")
        public static let update = UnaryMethod<Hack_V1_UpdateChallengeRequest, Hack_V1_Challenge>("Challenges", "Update")
    }

    public enum Teams {
        public static let create = UnaryMethod<Hack_V1_CreateTeamRequest, Hack_V1_Team>("Teams", "Create")
        public static let list = UnaryMethod<Hack_V1_ListTeamsRequest, Hack_V1_ListTeamsResponse>("Teams", "List")
        public static let get = UnaryMethod<Hack_V1_GetTeamRequest, Hack_V1_Team>("Teams", "Get")
        public static let update = UnaryMethod<Hack_V1_UpdateTeamRequest, Hack_V1_Team>("Teams", "Update")
    }

    public enum Ideas {
        public static let create = UnaryMethod<Hack_V1_CreateIdeaRequest, Hack_V1_Idea>("Ideas", "Create")
        public static let list = UnaryMethod<Hack_V1_ListIdeasRequest, Hack_V1_ListIdeasResponse>("Ideas", "List")
        public static let get = UnaryMethod<Hack_V1_GetIdeaRequest, Hack_V1_Idea>("Ideas", "Get")
        public static let update = UnaryMethod<Hack_V1_UpdateIdeaRequest, Hack_V1_Idea>("Ideas", "Update")
        public static let listRevisions = UnaryMethod<Hack_V1_ListIdeaRevisionsRequest, Hack_V1_ListIdeaRevisionsResponse>("Ideas", "ListRevisions")
    }

    /// Every constant above, in declaration order. A method added above must
    /// be added here too: the catalogue test compares this list with the proto.
    public enum Tokens {
        public static let issue = UnaryMethod<Hack_V1_IssueTokenRequest, Hack_V1_IssuedToken>("Tokens", "Issue")
        public static let list = UnaryMethod<Hack_V1_ListTokensRequest, Hack_V1_ListTokensResponse>("Tokens", "List")
        public static let revoke = UnaryMethod<Hack_V1_RevokeTokenRequest, Hack_V1_Token>("Tokens", "Revoke")
        public static let whoAmI = UnaryMethod<Hack_V1_WhoAmIRequest, Hack_V1_Token>("Tokens", "WhoAmI")
    }

    public enum Audit {
        public static let list = UnaryMethod<Hack_V1_ListAuditRequest, Hack_V1_ListAuditResponse>("Audit", "List")
    }

    public enum Judging {
        public static let setRubric = UnaryMethod<Hack_V1_SetRubricRequest, Hack_V1_Rubric>("Judging", "SetRubric")
        public static let getRubric = UnaryMethod<Hack_V1_GetRubricRequest, Hack_V1_Rubric>("Judging", "GetRubric")
        public static let scoreIdea = UnaryMethod<Hack_V1_ScoreIdeaRequest, Hack_V1_Score>("Judging", "ScoreIdea")
        public static let listScores = UnaryMethod<Hack_V1_ListScoresRequest, Hack_V1_ListScoresResponse>("Judging", "ListScores")
        public static let progress = UnaryMethod<Hack_V1_JurorProgressRequest, Hack_V1_JurorProgress>("Judging", "Progress")
        public static let rankings = UnaryMethod<Hack_V1_RankingsRequest, Hack_V1_RankingsResponse>("Judging", "Rankings")
    }

    public enum Syntheses {
        public static let save = UnaryMethod<Hack_V1_SaveSynthesisRequest, Hack_V1_Synthesis>("Syntheses", "Save")
        public static let coSign = UnaryMethod<Hack_V1_CoSignSynthesisRequest, Hack_V1_Synthesis>("Syntheses", "CoSign")
        public static let get = UnaryMethod<Hack_V1_GetSynthesisRequest, Hack_V1_Synthesis>("Syntheses", "Get")
        public static let list = UnaryMethod<Hack_V1_ListSynthesesRequest, Hack_V1_ListSynthesesResponse>("Syntheses", "List")
        public static let listRevisions = UnaryMethod<Hack_V1_ListSynthesisRevisionsRequest, Hack_V1_ListSynthesisRevisionsResponse>("Syntheses", "ListRevisions")
    }

    public enum Votes {
        public static let issueCodes = UnaryMethod<Hack_V1_IssueVoterCodesRequest, Hack_V1_VoterCodes>("Votes", "IssueCodes")
        public static let cast = UnaryMethod<Hack_V1_CastVoteRequest, Hack_V1_CastVoteResponse>("Votes", "Cast")
        public static let tally = UnaryMethod<Hack_V1_VoteTallyRequest, Hack_V1_VoteTally>("Votes", "Tally")
    }

    public enum Reports {
        public static let export = UnaryMethod<Hack_V1_ExportReportRequest, Hack_V1_Report>("Reports", "Export")
    }

    public enum Server {
        public static let stats = UnaryMethod<Hack_V1_ServerStatsRequest, Hack_V1_ServerStats>("Server", "Stats")
    }

    public enum Health {
        public static let check = UnaryMethod<Hack_V1_HealthCheckRequest, Hack_V1_HealthCheckResponse>("Health", "Check")
    }

    public enum Reflection {
        public static let listServices = UnaryMethod<Hack_V1_ListServicesRequest, Hack_V1_ListServicesResponse>("Reflection", "ListServices")
    }

    public static let all: [MethodInfo] = [
        Events.create.info, Events.list.info, Events.get.info, Events.update.info, Events.watch.info,
        Events.start.info, Events.schedule.info, Events.pause.info, Events.resume.info, Events.extend.info,
        Events.skip.info,
        Territories.create.info, Territories.list.info, Territories.get.info, Territories.update.info,
        Challenges.create.info, Challenges.list.info, Challenges.get.info, Challenges.update.info,
        Teams.create.info, Teams.list.info, Teams.get.info, Teams.update.info,
        Ideas.create.info, Ideas.list.info, Ideas.get.info, Ideas.update.info, Ideas.listRevisions.info,
        Tokens.issue.info, Tokens.list.info, Tokens.revoke.info, Tokens.whoAmI.info,
        Audit.list.info,
        Judging.setRubric.info, Judging.getRubric.info, Judging.scoreIdea.info, Judging.listScores.info,
        Judging.progress.info, Judging.rankings.info,
        Syntheses.save.info, Syntheses.coSign.info, Syntheses.get.info, Syntheses.list.info, Syntheses.listRevisions.info,
        Votes.issueCodes.info, Votes.cast.info, Votes.tally.info,
        Reports.export.info,
        Server.stats.info,
        Health.check.info,
        Reflection.listServices.info,
    ]

    /// The name of the method called `name`, as `all` holds it (or `name`,
    /// for no method): every connection and the server's router then hold
    /// one string per method, and comparing names compares two pointers.
    public static func sharedName(_ name: String) -> String {
        namesByName[name] ?? name
    }

    private static let namesByName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0.name) })
}
