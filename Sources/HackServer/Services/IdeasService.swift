import HackDomain
import HackProtocol

/// hack.v1.Ideas: what teams propose; every edit is kept as a revision.
enum IdeasService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Ideas.create, on: app, command: { request throws(RPCError) in
            .createIdea(IdeaDraft(teamId: try resourceId(request.teamID, field: "team_id"),
                                  title: request.title, pitch: request.pitch, body: request.body))
        }, answer: ideaAnswer)

        router.unary(Methods.Ideas.list) { [unowned app] request throws(RPCError) in
            let state = app.committed
            _ = try state.requireEvent(request.eventSlug)
            let challengeId = request.challengeID == 0
                ? nil : try resourceId(request.challengeID, field: "challenge_id")
            let teamId = request.teamID == 0 ? nil : try resourceId(request.teamID, field: "team_id")
            var response = Hack_V1_ListIdeasResponse()
            response.ideas = state.ideas(eventSlug: request.eventSlug, challengeId: challengeId, teamId: teamId)
                .map(Hack_V1_Idea.init)
            return response
        }

        router.unary(Methods.Ideas.get) { [unowned app] request throws(RPCError) in
            Hack_V1_Idea(try app.committed.requireIdea(request.id))
        }

        router.write(Methods.Ideas.update, on: app, command: { request throws(RPCError) in
            let mask = try UpdateMask(request.updateMask, allowed: ["title", "pitch", "body"])
            return .updateIdea(id: try resourceId(request.id, field: "id"), IdeaPatch(
                title: try mask.pick("title", request.idea.title),
                pitch: try mask.pick("pitch", request.idea.pitch),
                body: try mask.pick("body", request.idea.body)))
        }, answer: ideaAnswer)

        router.unary(Methods.Ideas.listRevisions) { [unowned app] request throws(RPCError) in
            let idea = try app.committed.requireIdea(request.id)
            var response = Hack_V1_ListIdeaRevisionsResponse()
            response.revisions = app.committed.revisions(ideaId: idea.id).map(Hack_V1_IdeaRevision.init)
            return response
        }
    }

    private static func ideaAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Idea {
        Hack_V1_Idea(change.idea!)
    }
}
