import Dispatch
import HackDomain

extension StateLoader {
    /// One pass over the ideas (in two halves when there are many); only
    /// edited ideas (revision > 1) are then looked up for their earlier
    /// revisions, by index: a million ideas that were never edited cost no
    /// read of `idea_revisions` at all.
    func loadIdeas(into state: inout HackState) throws(SQLiteError) {
        let count = Int(try database.scalarInt64("SELECT count(*) FROM ideas"))
        state.reserveIdeaCapacity(count)
        var edited: [Idea] = []
        func restore(_ idea: Idea) {
            state.restore(idea: idea)
            if idea.revision > 1 { edited.append(idea) }
        }
        if count >= ideasInTwoHalvesFrom, count >= 2 {
            let low = try database.scalarInt64("SELECT min(id) FROM ideas")
            let middle = low + (try database.scalarInt64("SELECT max(id) FROM ideas") - low) / 2
            let openSecondConnection = openSecondConnection
            let upperHalf = IdeasReadElsewhere()
            let reading = DispatchGroup()
            DispatchQueue.global().async(group: reading) {
                upperHalf.result = Result { () throws(SQLiteError) in
                    let second = try openSecondConnection()
                    defer { second.close() }
                    var ideas: [Idea] = []
                    ideas.reserveCapacity(count / 2 + 1)
                    try Self.readIdeas(from: second, above: middle) { ideas.append($0) }
                    return ideas
                }
            }
            let lowerHalf = Result { () throws(SQLiteError) in
                try Self.readIdeas(from: database, above: nil, through: middle) { restore($0) }
            }
            reading.wait()
            try lowerHalf.get()
            for idea in try upperHalf.result.get() { restore(idea) }
        } else {
            try Self.readIdeas(from: database, above: nil) { restore($0) }
        }
        try loadEarlierRevisions(of: edited, into: &state)
    }

    /// The ideas with ids in (`above`, `through`], in id order (nil: unbounded).
    private static func readIdeas(from database: SQLiteDatabase, above: Int64?, through: Int64? = nil,
                                  _ each: (Idea) -> Void) throws(SQLiteError) {
        let rows = try database.prepare("""
            SELECT id, team_id, challenge_id, title, pitch, body, revision, created_at, updated_at
            FROM ideas WHERE id > ?1 AND id <= ?2 ORDER BY id
            """)
        try rows.bind(above ?? .min, at: 1)
        try rows.bind(through ?? .max, at: 2)
        while try rows.step() {
            each(Idea(
                id: rows.int64(at: 0), teamId: rows.int64(at: 1), challengeId: rows.int64(at: 2), title: rows.string(at: 3),
                pitch: rows.string(at: 4), body: rows.string(at: 5), revision: rows.int(at: 6),
                createdAt: rows.int64(at: 7), updatedAt: rows.int64(at: 8)))
        }
    }

    private func loadEarlierRevisions(of edited: [Idea], into state: inout HackState) throws(SQLiteError) {
        let earlier = try database.prepare("""
            SELECT revision, title, pitch, body, at FROM idea_revisions
            WHERE idea_id = ?1 AND revision < ?2 ORDER BY revision
            """)
        for idea in edited {
            earlier.reset()
            try earlier.bind(idea.id, at: 1)
            try earlier.bind(idea.revision, at: 2)
            var history: [IdeaRevision] = []
            while try earlier.step() {
                history.append(IdeaRevision(
                    ideaId: idea.id, revision: earlier.int(at: 0), title: earlier.string(at: 1),
                    pitch: earlier.string(at: 2), body: earlier.string(at: 3), at: earlier.int64(at: 4)))
            }
            state.restore(idea: idea, earlierRevisions: history)
        }
    }
}

/// What the second thread read, handed back once it is done (the
/// `DispatchGroup` wait orders the write before the read).
private final class IdeasReadElsewhere: @unchecked Sendable {
    var result: Result<[Idea], SQLiteError> = .success([])
}
