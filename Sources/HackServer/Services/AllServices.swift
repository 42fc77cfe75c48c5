import HackDomain

/// Every service hackd serves, registered on one router. The handlers hold
/// the application strongly (it holds neither the router nor them): an
/// unowned reference would be checked and retained on every call.
enum AllServices {
    static func register(on router: MethodRouter, app: HackApplication, startedAt: Millis,
                         openConnections: @escaping () -> Int) {
        EventsService.register(on: router, app: app)
        TerritoriesService.register(on: router, app: app)
        ChallengesService.register(on: router, app: app)
        TeamsService.register(on: router, app: app)
        IdeasService.register(on: router, app: app)
        TokensService.register(on: router, app: app)
        AuditService.register(on: router, app: app)
        VotesService.register(on: router, app: app)
        JudgingService.register(on: router, app: app)
        SynthesesService.register(on: router, app: app)
        ReportsService.register(on: router, app: app)
        ServerService.register(on: router, app: app, startedAt: startedAt, openConnections: openConnections)
        HealthService.register(on: router, app: app)
        ReflectionService.register(on: router)
    }
}
