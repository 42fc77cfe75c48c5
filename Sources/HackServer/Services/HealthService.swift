import HackProtocol

/// hack.v1.Health: whether hackd takes calls. No token: a probe has none.
enum HealthService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.publicUnary(Methods.Health.check, permission: .healthCheck) { [app, unowned router] request throws(RPCError) in
            // Every service lives and dies with the one loop: they share its status.
            if !request.service.isEmpty,
               !router.registrationTable.contains(where: { ServiceName.of($0.method.name) == request.service }) {
                throw RPCError(.notFound, "service \"\(request.service)\" is not served here")
            }
            var response = Hack_V1_HealthCheckResponse()
            response.status = app.isServing ? .serving : .notServing
            return response
        }
    }
}

/// Splits "hack.v1.<Service>/<Method>" names.
enum ServiceName {
    /// "hack.v1.Events" for "hack.v1.Events/List".
    static func of(_ methodName: String) -> String {
        String(methodName.prefix { $0 != "/" })
    }

    /// "List" for "hack.v1.Events/List".
    static func method(_ methodName: String) -> String {
        methodName.firstIndex(of: "/").map { String(methodName[methodName.index(after: $0)...]) } ?? methodName
    }
}
