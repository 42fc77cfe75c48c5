import HackDomain
import HackProtocol

/// hack.v1.Server: counters of the running server.
enum ServerService {
    static func register(on router: MethodRouter, app: HackApplication, startedAt: Millis,
                         openConnections: @escaping () -> Int) {
        router.unary(Methods.Server.stats, permission: .serverStats) { [app, unowned router] _, caller throws(RPCError) in
            try caller.require(caller.isAdmin)
            var stats = Hack_V1_ServerStats()
            stats.startedAtMs = startedAt
            stats.connectionsOpen = UInt64(openConnections())
            stats.callsAccepted = router.stats.accepted
            stats.callsUnauthenticated = router.stats.unauthenticated
            stats.callsPermissionDenied = router.stats.permissionDenied
            stats.commits = UInt64(app.committer.commitCount)
            stats.changesCommitted = UInt64(app.committer.committedChangeCount)
            return stats
        }
    }
}
