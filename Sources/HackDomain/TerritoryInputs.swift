/// The fields of a new territory.
public struct TerritoryDraft: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var representative: Person

    public init(slug: String, name: String, representative: Person) {
        self.slug = slug
        self.name = name
        self.representative = representative
    }
}

/// The fields to change on a territory; nil keeps the current value.
public struct TerritoryPatch: Sendable, Equatable {
    public var name: String?
    public var representative: Person?

    public init(name: String? = nil, representative: Person? = nil) {
        self.name = name
        self.representative = representative
    }
}
