import Foundation

/// One juror's score of one idea. A juror has at most one score per idea;
/// scoring again replaces it (the revision counts the changes).
public struct Score: Sendable, Equatable {
    public var ideaId: Int64
    /// The idea's challenge, kept here so rankings need no lookup.
    public var challengeId: Int64
    /// The juror is the token that scored: its id and name (copied: it reads the same later).
    public var jurorTokenId: Int64
    public var jurorName: String
    /// One per criterion, in the rubric's order.
    public var values: [CriterionValue]
    /// The weighted mean of the values, on the rubric's scale.
    public var total: Double
    /// 1, then +1 per change.
    public var revision: Int
    public var updatedAt: Millis

    public init(
        ideaId: Int64, challengeId: Int64, jurorTokenId: Int64, jurorName: String, values: [CriterionValue],
        total: Double, revision: Int, updatedAt: Millis
    ) {
        self.ideaId = ideaId
        self.challengeId = challengeId
        self.jurorTokenId = jurorTokenId
        self.jurorName = jurorName
        self.values = values
        self.total = total
        self.revision = revision
        self.updatedAt = updatedAt
    }

    /// The total with two decimals, e.g. "3.29": how logs and tables show it.
    public var totalText: String { String(format: "%.2f", total) }
}

/// A value given to one criterion, named by its key.
public struct CriterionValue: Sendable, Equatable {
    public var criterion: String
    public var value: Int

    public init(criterion: String, value: Int) {
        self.criterion = criterion
        self.value = value
    }
}
