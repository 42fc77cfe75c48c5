import HackDomain
import HackProtocol

extension MethodRouter {
    /// A method that changes state: its request becomes a domain command,
    /// and it is answered from the change once the change is durable.
    func write<Request, Response>(
        _ method: UnaryMethod<Request, Response>,
        on app: HackApplication,
        command: @escaping (Request) throws(RPCError) -> Command,
        answer: @escaping (Change, HackState) -> Response
    ) {
        unary(method) { [unowned app] request, reply in
            let decided: Command
            do throws(RPCError) {
                decided = try command(request)
            } catch {
                reply(.failure(error))
                return
            }
            app.execute(decided) { result in
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
}
