/// Every service hackd serves, registered on one router.
enum AllServices {
    static func register(on router: MethodRouter, app: HackApplication) {
        EventsService.register(on: router, app: app)
        TerritoriesService.register(on: router, app: app)
        ChallengesService.register(on: router, app: app)
        TeamsService.register(on: router, app: app)
        IdeasService.register(on: router, app: app)
    }
}
