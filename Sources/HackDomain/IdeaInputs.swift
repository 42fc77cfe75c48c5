/// The fields of a new idea; its challenge is its team's.
public struct IdeaDraft: Sendable, Equatable {
    public var teamId: Int64
    public var title: String
    public var pitch: String
    public var body: String

    public init(teamId: Int64, title: String, pitch: String = "", body: String = "") {
        self.teamId = teamId
        self.title = title
        self.pitch = pitch
        self.body = body
    }
}

/// The fields to change on an idea; nil keeps the current value.
/// Every accepted patch, even one changing nothing, is a new revision.
public struct IdeaPatch: Sendable, Equatable {
    public var title: String?
    public var pitch: String?
    public var body: String?

    public init(title: String? = nil, pitch: String? = nil, body: String? = nil) {
        self.title = title
        self.pitch = pitch
        self.body = body
    }
}
