import HackDomain
import HackProtocol

/// hack.v1.Territories: the places that pose challenges.
enum TerritoriesService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.write(Methods.Territories.create, permission: .territoriesManage, on: app, command: { request, caller, _ throws(RPCError) in
            try caller.require(Access.mayManageTerritories(caller.principal))
            return .createTerritory(TerritoryDraft(slug: request.slug, name: request.name,
                                                   representative: Person(request.representative)))
        }, answer: territoryAnswer)

        router.unary(Methods.Territories.list, permission: .eventsRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            var response = Hack_V1_ListTerritoriesResponse()
            if request.eventSlug.isEmpty {
                response.territories = state.territories(eventSlug: nil)
                    .filter { caller.mayRead($0, in: state) }
                    .map(Hack_V1_Territory.init)
            } else {
                let event = try caller.readableEvent(request.eventSlug, in: state)
                response.territories = state.territories(eventSlug: event.slug).map(Hack_V1_Territory.init)
            }
            return response
        }

        router.unary(Methods.Territories.get, permission: .eventsRead) { [app] request, caller throws(RPCError) in
            let state = app.committed
            return Hack_V1_Territory(try caller.visible(state.territory(slug: request.slug),
                                                        notFound: "territory \"\(request.slug)\" not found") {
                caller.mayRead($0, in: state)
            })
        }

        router.write(Methods.Territories.update, permission: .territoriesManage, on: app, command: { request, caller, _ throws(RPCError) in
            try caller.require(Access.mayManageTerritories(caller.principal))
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

extension Caller {
    /// A territory is visible to those who manage territories and to anyone
    /// who may read an event where it poses a challenge.
    func mayRead(_ territory: Territory, in state: HackState) -> Bool {
        Access.mayManageTerritories(principal)
            || state.events.contains { event in
                Access.mayReadEvent(principal, event: event.slug)
                    && state.territorySlugs(eventSlug: event.slug).contains(territory.slug)
            }
    }
}
