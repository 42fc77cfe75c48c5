import HackDomain
import HackProtocol

/// hack.v1.Audit: the accepted mutations, read from the database on the
/// threadpool (the log is not kept in memory).
enum AuditService {
    static let defaultLimit = 1000

    static func register(on router: MethodRouter, app: HackApplication) {
        router.unary(Methods.Audit.list, permission: .auditRead, deferred: { [app] request, caller, reply in
            let eventSlug = request.eventSlug.isEmpty ? nil : request.eventSlug
            do throws(RPCError) {
                if let eventSlug {
                    _ = try caller.visible(app.committed.event(slug: eventSlug), notFound: "event \"\(eventSlug)\" not found") {
                        Access.mayReadAudit(caller.principal, event: $0.slug)
                    }
                } else {
                    try caller.require(Access.mayReadAudit(caller.principal, event: nil))
                }
            } catch {
                reply(.failure(error))
                return
            }
            let limit = request.limit == 0 ? defaultLimit : Int(min(request.limit, 10 * UInt32(defaultLimit)))
            let since = request.sinceMs
            app.committer.read({ store in
                try store.auditEntries(eventSlug: eventSlug, since: since, limit: limit)
            }, completion: { result in
                reply(result.map { entries in
                    var response = Hack_V1_ListAuditResponse()
                    response.entries = entries.map(Hack_V1_AuditEntry.init)
                    return response
                })
            })
        })
    }
}
