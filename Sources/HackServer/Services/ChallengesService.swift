import HackDomain
import HackProtocol

/// hack.v1.Challenges: what each territory asks of the hackers.
enum ChallengesService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Challenges.create, permission: .eventsManage, on: app, command: { request, caller, state throws(RPCError) in
            _ = try caller.visible(state.event(slug: request.eventSlug), notFound: "event \"\(request.eventSlug)\" not found") {
                Access.mayManageEvent(caller.principal, event: $0.slug)
            }
            return .createChallenge(ChallengeDraft(
                eventSlug: request.eventSlug, territorySlug: request.territorySlug,
                title: request.title, context: request.context, themes: request.themes))
        }, answer: challengeAnswer)

        router.unary(Methods.Challenges.list, permission: .eventsRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let event = try caller.readableEvent(request.eventSlug, in: state)
            var response = Hack_V1_ListChallengesResponse()
            response.challenges = state.challenges(eventSlug: event.slug).map(Hack_V1_Challenge.init)
            return response
        }

        router.unary(Methods.Challenges.get, permission: .eventsRead) { [app] request, caller throws(RPCError) in
            Hack_V1_Challenge(try caller.readableChallenge(request.id, in: app.committed))
        }

        router.write(Methods.Challenges.update, permission: .challengesUpdate, on: app, command: { request, caller, state throws(RPCError) in
            let id = try resourceId(request.id, field: "id")
            _ = try caller.visible(state.challenge(id: id), notFound: "challenge \(id) not found") {
                Access.mayUpdateChallenge(caller.principal, $0)
            }
            let mask = try UpdateMask(request.updateMask, allowed: ["title", "context", "themes"])
            return .updateChallenge(id: id, ChallengePatch(
                title: try mask.pick("title", request.challenge.title),
                context: try mask.pick("context", request.challenge.context),
                themes: try mask.pick("themes", request.challenge.themes)))
        }, answer: challengeAnswer)
    }

    private static func challengeAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Challenge {
        Hack_V1_Challenge(change.challenge!)
    }
}

extension Caller {
    func readableChallenge(_ rawId: UInt64, in state: HackState) throws(RPCError) -> Challenge {
        let id = try resourceId(rawId, field: "id")
        return try visible(state.challenge(id: id), notFound: "challenge \(id) not found") {
            Access.mayReadEvent(principal, event: $0.eventSlug)
        }
    }
}
