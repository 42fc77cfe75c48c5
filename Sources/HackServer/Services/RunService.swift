import HackDomain
import HackProtocol

/// hack.v1.Events run controls: start, schedule, pause, resume, extend, skip.
/// Each is a write of the run (audited, durable before the answer) and
/// answers with the event and its run as of the answer.
enum RunService {
    static func register(on router: MethodRouter, app: HackApplication) {
        control(Methods.Events.start, on: router, app: app, slug: \.slug) { _ throws(RPCError) in .start }
        control(Methods.Events.schedule, on: router, app: app, slug: \.slug) { request throws(RPCError) in
            guard request.startAtMs >= 0 else { throw RPCError.invalid("start_at_ms", "must not be negative") }
            return .schedule(at: request.startAtMs == 0 ? nil : request.startAtMs)
        }
        control(Methods.Events.pause, on: router, app: app, slug: \.slug) { _ throws(RPCError) in .pause }
        control(Methods.Events.resume, on: router, app: app, slug: \.slug) { _ throws(RPCError) in .resume }
        control(Methods.Events.extend, on: router, app: app, slug: \.slug) { request throws(RPCError) in
            .extend(byMs: request.deltaMs)
        }
        control(Methods.Events.skip, on: router, app: app, slug: \.slug) { request throws(RPCError) in
            .skip(phaseIndex: request.phaseNumber == 0 ? nil : Int(request.phaseNumber) - 1)
        }
    }

    private static func control<Request>(
        _ method: UnaryMethod<Request, Hack_V1_Event>, on router: MethodRouter, app: HackApplication,
        slug: KeyPath<Request, String>, _ makeControl: @escaping (Request) throws(RPCError) -> RunControl
    ) {
        router.write(method, permission: .eventsRun, on: app, command: { request, caller, state throws(RPCError) in
            let slug = request[keyPath: slug]
            _ = try caller.visible(state.event(slug: slug), notFound: "event \"\(slug)\" not found") {
                Access.mayManageEvent(caller.principal, event: $0.slug)
            }
            return .controlRun(eventSlug: slug, try makeControl(request), by: caller.principal.token.name)
        }, answer: EventsService.eventAnswer(app))
    }
}
