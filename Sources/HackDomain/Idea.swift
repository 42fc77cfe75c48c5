/// A team's answer to its challenge, in its latest revision.
public struct Idea: Sendable, Equatable {
    public var id: Int64
    public var teamId: Int64
    /// The team's challenge, kept here so per-challenge reads need no join.
    public var challengeId: Int64
    public var title: String
    public var pitch: String
    public var body: String
    /// 1 at creation, +1 per accepted update.
    public var revision: Int
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(
        id: Int64, teamId: Int64, challengeId: Int64, title: String, pitch: String, body: String,
        revision: Int, createdAt: Millis, updatedAt: Millis
    ) {
        self.id = id
        self.teamId = teamId
        self.challengeId = challengeId
        self.title = title
        self.pitch = pitch
        self.body = body
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One saved state of an idea: every accepted create or update records one,
/// so the history of a pitch can be replayed.
public struct IdeaRevision: Sendable, Equatable {
    public var ideaId: Int64
    public var revision: Int
    public var title: String
    public var pitch: String
    public var body: String
    public var at: Millis

    public init(ideaId: Int64, revision: Int, title: String, pitch: String, body: String, at: Millis) {
        self.ideaId = ideaId
        self.revision = revision
        self.title = title
        self.pitch = pitch
        self.body = body
        self.at = at
    }

    /// The revision an idea snapshot records: its content at its last update.
    public init(recording idea: Idea) {
        self.init(
            ideaId: idea.id, revision: idea.revision, title: idea.title, pitch: idea.pitch,
            body: idea.body, at: idea.revision == 1 ? idea.createdAt : idea.updatedAt)
    }
}
