import HackDomain
import HackProtocol

/// The authenticated caller of one call, as handlers see it.
struct Caller {
    let principal: Principal
    let permission: Permission
    /// The call's moment, read once: its credential was checked at it, and
    /// what it reads is as of it.
    let now: Millis

    var isAdmin: Bool { principal.grant.role == .admin }

    /// Throws PERMISSION_DENIED naming the method's permission unless `allowed`.
    func require(_ allowed: Bool) throws(RPCError) {
        guard allowed else { throw permission.denied }
    }

    /// A resource looked up by id or slug, checked with `rule`. A caller who
    /// may not see it gets PERMISSION_DENIED whether it exists or not, so the
    /// answer never tells; only an admin learns NOT_FOUND.
    func visible<Resource>(_ resource: Resource?, notFound: @autoclosure () -> String,
                           _ rule: (Resource) -> Bool) throws(RPCError) -> Resource {
        if let resource, rule(resource) { return resource }
        if resource == nil, isAdmin { throw RPCError(.notFound, notFound()) }
        throw RPCError(.permissionDenied,
                       "\(notFound()) or not visible to this token: \(permission.denied.message)")
    }
}
