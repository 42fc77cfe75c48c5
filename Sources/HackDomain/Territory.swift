/// Someone named with what they do: a territory's representative or a team member.
public struct Person: Sendable, Equatable, Hashable {
    public var name: String
    public var role: String

    public init(name: String, role: String = "") {
        self.name = name
        self.role = role
    }
}

/// A local authority that poses challenges. Territories outlive events:
/// the same territory may pose a challenge at several events.
public struct Territory: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var representative: Person

    public init(slug: String, name: String, representative: Person) {
        self.slug = slug
        self.name = name
        self.representative = representative
    }
}
