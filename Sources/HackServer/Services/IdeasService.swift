import HackDomain
import HackProtocol

/// hack.v1.Ideas: what teams propose; every edit is kept as a revision.
enum IdeasService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Ideas.create, permission: .ideasWrite, on: app, command: { request, caller, state throws(RPCError) in
            let teamId = try resourceId(request.teamID, field: "team_id")
            _ = try caller.visible(state.team(id: teamId), notFound: "team \(teamId) not found") {
                Access.mayCreateIdea(caller.principal, team: $0)
            }
            return .createIdea(IdeaDraft(teamId: teamId, title: request.title, pitch: request.pitch, body: request.body))
        }, answer: ideaAnswer)

        router.unary(Methods.Ideas.list, permission: .ideasRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let now = caller.now
            let event = try caller.readableEvent(request.eventSlug, in: state)
            let challengeId = request.challengeID == 0
                ? nil : try resourceId(request.challengeID, field: "challenge_id")
            let teamId = request.teamID == 0 ? nil : try resourceId(request.teamID, field: "team_id")
            var response = Hack_V1_ListIdeasResponse()
            response.ideas = state.ideas(eventSlug: event.slug, challengeId: challengeId, teamId: teamId)
                .filter { state.mayRead($0, caller.principal, at: now) }
                .map(Hack_V1_Idea.init)
            return response
        }

        router.unary(Methods.Ideas.get, permission: .ideasRead) { [app] request, caller throws(RPCError) in
            Hack_V1_Idea(try caller.readableIdea(request.id, in: app.committed, at: caller.now))
        }

        router.write(Methods.Ideas.update, permission: .ideasWrite, on: app, command: { request, caller, state throws(RPCError) in
            let id = try resourceId(request.id, field: "id")
            _ = try caller.visible(state.idea(id: id), notFound: "idea \(id) not found") { idea in
                state.team(id: idea.teamId).map { Access.mayUpdateIdea(caller.principal, idea, team: $0) } ?? false
            }
            let mask = try UpdateMask(request.updateMask, allowed: ["title", "pitch", "body"])
            return .updateIdea(id: id, IdeaPatch(
                title: try mask.pick("title", request.idea.title),
                pitch: try mask.pick("pitch", request.idea.pitch),
                body: try mask.pick("body", request.idea.body)))
        }, answer: ideaAnswer)

        router.unary(Methods.Ideas.listRevisions, permission: .ideasRead) { [app] request, caller throws(RPCError) in
            let idea = try caller.readableIdea(request.id, in: app.committed, at: caller.now)
            var response = Hack_V1_ListIdeaRevisionsResponse()
            response.revisions = app.committed.revisions(ideaId: idea.id).map(Hack_V1_IdeaRevision.init)
            return response
        }
    }

    private static func ideaAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Idea {
        Hack_V1_Idea(change.idea!)
    }
}

extension Caller {
    /// An idea the caller may read at `now` (retained ideas become public at restitution).
    func readableIdea(_ rawId: UInt64, in state: HackState, at now: Millis) throws(RPCError) -> Idea {
        let id = try resourceId(rawId, field: "id")
        return try visible(state.idea(id: id), notFound: "idea \(id) not found") { state.mayRead($0, principal, at: now) }
    }
}
