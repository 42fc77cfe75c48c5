import HackDomain
import HackProtocol
import SwiftProtobuf

/// Maps method names to handlers. Handlers are registered with the typed
/// method constants of HackProtocol and the permission they need, so a
/// handler cannot be bound to the wrong message types and no method is
/// without a declared permission. Authentication, decoding and the
/// counting of refusals happen here, once.
final class MethodRouter: CallDispatcher {
    /// A method's body as the router runs it, its request still encoded:
    /// the call's answer when it has one at once, or nil once it has taken
    /// the call from `open` to answer later (a commit, a stream). Methods
    /// answered from memory never make a call object.
    private enum Route {
        /// Authenticated first; the body gets the caller.
        case authenticated(Permission,
                           (_ payload: UnsafeRawBufferPointer, _ caller: Caller, _ open: () -> ServerCall) -> CallAnswer?)
        /// The request carries its own credential (`Permission.needsToken` false):
        /// run without authenticating, and the body gets no caller.
        case open(Permission, (_ payload: UnsafeRawBufferPointer, _ open: () -> ServerCall) -> CallAnswer?)

        var permission: Permission {
            switch self {
            case .authenticated(let permission, _), .open(let permission, _): permission
            }
        }
    }

    /// Every method, in one table: one lookup per call.
    private var routes: [String: Route] = [:]
    /// The method last dispatched and its route: clients mostly repeat the
    /// same call, and comparing the name is cheaper than hashing it.
    private var lastRoute: LastRoute?

    /// A class: checking it is one load, not a copy of a name and a route.
    private final class LastRoute {
        let method: String
        let route: Route

        init(method: String, route: Route) {
            self.method = method
            self.route = route
        }
    }

    /// What each registered method is (types, streaming): hack.v1.Reflection lists it.
    private var descriptions: [String: MethodInfo] = [:]
    /// Who calls, from the call's metadata, the connection's, and what the
    /// connection verified before, at the call's moment.
    typealias Authenticate = (_ callMetadata: [String: String], _ connectionMetadata: () -> [String: String],
                              _ verified: VerifiedCredential, _ now: Millis) throws(RPCError) -> Principal
    private let authenticate: Authenticate
    /// Read once per authenticated call (`Caller.now`).
    private let clock: WallClock
    /// Shared by the requests' decoders: the slugs and codes calls repeat.
    private let recentStrings: RecentStrings
    let stats = CallStats()

    /// `knownStrings`: the string the state holds for a text, if any
    /// (`RecentStrings`), so that requests name events with the state's own.
    init(clock: WallClock, knownStrings: @escaping (String) -> String? = { _ in nil },
         authenticate: @escaping Authenticate) {
        self.clock = clock
        recentStrings = RecentStrings(known: knownStrings)
        self.authenticate = authenticate
    }

    /// Every registered method and its permission, sorted by name: the
    /// table docs/PERMISSIONS.md renders.
    var permissionTable: [(method: String, permission: Permission)] {
        routes.map { ($0.key, $0.value.permission) }.sorted { $0.method < $1.method }
    }

    /// Every registered method with its permission, sorted by name: what
    /// hack.v1.Reflection/ListServices answers, so it cannot list what is not served.
    var registrationTable: [(method: MethodInfo, permission: Permission)] {
        permissionTable.compactMap { row in descriptions[row.method].map { ($0, row.permission) } }
    }

    /// A unary method answered at once from memory.
    func unary<Request, Response>(
        _ method: UnaryMethod<Request, Response>, permission: Permission,
        _ body: @escaping (Request, Caller) throws(RPCError) -> Response
    ) {
        descriptions[method.name] = method.info
        let decoder = RequestDecoder<Request>(recent: recentStrings)
        add(method.name, .authenticated(permission, { [stats] payload, caller, _ in
            do throws(RPCError) {
                return .success(encoding: try body(try decoder.decode(payload), caller))
            } catch {
                return stats.failure(error)
            }
        }))
    }

    /// A unary method answered at once with a response already encoded
    /// (e.g. remembered for the next callers of the same moment).
    func unary<Request, Response>(
        _ method: UnaryMethod<Request, Response>, permission: Permission,
        encoded body: @escaping (Request, Caller) throws(RPCError) -> EncodedResponse<Response>
    ) {
        descriptions[method.name] = method.info
        let decoder = RequestDecoder<Request>(recent: recentStrings)
        add(method.name, .authenticated(permission, { [stats] payload, caller, _ in
            do throws(RPCError) {
                return .success(payload: try body(try decoder.decode(payload), caller).bytes)
            } catch {
                return stats.failure(error)
            }
        }))
    }

    /// A unary method answered later, e.g. once its write is committed.
    func unary<Request, Response>(
        _ method: UnaryMethod<Request, Response>, permission: Permission,
        deferred body: @escaping (Request, Caller, _ reply: @escaping (Result<Response, RPCError>) -> Void) -> Void
    ) {
        descriptions[method.name] = method.info
        register(method.name, permission) { [stats] (request: Request, caller, open) in
            let call = open()
            body(request, caller) { stats.reply(call, $0) }
            return nil
        }
    }

