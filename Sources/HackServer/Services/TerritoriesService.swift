import HackDomain
import HackProtocol

/// hack.v1.Territories: the places that pose challenges.
enum TerritoriesService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Territories.create, on: app, command: { request throws(RPCError) in
            .createTerritory(TerritoryDraft(slug: request.slug, name: request.name,
                                            representative: Person(request.representative)))
        }, answer: territoryAnswer)

        router.unary(Methods.Territories.list) { [unowned app] request throws(RPCError) in
            let state = app.committed
            if !request.eventSlug.isEmpty { _ = try state.requireEvent(request.eventSlug) }
            var response = Hack_V1_ListTerritoriesResponse()
            response.territories = state.territories(eventSlug: request.eventSlug.isEmpty ? nil : request.eventSlug)
                .map(Hack_V1_Territory.init)
            return response
        }

        router.unary(Methods.Territories.get) { [unowned app] request throws(RPCError) in
            Hack_V1_Territory(try app.committed.requireTerritory(request.slug))
        }

        router.write(Methods.Territories.update, on: app, command: { request throws(RPCError) in
            let mask = try UpdateMask(request.updateMask, allowed: ["name", "representative"])
            return .updateTerritory(slug: request.slug, TerritoryPatch(
                name: try mask.pick("name", request.territory.name),
                representative: try mask.pick("representative", Person(request.territory.representative))))
        }, answer: territoryAnswer)
    }

    private static func territoryAnswer(_ change: Change, _ state: HackState) -> Hack_V1_Territory {
        Hack_V1_Territory(change.territory!)
    }
}
