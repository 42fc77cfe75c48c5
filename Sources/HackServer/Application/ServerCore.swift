import HackDomain
import HackProtocol
import HackStorage
import HackTransport
import Logging

/// hackd's application core, wired once for every host of it: the group
/// committer, the application, the run clock, and the router with every
/// service. `HackServer` puts a listener in front of it; `InProcessServer`
/// drives it without sockets (service tests, the protocol fuzzer).
struct ServerCore {
    let app: HackApplication
    let router: MethodRouter
    let runClock: RunClock

    /// `openConnections` is what `Server/Stats` reports (0 without a listener).
    init(loop: EventLoop, store: HackStore, state: HackState, clock: WallClock, logger: Logger,
         gatherWindowMs: UInt64 = 1, openConnections: @escaping () -> Int) {
        let committer = GroupCommitter(loop: loop, store: store, logger: logger, gatherWindowMs: gatherWindowMs)
        let app = HackApplication(state: state, clock: clock, committer: committer, logger: logger)
        let runClock = RunClock(loop: loop, app: app, logger: logger)
        app.onRunChanged = { [unowned runClock] in runClock.arm($0) }
        // Held strongly, as the handlers hold it (`AllServices`).
        let clock = app.clock
        let eventSlug = { [app] (text: String) in app.committed.eventSlug(equalTo: text) }
        let router = MethodRouter(clock: clock, knownStrings: eventSlug) {
            [app] callMetadata, connectionMetadata, verified, now throws(RPCError) in
            try Authenticator.principal(callMetadata: callMetadata, connectionMetadata: connectionMetadata(),
                                        verified: verified, tokensVersion: app.committedTokensVersion,
                                        in: app.committed, at: now)
        }
        AllServices.register(on: router, app: app, startedAt: clock.now(), openConnections: openConnections)
        self.app = app
        self.router = router
        self.runClock = runClock
    }

    /// Stops the clock and the committer; the loop can then close.
    func close() {
        runClock.close()
        app.committer.close()
    }
}
