/// Deciding the audience vote: issuing codes, casting votes.
extension HackState {
    /// Hashes of fresh codes for the event. The server made the codes, so a
    /// hash already held means a collision (~2⁻⁵⁹ per pair): refused, not merged.
    func decideIssueVoterCodes(eventSlug: String, hashes: [[UInt8]], at now: Millis) throws(DomainError) -> Change {
        guard eventsBySlug[eventSlug] != nil else { throw .notFound("event_slug", "event \"\(eventSlug)\"") }
        let perCall = InputLimits.voterCodesPerCall
        guard perCall.contains(hashes.count) else {
            throw .invalid("count", "must be \(perCall.lowerBound) to \(perCall.upperBound), got \(hashes.count)")
        }
        let held = voterCodeCount(eventSlug: eventSlug)
        guard held + hashes.count <= InputLimits.voterCodesPerEventMax else {
            throw .invalid("count", "event \"\(eventSlug)\" already has \(held) voter codes; "
                + "\(hashes.count) more would pass the limit of \(InputLimits.voterCodesPerEventMax)")
        }
        var seen = Set<[UInt8]>(minimumCapacity: hashes.count)
        var codes: [VoterCode] = []
        codes.reserveCapacity(hashes.count)
        for hash in hashes {
            guard hash.count == 32 else { throw .invalid("code_hash", "must be 32 bytes") }
            guard voteBook.codeIdByHash[hash] == nil, seen.insert(hash).inserted else {
                throw .alreadyExists("code_hash", "a voter code with this hash already exists")
            }
            let id = voteBook.nextCodeId + Int64(codes.count)
            codes.append(VoterCode(id: id, eventSlug: eventSlug, hash: hash, createdAt: now))
        }
        return .voterCodesIssued(eventSlug: eventSlug, codes: codes)
    }

    /// One vote of a code in a challenge of its event, during restitution.
    /// An unknown code (or one of another event) is refused without saying more.
    func decideCastVote(eventSlug: String, codeHash: [UInt8], challengeId: Int64, ideaId: Int64,
                        at now: Millis) throws(DomainError) -> Change {
        guard eventsBySlug[eventSlug] != nil else { throw .notFound("event_slug", "event \"\(eventSlug)\"") }
        try requireOpen(.castVote, eventSlug: eventSlug, at: now)
        guard let code = voterCode(hash: codeHash), code.eventSlug == eventSlug else {
            throw .invalid("code", "unknown voter code")
        }
        guard let challenge = challengesById[challengeId], challenge.eventSlug == eventSlug else {
            throw .notFound("challenge_id", "challenge \(challengeId) of event \"\(eventSlug)\"")
        }
        guard let idea = ideasById[ideaId] else { throw .notFound("idea_id", "idea \(ideaId)") }
        guard idea.challengeId == challengeId else {
            throw .invalid("idea_id", "idea \(ideaId) answers challenge \(idea.challengeId), not challenge \(challengeId)")
        }
        guard vote(codeId: code.id, challengeId: challengeId) == nil else {
            throw .failedPrecondition("code", "this code has already voted for challenge \(challengeId)")
        }
        return .voteCast(Vote(codeId: code.id, challengeId: challengeId, ideaId: ideaId, at: now))
    }

    // MARK: Applying and restoring

    mutating func applyVoterCodes(_ codes: [VoterCode]) {
        for code in codes { voteBook.insert(code) }
    }

    mutating func applyVote(_ vote: Vote) {
        voteBook.insert(vote)
    }

    /// A code as stored. Its event should be restored first.
    public mutating func restore(voterCode: VoterCode) {
        voteBook.insert(voterCode)
    }

    /// A vote as stored; its code must be restored first.
    public mutating func restore(vote: Vote) {
        voteBook.insert(vote)
    }
}
