import HackDomain
import HackProtocol

/// hack.v1.Teams: the hackers, each team on one challenge.
enum TeamsService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Teams.create, permission: .teamsCreate, on: app, command: { request, caller, state throws(RPCError) in
            let challengeId = try resourceId(request.challengeID, field: "challenge_id")
            _ = try caller.visible(state.challenge(id: challengeId), notFound: "challenge \(challengeId) not found") {
                Access.mayManageEvent(caller.principal, event: $0.eventSlug)
            }
            return .createTeam(TeamDraft(challengeId: challengeId, name: request.name,
                                         members: request.members.map(Person.init)))
        }, answer: teamAnswer)

        router.unary(Methods.Teams.list, permission: .eventsRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            let event = try caller.readableEvent(request.eventSlug, in: state)
            let challengeId = request.challengeID == 0
                ? nil : try resourceId(request.challengeID, field: "challenge_id")
            var response = Hack_V1_ListTeamsResponse()
            response.teams = state.teams(eventSlug: event.slug, challengeId: challengeId).map(Hack_V1_Team.init)
            return response
        }

        router.unary(Methods.Teams.get, permission: .eventsRead) { [app] request, caller throws(RPCError) in
            let id = try resourceId(request.id, field: "id")
            return Hack_V1_Team(try caller.visible(app.committed.team(id: id), notFound: "team \(id) not found") {
                Access.mayReadEvent(caller.principal, event: $0.eventSlug)
            })
        }

        router.write(Methods.Teams.update, permission: .teamsUpdate, on: app, command: { request, caller, state throws(RPCError) in
            let id = try resourceId(request.id, field: "id")
            _ = try caller.visible(state.team(id: id), notFound: "team \(id) not found") {
                Access.mayUpdateTeam(caller.principal, $0)
            }
            let mask = try UpdateMask(request.updateMask, allowed: ["name", "members"])
            return .updateTeam(id: id, TeamPatch(
                name: try mask.pick("name", request.team.name),
                members: try mask.pick("members", request.team.members.map(Person.init))))
        }, answer: teamAnswer)
    }

    private static func teamAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Team {
        Hack_V1_Team(change.team!)
    }
}
