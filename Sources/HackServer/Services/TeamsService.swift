import HackDomain
import HackProtocol

/// hack.v1.Teams: the hackers, each team on one challenge.
enum TeamsService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Teams.create, on: app, command: { request throws(RPCError) in
            .createTeam(TeamDraft(challengeId: try resourceId(request.challengeID, field: "challenge_id"),
                                  name: request.name, members: request.members.map(Person.init)))
        }, answer: teamAnswer)

        router.unary(Methods.Teams.list) { [unowned app] request throws(RPCError) in
            let state = app.committed
            _ = try state.requireEvent(request.eventSlug)
            let challengeId = request.challengeID == 0
                ? nil : try resourceId(request.challengeID, field: "challenge_id")
            var response = Hack_V1_ListTeamsResponse()
            response.teams = state.teams(eventSlug: request.eventSlug, challengeId: challengeId)
                .map(Hack_V1_Team.init)
            return response
        }

        router.unary(Methods.Teams.get) { [unowned app] request throws(RPCError) in
            Hack_V1_Team(try app.committed.requireTeam(request.id))
        }

        router.write(Methods.Teams.update, on: app, command: { request throws(RPCError) in
            let mask = try UpdateMask(request.updateMask, allowed: ["name", "members"])
            return .updateTeam(id: try resourceId(request.id, field: "id"), TeamPatch(
                name: try mask.pick("name", request.team.name),
                members: try mask.pick("members", request.team.members.map(Person.init))))
        }, answer: teamAnswer)
    }

    private static func teamAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Team {
        Hack_V1_Team(change.team!)
    }
}
