import HackDomain
import HackProtocol

/// hack.v1.Tokens: issued for a role and scope, shown once, stored hashed,
/// revoked at once (open streams of a revoked token end with it).
enum TokensService {
    static func register(on router: MethodRouter, app: HackApplication) {
        router.unary(Methods.Tokens.issue, permission: .tokensIssue, deferred: { [app] request, caller, reply in
            let draft: TokenDraft
            let verifier: String
            do throws(RPCError) {
                let grant = try Grant(request)
                try caller.require(Access.mayIssueToken(caller.principal, grant: grant))
                let secret = TokenSecret.makeVerifier()
                verifier = secret.verifier
                draft = TokenDraft(name: request.name, grant: grant, secretHash: secret.hash,
                                   expiresAt: request.expiresAtMs == 0 ? nil : request.expiresAtMs,
                                   issuedBy: caller.principal.token.id)
            } catch {
                reply(.failure(error))
                return
            }
            app.execute(.issueToken(draft), by: caller.principal, method: Methods.Tokens.issue.name) { result in
                reply(result.map { change in
                    var issued = Hack_V1_IssuedToken()
                    issued.token = Hack_V1_Token(change.token!)
                    issued.secret = TokenSecret.format(id: change.token!.id, verifier: verifier)
                    return issued
                })
            }
        })

        router.unary(Methods.Tokens.list, permission: .tokensRead) { [app] request, caller throws(RPCError) in
            let eventSlug = request.eventSlug.isEmpty ? nil : request.eventSlug
            try caller.require(Access.mayReadTokens(caller.principal, event: eventSlug))
            var response = Hack_V1_ListTokensResponse()
            response.tokens = app.committed.tokens(eventSlug: eventSlug).map(Hack_V1_Token.init)
            return response
        }

        router.write(Methods.Tokens.revoke, permission: .tokensIssue, on: app, command: { request, caller, state throws(RPCError) in
            let id = try resourceId(request.id, field: "id")
            _ = try caller.visible(state.token(id: id), notFound: "token \(id) not found") {
                Access.mayRevokeToken(caller.principal, $0)
            }
            return .revokeToken(id: id)
        }, answer: { change, _ in Hack_V1_Token(change.token!) })

        router.unary(Methods.Tokens.whoAmI, permission: .tokensSelf) { _, caller throws(RPCError) in
            Hack_V1_Token(caller.principal.token)
        }
    }
}
