import HackDomain
import HackProtocol

/// hack.v1.Syntheses: each territory's synthesis, written by its moderator during
/// synthesis, co-signed by its representative, public once restitution begins.
enum SynthesesService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Syntheses.save, permission: .synthesesWrite, on: app, command: { request, caller, state throws(RPCError) in
            let id = try resourceId(request.challengeID, field: "challenge_id")
            _ = try caller.visible(state.challenge(id: id), notFound: "synthesis of challenge \(id) not found") {
                Access.maySaveSynthesis(caller.principal, $0)
            }
            guard request.retained.count <= InputLimits.retainedIdeasMax else {
                throw .invalid("retained", "must list at most \(InputLimits.retainedIdeasMax) ideas")
            }
            var retained: [RetainedIdea] = []
            for (index, item) in request.retained.enumerated() {
                let ideaId = try resourceId(item.ideaID, field: "retained[\(index)].idea_id")
                retained.append(RetainedIdea(ideaId: ideaId, reason: item.reason))
            }
            return .saveSynthesis(SynthesisDraft(
                challengeId: id, summary: request.summary, retained: retained, nextSteps: request.nextSteps),
                author: caller.principal.token.name)
        }, answer: synthesisAnswer(app))

        router.write(Methods.Syntheses.coSign, permission: .synthesesSign, on: app, command: { request, caller, state throws(RPCError) in
            let id = try resourceId(request.challengeID, field: "challenge_id")
            _ = try caller.visible(state.challenge(id: id), notFound: "synthesis of challenge \(id) not found") {
                Access.mayCoSignSynthesis(caller.principal, $0)
            }
            return .coSignSynthesis(challengeId: id, revision: Int(request.revision), by: caller.principal.token.name)
        }, answer: synthesisAnswer(app))

        router.unary(Methods.Syntheses.get, permission: .synthesesRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let now = caller.now
            let challenge = try caller.synthesisChallenge(request.challengeID, in: state, at: now)
            guard let synthesis = state.synthesis(challengeId: challenge.id) else {
                throw RPCError(.notFound, "challenge \(challenge.id) has no synthesis yet")
            }
            return Hack_V1_Synthesis(synthesis, in: state, at: now)
        }

        router.unary(Methods.Syntheses.list, permission: .synthesesRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let now = caller.now
            let event = try caller.readableEvent(request.eventSlug, in: state)
            let published = state.isPublished(eventSlug: event.slug, at: now)
            var response = Hack_V1_ListSynthesesResponse()
            response.syntheses = state.syntheses(eventSlug: event.slug)
                .filter { state.mayRead($0, caller.principal, at: now) }
                .map { Hack_V1_Synthesis($0, in: state, published: published) }
            return response
        }

        router.unary(Methods.Syntheses.listRevisions, permission: .synthesesRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let now = caller.now
            let challenge = try caller.synthesisChallenge(request.challengeID, in: state, at: now)
            let published = state.isPublished(eventSlug: challenge.eventSlug, at: now)
            var response = Hack_V1_ListSynthesisRevisionsResponse()
            response.revisions = state.synthesisRevisions(challengeId: challenge.id)
                .map { Hack_V1_Synthesis($0, in: state, published: published) }
            return response
        }
    }

    /// Answers with the synthesis the change carries, as of now.
    private static func synthesisAnswer(_ app: HackApplication) -> (Change, HackState) -> Hack_V1_Synthesis {
        { [app] change, state in Hack_V1_Synthesis(change.synthesis!, in: state, at: app.clock.now()) }
    }
}

extension Caller {
    /// A challenge whose synthesis the caller may read at `now`; whether it has one
    /// is told only to those who may read it.
    func synthesisChallenge(_ rawId: UInt64, in state: HackState, at now: Millis) throws(RPCError) -> Challenge {
        let id = try resourceId(rawId, field: "challenge_id")
        return try visible(state.challenge(id: id), notFound: "synthesis of challenge \(id) not found") {
            state.mayReadSynthesis(of: $0, principal, at: now)
        }
    }
}
