import HackProtocol

/// hack.v1.Reflection: the services and methods served, read from the
/// router's own registration table so the list cannot drift from the code.
enum ReflectionService {
    static func register(on router: MethodRouter) {
        router.publicUnary(Methods.Reflection.listServices, permission: .reflectionList) { [unowned router] _ throws(RPCError) in
            listing(router.registrationTable)
        }
    }

    /// Services sorted by name, each with its methods sorted by name.
    static func listing(_ table: [(method: MethodInfo, permission: Permission)]) -> Hack_V1_ListServicesResponse {
        let byService = Dictionary(grouping: table) { ServiceName.of($0.method.name) }
        var response = Hack_V1_ListServicesResponse()
        response.services = byService.keys.sorted().map { name in
            var service = Hack_V1_ServiceDescription()
            service.name = name
            service.methods = byService[name, default: []].sorted { $0.method.name < $1.method.name }.map(describe)
            return service
        }
        return response
    }

    private static func describe(_ row: (method: MethodInfo, permission: Permission)) -> Hack_V1_MethodDescription {
        var method = Hack_V1_MethodDescription()
        method.name = ServiceName.method(row.method.name)
        method.fullName = row.method.name
        method.requestType = row.method.requestType
        method.responseType = row.method.responseType
        method.serverStreaming = row.method.isServerStream
        method.permission = row.permission.rawValue
        method.needsToken = row.permission.needsToken
        return method
    }
}
