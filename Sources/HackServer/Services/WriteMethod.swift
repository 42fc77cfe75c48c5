import HackDomain
import HackProtocol

extension MethodRouter {
    /// A method that changes state: its request becomes a domain command
    /// (after the caller's permission is checked against the state writes
    /// are decided on), and it is answered from the change once the change
    /// and its audit entry are durable.
    func write<Request, Response>(
        _ method: UnaryMethod<Request, Response>, permission: Permission,
        on app: HackApplication,
        command: @escaping (Request, Caller, HackState) throws(RPCError) -> Command,
        answer: @escaping (Change, HackState) -> Response
    ) {
        unary(method, permission: permission) { [app] request, caller, reply in
            let decided: Command
            do throws(RPCError) {
                decided = try command(request, caller, app.decisionState)
            } catch {
                reply(.failure(error))
                return
            }
            app.execute(decided, by: caller.principal, method: method.name) { result in
                reply(result.map { answer($0, app.committed) })
            }
        }
    }
}

extension Change {
    /// The resource a change carries, for methods that answer with it.
    var event: Event? {
        switch self {
        case .eventCreated(let event), .eventUpdated(let event): event
        default: nil
        }
    }

    var territory: Territory? {
        switch self {
        case .territoryCreated(let territory), .territoryUpdated(let territory): territory
        default: nil
        }
    }

    var challenge: Challenge? {
        switch self {
        case .challengeCreated(let challenge), .challengeUpdated(let challenge): challenge
        default: nil
        }
    }

    var team: Team? {
        switch self {
        case .teamCreated(let team), .teamUpdated(let team): team
        default: nil
        }
    }

    var idea: Idea? {
        switch self {
        case .ideaCreated(let idea), .ideaUpdated(let idea): idea
        default: nil
        }
    }

    var runEventSlug: String? {
        if case .runChanged(let slug, _, _) = self { slug } else { nil }
    }

    var token: TokenRecord? {
        switch self {
        case .tokenIssued(let token), .tokenRevoked(let token): token
        default: nil
        }
    }
}
