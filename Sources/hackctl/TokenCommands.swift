import ArgumentParser
import Foundation
import HackClient
import HackProtocol

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, list and revoke tokens; show the token in use.",
        discussion: """
            A token is a role in a scope: admin (the server), organiser (an event), moderator and \
            territory (a territory of an event), juror (challenges of an event), team (a team), \
            observer (an event, read-only). Its secret, hk_<id>_<…>, is shown once, when issued; \
            hackd keeps only a hash of it.
            """,
        subcommands: [Issue.self, List.self, Revoke.self, WhoAmI.self]
    )
}

extension TokenCommand {
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token and print its secret (shown once).",
            discussion: """
                The secret is printed alone on the first line of stdout, so a script can keep it: \
                TOKEN=$(hackctl token issue --role team --team 4 --name "Les Audomarois" | head -n 1). \
                With --json: the IssuedToken object {token, secret}.

                Scope by role: organiser and observer need --event (default: the only event); \
                moderator and territory need --territory; team needs --team; juror takes \
                --challenge (repeat; id or territory slug) and optionally --juror-team, the team \
                the juror belongs to. An organiser may issue any role of its event but admin.

                Examples:
                  hackctl token issue --role organiser --event demo-2025 --name "Pierre Alzingre"
                  hackctl token issue --role moderator --territory saint-omer --name "Modération" --expires 12h
                  hackctl token issue --role juror --challenge saint-omer --challenge orleans --name "Jury 1"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The role: \(RoleText.names).", valueName: "role"), transform: RoleText.parse)
        var role: Hack_V1_Role
        @Option(help: ArgumentHelp("The event (default: the only event on the server; not for admin).", valueName: "slug"))
        var event: String?
        @Option(help: ArgumentHelp("The territory (moderator, territory).", valueName: "slug")) var territory: String?
        @Option(help: ArgumentHelp("The team (team).", valueName: "id"), transform: IdText.parse) var team: UInt64?
        @Option(name: .customLong("challenge"),
                help: ArgumentHelp("A challenge assigned to the juror: its id or its territory's slug; repeat for each.",
                                   valueName: "id|territory"),
                transform: ChallengeRef.parse)
        var challenges: [ChallengeRef] = []
        @Option(help: ArgumentHelp("The team the juror belongs to, if any (juror).", valueName: "id"), transform: IdText.parse)
        var jurorTeam: UInt64?
        @Option(help: "Who holds it, e.g. \"Pierre Alzingre\".") var name: String
        @Option(help: ArgumentHelp("When it stops working: an ISO 8601 time or a duration from now, e.g. 8h (default: never).",
                                   valueName: "duration|time"),
                transform: TimeText.parseExpiry)
        var expires: Int64?

        func validate() throws {
            let word = Text.roleName(role)
            if role == .admin, event != nil { throw ValidationError("--event: an admin token is server-wide") }
            if territory != nil, role != .moderator, role != .territory {
                throw ValidationError("--territory goes with --role moderator or territory, not \(word)")
            }
            if territory == nil, role == .moderator || role == .territory {
                throw ValidationError("--role \(word) needs --territory SLUG")
            }
            if team != nil, role != .team {
                throw ValidationError("--team goes with --role team (a juror's team is --juror-team)")
            }
            if team == nil, role == .team { throw ValidationError("--role team needs --team ID") }
            if role != .juror, !challenges.isEmpty || jurorTeam != nil {
                throw ValidationError("--challenge and --juror-team go with --role juror")
            }
            if let expires, expires <= Int64(Date().timeIntervalSince1970 * 1000) {
                throw ValidationError("--expires: the time is already past")
            }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_IssueTokenRequest()
                request.name = name
                request.role = role
                if role != .admin { request.eventSlug = try client.eventSlug(event) }
                request.territorySlug = territory ?? ""
                request.teamID = role == .juror ? jurorTeam ?? 0 : team ?? 0
                request.challengeIds = try challenges.map { try client.challengeId($0, event: request.eventSlug) }
                request.expiresAtMs = expires ?? 0
                let issued = try client.call(Methods.Tokens.issue, request)
                if client.json { return try Output.json(issued) }
                Output.line(issued.secret)
                let token = issued.token
                Output.line("token \(token.id): \(Text.roleName(token.role)) \(Text.scope(token)) for \"\(token.name)\". "
                    + "The secret above is shown only once: hackd keeps only its hash.")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens (never their secrets).",
            discussion: """
                Without --event: every token for an admin, the tokens of its event for an organiser. \
                Times are in the event's time zone (UTC for admin tokens).
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only the tokens of this event.", valueName: "slug")) var event: String?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_ListTokensRequest()
                if let event {
                    request.eventSlug = event
                } else {
                    let me = try client.call(Methods.Tokens.whoAmI, Hack_V1_WhoAmIRequest())
                    if me.role != .admin { request.eventSlug = me.eventSlug }
                }
                let tokens = try client.call(Methods.Tokens.list, request).tokens
                if client.json { return try Output.json(tokens) }
                var zones: [String: TimeZone] = [:]
                var table = Table("ID", "NAME", "ROLE", "SCOPE", "CREATED", "EXPIRES", "REVOKED", rightAligned: [0])
                for token in tokens {
                    let zone: TimeZone
                    if let known = zones[token.eventSlug] {
                        zone = known
                    } else {
                        zone = (try? client.timeZone(ofEvent: token.eventSlug)) ?? .gmt
                        zones[token.eventSlug] = zone
                    }
                    table.add(
                        String(token.id), token.name, Text.roleName(token.role), Text.scope(token),
                        Text.timestamp(ms: token.createdAtMs, in: zone), Text.timestamp(ms: token.expiresAtMs, in: zone),
                        Text.timestamp(ms: token.revokedAtMs, in: zone)
                    )
                }
                table.print()
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token: refused from its next call on; its open Watch streams end at once."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The token's id (see 'hackctl token list').", valueName: "id"), transform: IdText.parse)
        var id: UInt64

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_RevokeTokenRequest()
                request.id = id
                try TokenView.show(try client.call(Methods.Tokens.revoke, request), client: client)
            }
        }
    }

    struct WhoAmI: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "whoami",
            abstract: "Show the token in use: its id, name, role and scope."
        )
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.withClient { client in
                try TokenView.show(try client.call(Methods.Tokens.whoAmI, Hack_V1_WhoAmIRequest()), client: client)
            }
        }
    }
}

enum TokenView {
    static func show(_ token: Hack_V1_Token, client: Client) throws {
        if client.json { return try Output.json(token) }
        let zone = (try? client.timeZone(ofEvent: token.eventSlug)) ?? .gmt
        var details = Details()
        details.add("id", String(token.id))
        details.add("name", token.name)
        details.add("role", Text.roleName(token.role))
        details.add("scope", Text.scope(token))
        details.add("created", Text.timestamp(ms: token.createdAtMs, in: zone))
        details.add("expires", token.expiresAtMs == 0 ? "never" : Text.timestamp(ms: token.expiresAtMs, in: zone))
        details.add("revoked", token.revokedAtMs == 0 ? "no" : Text.timestamp(ms: token.revokedAtMs, in: zone))
        details.add("issued by", token.issuedBy == 0 ? "hackd" : "token \(token.issuedBy)")
        details.print()
    }
}
