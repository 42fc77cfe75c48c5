/// The judging part of the state: each event's rubric and every score.
/// Kept apart from the other tables of `HackState` so judging adds one field.
public struct JudgingBook: Sendable, Equatable {
    var rubricsByEvent: [String: Rubric] = [:]
    /// Idea id → its scores, by juror token id.
    var scoresByIdea: [Int64: [Score]] = [:]
    /// Event slug → how many scores its ideas hold: a rubric is locked once there is one.
    var scoreCountByEvent: [String: Int] = [:]

    public init() {}

    /// Upserts the score, keeping the idea's scores sorted by juror; `eventSlug` is the idea's event.
    mutating func record(_ score: Score, eventSlug: String?) {
        var scores = scoresByIdea.removeValue(forKey: score.ideaId) ?? []
        if let index = scores.firstIndex(where: { $0.jurorTokenId == score.jurorTokenId }) {
            scores[index] = score
        } else {
            let index = scores.firstIndex { $0.jurorTokenId > score.jurorTokenId } ?? scores.endIndex
            scores.insert(score, at: index)
            if let eventSlug { scoreCountByEvent[eventSlug, default: 0] += 1 }
        }
        scoresByIdea[score.ideaId] = scores
    }
}

extension HackState {
    public func rubric(eventSlug: String) -> Rubric? {
        judging.rubricsByEvent[eventSlug]
    }

    /// By juror token id.
    public func scores(ideaId: Int64) -> [Score] {
        judging.scoresByIdea[ideaId] ?? []
    }

    public func score(ideaId: Int64, jurorTokenId: Int64) -> Score? {
        scores(ideaId: ideaId).first { $0.jurorTokenId == jurorTokenId }
    }

    /// By idea id, then juror token id. With a challenge: only its ideas' (none if not in the event).
    public func scores(eventSlug: String, challengeId: Int64?) -> [Score] {
        ideas(eventSlug: eventSlug, challengeId: challengeId, teamId: nil).flatMap { scores(ideaId: $0.id) }
    }

    /// How many scores the event's ideas hold.
    public func scoreCount(eventSlug: String) -> Int {
        judging.scoreCountByEvent[eventSlug] ?? 0
    }

    // MARK: Applying and restoring

    mutating func applyJudging(_ change: Change) {
        switch change {
        case .rubricSet(let rubric):
            judging.rubricsByEvent[rubric.eventSlug] = rubric
        case .ideaScored(let score):
            judging.record(score, eventSlug: challengesById[score.challengeId]?.eventSlug)
        default:
            break
        }
    }

    /// A rubric as stored; its event should be restored first.
    public mutating func restore(rubric: Rubric) {
        judging.rubricsByEvent[rubric.eventSlug] = rubric
    }

    /// A score as stored; its idea's challenge must be restored first (the score counts for its event).
    public mutating func restore(score: Score) {
        judging.record(score, eventSlug: challengesById[score.challengeId]?.eventSlug)
    }
}
