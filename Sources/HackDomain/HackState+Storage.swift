/// `HackState`'s tables behind one reference: copies share it, and the first
/// write to a shared one copies the tables (copy on write), so reads that
/// take the state by value cost a retain, not one per table.
final class HackStateStorage: @unchecked Sendable {
    // Mutated only while uniquely referenced (`HackState.makeUnique`).
    var tables: HackStateTables

    init(_ tables: HackStateTables = HackStateTables()) {
        self.tables = tables
    }
}

extension HackState {
    /// Gives this state its own tables before a write.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = HackStateStorage(storage.tables) }
    }

    var eventsBySlug: [String: Event] {
        get { storage.tables.eventsBySlug }
        _modify {
            makeUnique()
            yield &storage.tables.eventsBySlug
        }
    }

    var eventOrder: [EventOrderKey] {
        get { storage.tables.eventOrder }
        _modify {
            makeUnique()
            yield &storage.tables.eventOrder
        }
    }

    var territoriesBySlug: [String: Territory] {
        get { storage.tables.territoriesBySlug }
        _modify {
            makeUnique()
            yield &storage.tables.territoriesBySlug
        }
    }

    var territoryOrder: [String] {
        get { storage.tables.territoryOrder }
        _modify {
            makeUnique()
            yield &storage.tables.territoryOrder
        }
    }

    var challengesById: IdTable<Challenge> {
        get { storage.tables.challengesById }
        _modify {
            makeUnique()
            yield &storage.tables.challengesById
        }
    }

    var challengeIdsByEvent: [String: [Int64]] {
        get { storage.tables.challengeIdsByEvent }
        _modify {
            makeUnique()
            yield &storage.tables.challengeIdsByEvent
        }
    }

    var challengeIdByEventTerritory: [String: [String: Int64]] {
        get { storage.tables.challengeIdByEventTerritory }
        _modify {
            makeUnique()
            yield &storage.tables.challengeIdByEventTerritory
        }
    }

    var teamsById: IdTable<Team> {
        get { storage.tables.teamsById }
        _modify {
            makeUnique()
            yield &storage.tables.teamsById
        }
    }

    var teamIdsByEvent: [String: [Int64]] {
        get { storage.tables.teamIdsByEvent }
        _modify {
            makeUnique()
            yield &storage.tables.teamIdsByEvent
        }
    }

    var teamIdsByChallenge: [Int64: [Int64]] {
        get { storage.tables.teamIdsByChallenge }
        _modify {
            makeUnique()
            yield &storage.tables.teamIdsByChallenge
        }
    }

    var teamIdByEventName: [String: [ExactText: Int64]] {
        get { storage.tables.teamIdByEventName }
        _modify {
            makeUnique()
            yield &storage.tables.teamIdByEventName
        }
    }

    var ideasById: IdTable<Idea> {
        get { storage.tables.ideasById }
        _modify {
            makeUnique()
            yield &storage.tables.ideasById
        }
    }

    var ideaIdsByEvent: [String: [Int64]] {
        get { storage.tables.ideaIdsByEvent }
        _modify {
            makeUnique()
            yield &storage.tables.ideaIdsByEvent
        }
    }

    var ideaIdsByChallenge: [Int64: [Int64]] {
        get { storage.tables.ideaIdsByChallenge }
        _modify {
            makeUnique()
            yield &storage.tables.ideaIdsByChallenge
        }
    }

    var ideaIdsByTeam: [Int64: [Int64]] {
        get { storage.tables.ideaIdsByTeam }
        _modify {
            makeUnique()
            yield &storage.tables.ideaIdsByTeam
        }
    }

    var earlierRevisionsByIdea: IdTable<[IdeaRevision]> {
        get { storage.tables.earlierRevisionsByIdea }
        _modify {
            makeUnique()
            yield &storage.tables.earlierRevisionsByIdea
        }
    }

    var runsBySlug: [String: EventRun] {
        get { storage.tables.runsBySlug }
        _modify {
            makeUnique()
            yield &storage.tables.runsBySlug
        }
    }

    var judging: JudgingBook {
        get { storage.tables.judging }
        _modify {
            makeUnique()
            yield &storage.tables.judging
        }
    }

    var tokensById: IdTable<TokenRecord> {
        get { storage.tables.tokensById }
        _modify {
            makeUnique()
            storage.tables.tokensVersion &+= 1
            yield &storage.tables.tokensById
        }
    }

    /// Changes whenever a token is written (issued, revoked, restored): what
    /// was found in the token table stays true while it does not change.
    public var tokensVersion: UInt64 { storage.tables.tokensVersion }

    var tokenIdsByEvent: [String?: [Int64]] {
        get { storage.tables.tokenIdsByEvent }
        _modify {
            makeUnique()
            yield &storage.tables.tokenIdsByEvent
        }
    }

    var voteBook: VoteBook {
        get { storage.tables.voteBook }
        _modify {
            makeUnique()
            yield &storage.tables.voteBook
        }
    }

    var synthesesByChallenge: [Int64: Synthesis] {
        get { storage.tables.synthesesByChallenge }
        _modify {
            makeUnique()
            yield &storage.tables.synthesesByChallenge
        }
    }

    var synthesisRevisionsByChallenge: [Int64: [Synthesis]] {
        get { storage.tables.synthesisRevisionsByChallenge }
        _modify {
            makeUnique()
            yield &storage.tables.synthesisRevisionsByChallenge
        }
    }

    var nextChallengeId: Int64 {
        get { storage.tables.nextChallengeId }
        _modify {
            makeUnique()
            yield &storage.tables.nextChallengeId
        }
    }

    var nextTeamId: Int64 {
        get { storage.tables.nextTeamId }
        _modify {
            makeUnique()
            yield &storage.tables.nextTeamId
        }
    }

    var nextIdeaId: Int64 {
        get { storage.tables.nextIdeaId }
        _modify {
            makeUnique()
            yield &storage.tables.nextIdeaId
        }
    }

    var nextTokenId: Int64 {
        get { storage.tables.nextTokenId }
        _modify {
            makeUnique()
            yield &storage.tables.nextTokenId
        }
    }
}
