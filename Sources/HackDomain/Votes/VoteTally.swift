/// The audience vote of an event as counted now: per challenge, its ideas
/// by votes (most first, then by id), and how many codes were issued and used.
public struct VoteTally: Sendable, Equatable {
    public var eventSlug: String
    public var codesIssued: Int
    public var codesUsed: Int
    /// By challenge id.
    public var challenges: [ChallengeVotes]

    public struct ChallengeVotes: Sendable, Equatable {
        public var challengeId: Int64
        /// Every idea of the challenge, those without votes last.
        public var ideas: [IdeaVotes]
    }

    public struct IdeaVotes: Sendable, Equatable {
        public var ideaId: Int64
        public var title: String
        public var votes: Int
    }
}

extension HackState {
    /// The tally of the event's vote (empty for an unknown event).
    public func voteTally(eventSlug: String) -> VoteTally {
        let challenges = challenges(eventSlug: eventSlug).map { challenge in
            let ideas = ideas(eventSlug: eventSlug, challengeId: challenge.id, teamId: nil)
                .map { VoteTally.IdeaVotes(ideaId: $0.id, title: $0.title, votes: voteBook.voteCountByIdea[$0.id] ?? 0) }
                .sorted { ($0.votes, -$0.ideaId) > ($1.votes, -$1.ideaId) }
            return VoteTally.ChallengeVotes(challengeId: challenge.id, ideas: ideas)
        }
        return VoteTally(
            eventSlug: eventSlug, codesIssued: voterCodeCount(eventSlug: eventSlug),
            codesUsed: voteBook.usedCodeCountByEvent[eventSlug] ?? 0, challenges: challenges)
    }

    /// How many voter codes the event has (the limit is `InputLimits.voterCodesPerEventMax`).
    public func voterCodeCount(eventSlug: String) -> Int {
        voteBook.codeCountByEvent[eventSlug] ?? 0
    }

    /// The code with this hash, whatever its event.
    public func voterCode(hash: [UInt8]) -> VoterCode? {
        voteBook.codeIdByHash[hash].flatMap { voteBook.codesById[$0] }
    }

    /// The vote of a code in a challenge, if it voted there.
    public func vote(codeId: Int64, challengeId: Int64) -> Vote? {
        voteBook.votes[VoteBook.Key(codeId: codeId, challengeId: challengeId)]
    }

    /// Whether the event's run, caught up at `now`, has finished: the tally is then public.
    public func hasFinished(eventSlug: String, at now: Millis) -> Bool {
        guard let event = event(slug: eventSlug) else { return false }
        return run(of: event, at: now).status == .finished
    }
}