    /// A server-streaming method: the handler keeps the call and sends items.
    func serverStream<Request, Response>(
        _ method: ServerStreamMethod<Request, Response>, permission: Permission,
        _ body: @escaping (Request, ServerCall, Caller) throws(RPCError) -> Void
    ) {
        descriptions[method.name] = method.info
        register(method.name, permission) { [stats] (request: Request, caller, open) in
            let call = open()
            do throws(RPCError) {
                try body(request, call, caller)
            } catch {
                stats.fail(call, error)
            }
            return nil
        }
    }

    /// A unary method that needs no token, answered later (e.g. once its write is committed).
    /// A token presented with it is not looked at: the request is the credential.
    func publicUnary<Request, Response>(
        _ method: UnaryMethod<Request, Response>, permission: Permission,
        deferred body: @escaping (Request, _ reply: @escaping (Result<Response, RPCError>) -> Void) -> Void
    ) {
        registerPublic(method, permission) { [stats] request, open in
            let call = open()
            body(request) { stats.reply(call, $0) }
            return nil
        }
    }

    /// A unary method that needs no token, answered at once from memory.
    func publicUnary<Request, Response>(
        _ method: UnaryMethod<Request, Response>, permission: Permission,
        _ body: @escaping (Request) throws(RPCError) -> Response
    ) {
        descriptions[method.name] = method.info
        let decoder = RequestDecoder<Request>(recent: recentStrings)
        add(method.name, .open(permission, { [stats] payload, _ in
            do throws(RPCError) {
                return .success(encoding: try body(try decoder.decode(payload)))
            } catch {
                return stats.failure(error)
            }
        }))
    }

    func dispatch(_ request: CallRequest, payload: UnsafeRawBufferPointer, connectionMetadata: () -> [String: String],
                  verified: VerifiedCredential, open: () -> ServerCall) -> CallAnswer? {
        switch route(request.method) {
        case nil:
            return .failure(RPCError(.unimplemented, "unknown method \"\(request.method)\""))
        case .open(_, let handle)?:
            stats.accepted += 1
            return handle(payload, open)
        case .authenticated(let permission, let handle)?:
            let now = clock.now()
            let principal: Principal
            do throws(RPCError) {
                principal = try authenticate(request.metadata, connectionMetadata, verified, now)
            } catch {
                return stats.failure(error)
            }
            stats.accepted += 1
            return handle(payload, Caller(principal: principal, permission: permission, now: now), open)
        }
    }

    private func route(_ method: String) -> Route? {
        if let last = lastRoute, last.method == method { return last.route }
        guard let route = routes[method] else { return nil }
        lastRoute = LastRoute(method: method, route: route)
        return route
    }

    /// A method answered later (a commit, a stream), given its decoded request.
    private func register<Request: SwiftProtobuf.Message>(
        _ name: String, _ permission: Permission,
        _ body: @escaping (Request, Caller, _ open: () -> ServerCall) -> CallAnswer?
    ) {
        let decoder = RequestDecoder<Request>(recent: recentStrings)
        add(name, .authenticated(permission, { [stats] payload, caller, open in
            let request: Request
            do throws(RPCError) {
                request = try decoder.decode(payload)
            } catch {
                return stats.failure(error)
            }
            return body(request, caller, open)
        }))
    }

    private func registerPublic<Request, Response>(
        _ method: UnaryMethod<Request, Response>, _ permission: Permission,
        _ body: @escaping (Request, _ open: () -> ServerCall) -> CallAnswer?
    ) {
        descriptions[method.name] = method.info
        let decoder = RequestDecoder<Request>(recent: recentStrings)
        add(method.name, .open(permission, { [stats] payload, open in
            let request: Request
            do throws(RPCError) {
                request = try decoder.decode(payload)
            } catch {
                return stats.failure(error)
            }
            return body(request, open)
        }))
    }

    /// Every registration ends here: a method once, and with a token exactly
    /// when its permission needs one.
    private func add(_ name: String, _ route: Route) {
        precondition(routes[name] == nil, "method \(name) registered twice")
        switch route {
        case .authenticated(let permission, _):
            precondition(permission.needsToken, "method \(name): register it with publicUnary")
        case .open(let permission, _):
            precondition(!permission.needsToken, "\(name): permission \(permission.rawValue) needs a token")
        }
        routes[name] = route
    }
}

/// Calls the router saw, by outcome: served to the Server/Stats method.
/// Handlers end calls through it, so that each refusal is counted; they
/// hold it rather than the router (which holds them).
final class CallStats {
    var accepted: UInt64 = 0
    var unauthenticated: UInt64 = 0
    var permissionDenied: UInt64 = 0

    func count(_ status: StatusCode) {
        switch status {
        case .unauthenticated: unauthenticated += 1
        case .permissionDenied: permissionDenied += 1
        default: break
        }
    }

    /// `error` as a call's answer, counted.
    func failure(_ error: RPCError) -> CallAnswer {
        count(error.status)
        return .failure(error)
    }

    /// Ends `call` with `error`, counted.
    func fail(_ call: ServerCall, _ error: RPCError) {
        count(error.status)
        call.fail(error)
    }

    /// Ends `call` with a handler's result.
    func reply<Response: SwiftProtobuf.Message>(_ call: ServerCall, _ result: Result<Response, RPCError>) {
        switch result {
        case .success(let response): call.succeed(response)
        case .failure(let error): fail(call, error)
        }
    }
}
