import HackDomain

/// Rows for the audience vote: codes (their hashes) and votes, inserted
/// once; a code or a vote written twice is a constraint error.
extension ChangeWriter {
    func insert(_ codes: [VoterCode]) throws(SQLiteError) {
        let row = try database.cached("INSERT INTO voter_codes (id, event_slug, code_hash, created_at) VALUES (?, ?, ?, ?)")
        for code in codes {
            row.reset()
            try row.bind(.integer(code.id), .text(code.eventSlug), .blob(code.hash), .integer(code.createdAt))
            try row.run()
        }
    }

    func insert(_ vote: Vote) throws(SQLiteError) {
        let row = try database.cached("INSERT INTO votes (code_id, challenge_id, idea_id, at) VALUES (?, ?, ?, ?)")
        try row.bind(.integer(vote.codeId), .integer(vote.challengeId), .integer(vote.ideaId), .integer(vote.at))
        try row.run()
    }
}

extension StateLoader {
    /// Codes before votes: a vote is counted under its code's event.
    func loadVotes(into state: inout HackState) throws(SQLiteError) {
        let codes = try database.prepare("SELECT id, event_slug, code_hash, created_at FROM voter_codes ORDER BY id")
        while try codes.step() {
            state.restore(voterCode: VoterCode(
                id: codes.int64(at: 0), eventSlug: codes.string(at: 1), hash: codes.blob(at: 2), createdAt: codes.int64(at: 3)))
        }
        let votes = try database.prepare("SELECT code_id, challenge_id, idea_id, at FROM votes ORDER BY code_id, challenge_id")
        while try votes.step() {
            state.restore(vote: Vote(
                codeId: votes.int64(at: 0), challengeId: votes.int64(at: 1), ideaId: votes.int64(at: 2), at: votes.int64(at: 3)))
        }
    }
}
