import HackDomain
import HackProtocol

/// hack.v1.Votes: the audience vote during restitution. Organisers issue
/// one-time codes (shown once, stored hashed); anyone holding a code votes
/// once per challenge, without a token; the tally is live for organisers
/// and public to the event once it has finished.
enum VotesService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.unary(Methods.Votes.issueCodes, permission: .votesIssue, deferred: { [app] request, caller, reply in
            let codes: [String]
            let command: Command
            do throws(RPCError) {
                let state = app.decisionState
                _ = try caller.visible(state.event(slug: request.eventSlug), notFound: "event \"\(request.eventSlug)\" not found") {
                    Access.mayIssueVoterCodes(caller.principal, event: $0.slug)
                }
                let count = try codeCount(request.count, eventSlug: request.eventSlug, in: state)
                let made = VoterCodeSecret.make(count: count)
                codes = made.codes
                command = .issueVoterCodes(eventSlug: request.eventSlug, hashes: made.hashes)
            } catch {
                reply(.failure(error))
                return
            }
            app.execute(command, by: caller.principal, method: Methods.Votes.issueCodes.name) { result in
                reply(result.map { _ in
                    var response = Hack_V1_VoterCodes()
                    response.codes = codes.map(VoterCodeText.format)
                    return response
                })
            }
        })

        router.publicUnary(Methods.Votes.cast, permission: .votesCast, deferred: { [app] request, reply in
            let command: Command
            do throws(RPCError) {
                command = try castCommand(request)
            } catch {
                reply(.failure(error))
                return
            }
            app.execute(command, by: nil, method: Methods.Votes.cast.name) { result in
                reply(result.map { _ in
                    var response = Hack_V1_CastVoteResponse()
                    response.challengeID = request.challengeID
                    response.ideaID = request.ideaID
                    return response
                })
            }
        })

        router.unary(Methods.Votes.tally, permission: .votesRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let event = try caller.readableEvent(request.eventSlug, in: state)
            let finished = state.hasFinished(eventSlug: event.slug, at: caller.now)
            guard Access.mayReadVoteTally(caller.principal, event: event.slug, finished: finished) else {
                throw RPCError(.permissionDenied, "the vote tally of event \"\(event.slug)\" is revealed when the event finishes; "
                    + "until then \(caller.permission.denied.message)")
            }
            return Hack_V1_VoteTally(state.voteTally(eventSlug: event.slug), final: finished)
        }
    }

    /// The number of codes asked for, checked against both limits before any is made.
    private static func codeCount(_ requested: UInt32, eventSlug: String, in state: HackState) throws(RPCError) -> Int {
        let perCall = InputLimits.voterCodesPerCall
        guard requested >= perCall.lowerBound, requested <= perCall.upperBound else {
            throw .invalid("count", "must be \(perCall.lowerBound) to \(perCall.upperBound), got \(requested)")
        }
        let count = Int(requested)
        let held = state.voterCodeCount(eventSlug: eventSlug)
        guard held + count <= InputLimits.voterCodesPerEventMax else {
            throw .invalid("count", "event \"\(eventSlug)\" already has \(held) voter codes; "
                + "\(count) more would pass the limit of \(InputLimits.voterCodesPerEventMax)")
        }
        return count
    }

    private static func castCommand(_ request: Hack_V1_CastVoteRequest) throws(RPCError) -> Command {
        guard !request.eventSlug.isEmpty else { throw .invalid("event_slug", "must not be empty") }
        let challengeId = try resourceId(request.challengeID, field: "challenge_id")
        let ideaId = try resourceId(request.ideaID, field: "idea_id")
        let code: String
        do {
            code = try VoterCodeText.normalise(request.code)
        } catch {
            throw RPCError(error)
        }
        return .castVote(eventSlug: request.eventSlug, codeHash: VoterCodeSecret.hash(code),
                         challengeId: challengeId, ideaId: ideaId)
    }
}

extension Hack_V1_VoteTally {
    init(_ tally: VoteTally, final: Bool) {
        self.init()
        eventSlug = tally.eventSlug
        self.final = final
        codesIssued = UInt32(clamping: tally.codesIssued)
        codesUsed = UInt32(clamping: tally.codesUsed)
        challenges = tally.challenges.map { challenge in
            var wire = Hack_V1_ChallengeVotes()
            wire.challengeID = UInt64(challenge.challengeId)
            wire.ideas = challenge.ideas.map { idea in
                var votes = Hack_V1_IdeaVotes()
                votes.ideaID = UInt64(idea.ideaId)
                votes.title = idea.title
                votes.votes = UInt32(clamping: idea.votes)
                return votes
            }
            return wire
        }
    }
}
