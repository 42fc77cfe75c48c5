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

/// Every method of `Proto/hack/v1/services.proto`. A test parses the proto
/// file and checks this catalogue against it.
public enum Methods {
    public enum Events {
        public static let create = UnaryMethod<Hack_V1_CreateEventRequest, Hack_V1_Event>("Events", "Create")
        public static let list = UnaryMethod<Hack_V1_ListEventsRequest, Hack_V1_ListEventsResponse>("Events", "List")
        public static let get = UnaryMethod<Hack_V1_GetEventRequest, Hack_V1_Event>("Events", "Get")
        public static let update = UnaryMethod<Hack_V1_UpdateEventRequest, Hack_V1_Event>("Events", "Update")
        public static let watch = ServerStreamMethod<Hack_V1_WatchEventRequest, Hack_V1_EventUpdate>("Events", "Watch")
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
}
