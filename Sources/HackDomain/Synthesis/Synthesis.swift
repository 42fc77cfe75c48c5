/// A territory's synthesis of its challenge: what it retains from the hack,
/// why, and what comes next. One per challenge (a territory poses one
/// challenge per event); every save is a new revision, all of them kept.
public struct Synthesis: Sendable, Equatable {
    public var challengeId: Int64
    /// The challenge's, copied so reads and audience checks need no join (they never change).
    public var eventSlug: String
    public var territorySlug: String
    public var summary: String
    /// In the territory's order: its decision, not a ranking.
    public var retained: [RetainedIdea]
    public var nextSteps: String
    /// 1 at the first save, +1 per save.
    public var revision: Int
    /// The token name of the last save.
    public var author: String
    public var updatedAt: Millis
    /// The revision the territory's representative co-signed; 0: none. A later save
    /// leaves it behind, so clients can tell "signed r3, latest r4".
    public var signedRevision: Int
    public var signedBy: String
    public var signedAt: Millis?

    public init(
        challengeId: Int64, eventSlug: String, territorySlug: String, summary: String, retained: [RetainedIdea],
        nextSteps: String, revision: Int, author: String, updatedAt: Millis,
        signedRevision: Int = 0, signedBy: String = "", signedAt: Millis? = nil
    ) {
        self.challengeId = challengeId
        self.eventSlug = eventSlug
        self.territorySlug = territorySlug
        self.summary = summary
        self.retained = retained
        self.nextSteps = nextSteps
        self.revision = revision
        self.author = author
        self.updatedAt = updatedAt
        self.signedRevision = signedRevision
        self.signedBy = signedBy
        self.signedAt = signedAt
    }

    /// Whether its latest revision is the co-signed one.
    public var isSignedAsIs: Bool { signedRevision != 0 && signedRevision == revision }

    /// The revision this snapshot records, as the history keeps it: its content,
    /// signed only if that very revision was co-signed.
    public var asRevision: Synthesis {
        var copy = self
        if !isSignedAsIs {
            copy.signedRevision = 0
            copy.signedBy = ""
            copy.signedAt = nil
        }
        return copy
    }
}

/// An idea the territory retains, with its reason.
public struct RetainedIdea: Sendable, Equatable {
    public var ideaId: Int64
    public var reason: String

    public init(ideaId: Int64, reason: String) {
        self.ideaId = ideaId
        self.reason = reason
    }
}

/// What a moderator saves: the whole synthesis (a save replaces it and is a new revision).
public struct SynthesisDraft: Sendable, Equatable {
    public var challengeId: Int64
    public var summary: String
    public var retained: [RetainedIdea]
    public var nextSteps: String

    public init(challengeId: Int64, summary: String, retained: [RetainedIdea], nextSteps: String) {
        self.challengeId = challengeId
        self.summary = summary
        self.retained = retained
        self.nextSteps = nextSteps
    }
}
