/// The audience vote's part of the state: the codes issued and the votes
/// cast, with the counts a tally needs kept up to date on every write, so a
/// tally never walks the votes.
struct VoteBook: Sendable {
    var codesById = IdTable<VoterCode>()
    var codeIdByHash: [[UInt8]: Int64] = [:]
    var codeCountByEvent: [String: Int] = [:]
    var votes: [Key: Vote] = [:]
    /// Codes that voted at least once, by event.
    var usedCodeCountByEvent: [String: Int] = [:]
    var challengeCountByCode: [Int64: Int] = [:]
    var voteCountByIdea: [Int64: Int] = [:]
    var nextCodeId: Int64 = 1

    struct Key: Hashable, Sendable {
        let codeId: Int64
        let challengeId: Int64
    }

    /// Adds a code; a code already held (same id) is left as it is.
    mutating func insert(_ code: VoterCode) {
        guard codesById[code.id] == nil else { return }
        codesById[code.id] = code
        codeIdByHash[code.hash] = code.id
        codeCountByEvent[code.eventSlug, default: 0] += 1
        nextCodeId = max(nextCodeId, code.id + 1)
    }

    /// Adds a vote; a second vote of the same code in the same challenge is ignored (replays are harmless).
    mutating func insert(_ vote: Vote) {
        let key = Key(codeId: vote.codeId, challengeId: vote.challengeId)
        guard votes[key] == nil, let code = codesById[vote.codeId] else { return }
        votes[key] = vote
        voteCountByIdea[vote.ideaId, default: 0] += 1
        challengeCountByCode[vote.codeId, default: 0] += 1
        if challengeCountByCode[vote.codeId] == 1 { usedCodeCountByEvent[code.eventSlug, default: 0] += 1 }
    }
}

extension VoteBook: Equatable {
    /// Equal when they hold the same codes and votes; the counts derive from them.
    static func == (lhs: VoteBook, rhs: VoteBook) -> Bool {
        lhs.codesById == rhs.codesById && lhs.votes == rhs.votes && lhs.nextCodeId == rhs.nextCodeId
    }
}
