/// How the ideas of an event are scored: weighted criteria on one scale.
/// An event has at most one; it is locked once any of its ideas is scored,
/// so every score of the event is read against the same rubric.
public struct Rubric: Sendable, Equatable {
    public var eventSlug: String
    /// 1 to `InputLimits.rubricCriteriaCount`, in display order; keys are unique.
    public var criteria: [Criterion]
    /// A value's lowest and highest (`scaleMin < scaleMax <= InputLimits.scaleMax`).
    public var scaleMin: Int
    public var scaleMax: Int

    public init(eventSlug: String, criteria: [Criterion], scaleMin: Int, scaleMax: Int) {
        self.eventSlug = eventSlug
        self.criteria = criteria
        self.scaleMin = scaleMin
        self.scaleMax = scaleMax
    }

    /// The weighted mean of values given in criteria order: a total on the rubric's scale.
    public func total(of values: [Int]) -> Double {
        var sum = 0.0
        var weights = 0.0
        for (criterion, value) in zip(criteria, values) {
            sum += Double(criterion.weight * value)
            weights += Double(criterion.weight)
        }
        return weights == 0 ? 0 : sum / weights
    }
}

/// One criterion of a rubric, e.g. « Impact pour le territoire » weighing 3.
public struct Criterion: Sendable, Equatable {
    /// `[a-z0-9-]`, unique in the rubric: what scores name it by.
    public var key: String
    public var name: String
    /// 1 to 100.
    public var weight: Int
    public var description: String

    public init(key: String, name: String, weight: Int, description: String = "") {
        self.key = key
        self.name = name
        self.weight = weight
        self.description = description
    }
}
