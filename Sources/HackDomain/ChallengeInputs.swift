/// The fields of a new challenge: which territory poses it at which event.
public struct ChallengeDraft: Sendable, Equatable {
    public var eventSlug: String
    public var territorySlug: String
    public var title: String
    public var context: String
    public var themes: [String]

    public init(eventSlug: String, territorySlug: String, title: String, context: String = "", themes: [String] = []) {
        self.eventSlug = eventSlug
        self.territorySlug = territorySlug
        self.title = title
        self.context = context
        self.themes = themes
    }
}

/// The fields to change on a challenge; nil keeps the current value.
/// Event and territory are fixed: moving a challenge would orphan its teams' context.
public struct ChallengePatch: Sendable, Equatable {
    public var title: String?
    public var context: String?
    /// Replaces the whole list when set.
    public var themes: [String]?

    public init(title: String? = nil, context: String? = nil, themes: [String]? = nil) {
        self.title = title
        self.context = context
        self.themes = themes
    }
}
