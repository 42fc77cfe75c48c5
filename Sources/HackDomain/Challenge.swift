/// The problem one territory poses at one event (at most one per pair).
public struct Challenge: Sendable, Equatable {
    public var id: Int64
    public var eventSlug: String
    public var territorySlug: String
    public var title: String
    public var context: String
    /// In the order given.
    public var themes: [String]

    public init(id: Int64, eventSlug: String, territorySlug: String, title: String, context: String, themes: [String]) {
        self.id = id
        self.eventSlug = eventSlug
        self.territorySlug = territorySlug
        self.title = title
        self.context = context
        self.themes = themes
    }
}
