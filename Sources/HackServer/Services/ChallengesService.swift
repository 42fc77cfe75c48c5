import HackDomain
import HackProtocol

/// hack.v1.Challenges: what each territory asks of the hackers.
enum ChallengesService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Challenges.create, on: app, command: { request throws(RPCError) in
            .createChallenge(ChallengeDraft(
                eventSlug: request.eventSlug, territorySlug: request.territorySlug,
                title: request.title, context: request.context, themes: request.themes))
        }, answer: challengeAnswer)

        router.unary(Methods.Challenges.list) { [unowned app] request throws(RPCError) in
            let state = app.committed
            _ = try state.requireEvent(request.eventSlug)
            var response = Hack_V1_ListChallengesResponse()
            response.challenges = state.challenges(eventSlug: request.eventSlug).map(Hack_V1_Challenge.init)
            return response
        }

        router.unary(Methods.Challenges.get) { [unowned app] request throws(RPCError) in
            Hack_V1_Challenge(try app.committed.requireChallenge(request.id))
        }

        router.write(Methods.Challenges.update, on: app, command: { request throws(RPCError) in
            let mask = try UpdateMask(request.updateMask, allowed: ["title", "context", "themes"])
            return .updateChallenge(id: try resourceId(request.id, field: "id"), ChallengePatch(
                title: try mask.pick("title", request.challenge.title),
                context: try mask.pick("context", request.challenge.context),
                themes: try mask.pick("themes", request.challenge.themes)))
        }, answer: challengeAnswer)
    }

    private static func challengeAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Challenge {
        Hack_V1_Challenge(change.challenge!)
    }
}
