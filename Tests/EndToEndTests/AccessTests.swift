import Foundation
import HackClient
import HackProtocol
import Testing

/// Tokens, permissions and the audit log, against a real hackd (through
/// HackConnection and through the built hackctl).
@Suite("access: tokens, permissions, audit")
struct AccessTests {
    @Test("without a token, every call is UNAUTHENTICATED; hackctl exits 26 and says a token is required")
    func noToken() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(["event", "list", "--server", hackd.address.description])
        #expect(result.status == 26, "\(result)")  // 10 + UNAUTHENTICATED
        #expect(result.stderr.hasPrefix("error: UNAUTHENTICATED: "), "\(result)")
        #expect(result.stderr.contains("token is required"), "\(result)")
        #expect(result.stderr.contains("HACKCTL_TOKEN"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")

        let anonymous = try hackd.connect(token: nil)
        let error = clientError { () throws(ClientError) in try anonymous.call(Methods.Events.list, Hack_V1_ListEventsRequest()) }
        #expect(error?.status == .unauthenticated, "\(String(describing: error))")

        let forged = try runHackctl(["event", "list", "--server", hackd.address.description, "--token", "hk_1_notTheRightVerifier"])
        #expect(forged.status == 26, "\(forged)")
        #expect(!forged.stderr.contains("HACKCTL_TOKEN"), "a token was given: \(forged)")
    }

    @Test("an observer may read the event but not create a territory (PERMISSION_DENIED naming territories.manage)")
    func observerCannotCreateTerritory() throws {
        let hackd = try HackdProcess.start()
        let observer = try hackd.connect(as: "observer")
        #expect(try observer.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)

        var create = Hack_V1_CreateTerritoryRequest()
        create.slug = "calais"
        create.name = "Calais"
        create.representative.name = "Natacha Bouchart"
        let error = clientError { () throws(ClientError) in try observer.call(Methods.Territories.create, create) }
        #expect(error?.status == .permissionDenied, "\(String(describing: error))")
        #expect(error?.message.contains("territories.manage") == true, "\(String(describing: error))")

        let result = try runHackctl(["territory", "create", "calais", "--name", "Calais", "--representative", "Natacha Bouchart"] + hackd.hackctlOptions(role: "observer"))
        #expect(result.status == 17, "\(result)")  // 10 + PERMISSION_DENIED
        #expect(result.stderr.hasPrefix("error: PERMISSION_DENIED: "), "\(result)")
        #expect(result.stderr.contains("territories.manage"), "\(result)")

        // The organiser may.
        let organiser = try hackd.connect()
        #expect(try organiser.call(Methods.Territories.create, create).slug == "calais")
    }

    @Test("hackd init prints one admin token, once; that token creates an event and issues its organiser token")
    func initAndIssue() throws {
        let directory = try ScratchDirectory()
        let database = directory.path("hackd.db")
        let first = try runHackd(["init", "--db", database])
        #expect(first.status == 0, "\(first)")
        let lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(first)")
        let admin = String(try #require(lines.first, "\(first)"))
        #expect(TokenText.looksLikeSecret(admin), "\(first)")
        #expect(first.stdout == admin + "\n", "\(first)")

        let second = try runHackd(["init", "--db", database])
        #expect(second.status == 1, "\(second)")
        #expect(!second.stdout.contains("hk_"), "\(second)")

        let hackd = try HackdProcess.start(demo: false, in: directory)
        let asAdmin = ["--server", hackd.address.description, "--token", admin]
        let whoami = try runHackctl(["token", "whoami", "--json"] + asAdmin)
        #expect(whoami.status == 0, "\(whoami)")
        #expect(try jsonObject(whoami.stdout)?["role"] as? String == "ROLE_ADMIN", "\(whoami)")

        let event = try runHackctl(
            ["event", "create", "e2e-2025", "--name", "Essai", "--time-zone", "Europe/Paris", "--date", "2025-06-12",
             "--phase", "hack 2h @09:00"] + asAdmin
        )
        #expect(event.status == 0, "\(event)")

        let issue = try runHackctl(["token", "issue", "--role", "organiser", "--event", "e2e-2025", "--name", "Pierre Alzingre"] + asAdmin)
        #expect(issue.status == 0, "\(issue)")
        let secret = String(try #require(issue.stdout.split(separator: "\n").first, "\(issue)"))
        #expect(TokenText.looksLikeSecret(secret), "\(issue)")
        #expect(issue.stdout.contains("shown only once"), "\(issue)")

        let me = try runHackctl(["token", "whoami", "--json", "--server", hackd.address.description],
                                environment: ["HACKCTL_TOKEN": secret])
        #expect(me.status == 0, "\(me)")
        let token = try #require(try jsonObject(me.stdout), "\(me)")
        #expect(token["role"] as? String == "ROLE_ORGANISER", "\(me)")
        #expect(token["event_slug"] as? String == "e2e-2025", "\(me)")
        #expect(token["name"] as? String == "Pierre Alzingre", "\(me)")
        #expect(UInt64(exactly: token["issued_by"] as? Int ?? 0) == TokenText.id(admin), "\(me)")

        let show = try runHackctl(["event", "show", "e2e-2025", "--server", hackd.address.description, "--token", secret])
        #expect(show.status == 0, "\(show)")
        #expect(hackd.terminate() == 0)
    }

    @Test("a token issued then revoked with hackctl is refused on its next call")
    func revokedTokenRefused() throws {
        let hackd = try HackdProcess.start()
        let organiser = try hackd.hackctlOptions()
        let issue = try runHackctl(["token", "issue", "--role", "team", "--team", "1", "--name", "Lyes", "--expires", "8h", "--json"] + organiser)
        #expect(issue.status == 0, "\(issue)")
        let issued = try #require(try jsonObject(issue.stdout), "\(issue)")
        let secret = try #require(issued["secret"] as? String, "\(issue)")
        let token = try #require(issued["token"] as? [String: Any], "\(issue)")
        let id = try #require(token["id"] as? Int, "\(issue)")
        #expect(token["role"] as? String == "ROLE_TEAM")
        #expect(token["team_id"] as? Int == 1)
        #expect((token["expires_at_ms"] as? Int ?? 0) > (token["created_at_ms"] as? Int ?? .max), "\(issue)")
        #expect(TokenText.id(secret) == UInt64(id))

        let asTeam = ["--server", hackd.address.description, "--token", secret]
        let before = try runHackctl(["team", "show", "1"] + asTeam)
        #expect(before.status == 0, "\(before)")

        // Listed, never with a secret.
        let list = try runHackctl(["token", "list", "--json"] + organiser)
        #expect(list.status == 0, "\(list)")
        #expect(try jsonArray(list.stdout)?.contains { $0["id"] as? Int == id && $0["name"] as? String == "Lyes" } == true, "\(list)")
        let table = try runHackctl(["token", "list", "--event", Demo.eventSlug] + organiser)
        #expect(table.status == 0, "\(table)")
        for verifier in ([secret] + hackd.tokens.map(\.secret)).compactMap(TokenText.verifier) {
            #expect(!list.stdout.contains(verifier) && !table.stdout.contains(verifier), "a secret is listed: \(list)\n\(table)")
        }

        let revoke = try runHackctl(["token", "revoke", String(id)] + organiser)
        #expect(revoke.status == 0, "\(revoke)")
        let after = try runHackctl(["team", "show", "1"] + asTeam)
        #expect(after.status == 26, "\(after)")
        #expect(after.stderr.hasPrefix("error: UNAUTHENTICATED: "), "\(after)")
        #expect(after.stderr.contains("revoked"), "\(after)")

        let whoami = try runHackctl(["token", "whoami"] + asTeam)
        #expect(whoami.status == 26, "\(whoami)")
    }

    @Test("revoking a token ends its open Watch stream with UNAUTHENTICATED")
    func revocationEndsWatch() throws {
        let hackd = try HackdProcess.start()
        let team = try hackd.demoToken(role: "team")
        let teamId = try #require(team.id)
        let watcher = try hackd.connect("watcher", token: team.secret)
        let organiser = try hackd.connect("organiser")
        var request = Hack_V1_WatchEventRequest()
        request.slug = Demo.eventSlug

        var items = 0
        var revoked: Hack_V1_Token?
        // A deadline only so that a stream that never ends fails the test
        // (DEADLINE_EXCEEDED) instead of hanging it.
        let error = clientError { () throws(ClientError) in
            try watcher.stream(Methods.Events.watch, request, timeoutMs: 20_000) { (_) throws(ClientError) -> Bool in
                items += 1
                if items == 1 {
                    var revoke = Hack_V1_RevokeTokenRequest()
                    revoke.id = teamId
                    revoked = try organiser.call(Methods.Tokens.revoke, revoke)
                }
                return true
            }
        }
        #expect(items >= 1, "no snapshot before the revocation")
        #expect(revoked?.revokedAtMs ?? 0 > 0)
        #expect(error?.status == .unauthenticated, "\(String(describing: error))")
        #expect(error?.message.contains("revoked") == true, "\(String(describing: error))")
        // The organiser's connection is untouched.
        #expect(try organiser.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.count == 1)
    }

    @Test("the database holds no secret in clear")
    func noSecretInDatabase() throws {
        let hackd = try HackdProcess.start()
        var request = Hack_V1_IssueTokenRequest()
        request.name = "Presse locale"
        request.role = .observer
        request.eventSlug = Demo.eventSlug
        let issued = try hackd.connect().call(Methods.Tokens.issue, request)
        let verifiers = ([issued.secret] + hackd.tokens.map(\.secret)).compactMap(TokenText.verifier)
        #expect(verifiers.count == hackd.tokens.count + 1)

        func check(_ moment: String) {
            for path in [hackd.databasePath, hackd.databasePath + "-wal"] {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                for verifier in verifiers {
                    #expect(data.range(of: Data(verifier.utf8)) == nil, "\(moment): \(path) holds a secret in clear")
                }
            }
        }
        #expect(FileManager.default.fileExists(atPath: hackd.databasePath))
        check("while serving")
        #expect(hackd.terminate() == 0)
        check("after stopping")
    }

    @Test("audit --json lists the accepted mutations in order, and nothing for refused calls")
    func auditTrail() throws {
        let hackd = try HackdProcess.start()
        let organiser = try hackd.demoToken(role: "organiser")
        let options = try hackd.hackctlOptions()
        try hackd.connect().startHackPhase()
        let before = try runHackctl(["audit", Demo.eventSlug, "--json"] + options)
        #expect(before.status == 0, "\(before)")
        let earlier = Set(try #require(try jsonArray(before.stdout), "\(before)").compactMap { $0["id"] as? Int })

        let connection = try hackd.connect()
        let team = try connection.createTeam(name: "Audités")
        let idea = try connection.createIdea(team: team.id, title: "Traçabilité", pitch: "Tout se voit")
        // Refused: by permission, by validation.
        let observer = try hackd.connect(as: "observer")
        #expect(clientError { () throws(ClientError) in try observer.createTeam(name: "Intrus") }?.status == .permissionDenied)
        #expect(clientError { () throws(ClientError) in try connection.createTeam(name: "") }?.status == .invalidArgument)

        let result = try runHackctl(["audit", Demo.eventSlug, "--json"] + options)
        #expect(result.status == 0, "\(result)")
        let entries = try #require(try jsonArray(result.stdout), "\(result)").filter { !earlier.contains($0["id"] as? Int ?? 0) }
        #expect(entries.compactMap { $0["method"] as? String } == ["hack.v1.Teams/Create", "hack.v1.Ideas/Create"], "\(result)")
        #expect(entries.allSatisfy { UInt64(exactly: $0["token_id"] as? Int ?? 0) == organiser.id }, "\(result)")
        #expect(entries.allSatisfy { $0["token_name"] as? String == organiser.name }, "\(result)")
        #expect(entries.allSatisfy { $0["event_slug"] as? String == Demo.eventSlug }, "\(result)")
        #expect((entries.first?["target"] as? String)?.contains(String(team.id)) == true, "\(result)")
        #expect((entries.last?["target"] as? String)?.contains(String(idea.id)) == true, "\(result)")
        let times = entries.compactMap { $0["at_ms"] as? Int }
        #expect(times.count == 2 && times == times.sorted(), "\(result)")
        #expect(!result.stdout.contains("Intrus"), "\(result)")

        let recent = try runHackctl(["audit", Demo.eventSlug, "--since", "10m", "--json"] + options)
        #expect(try jsonArray(recent.stdout)?.compactMap { $0["method"] as? String }.suffix(2) == ["hack.v1.Teams/Create", "hack.v1.Ideas/Create"],
                "\(recent)")
        let limited = try runHackctl(["audit", Demo.eventSlug, "--limit", "1", "--json"] + options)
        #expect(try jsonArray(limited.stdout)?.count == 1, "\(limited)")

        let table = try runHackctl(["audit", Demo.eventSlug, "--since", "10m"] + options)
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("Teams/Create") && table.stdout.contains("Ideas/Create"), "\(table)")
        #expect(table.stdout.contains("\(organiser.name) #\(organiser.id ?? 0)"), "\(table)")
        #expect(table.stdout.contains("+01:00") || table.stdout.contains("+02:00"), "times in Europe/Paris: \(table)")

        // The observer may not read the audit log.
        let denied = try runHackctl(["audit", Demo.eventSlug] + hackd.hackctlOptions(role: "observer"))
        #expect(denied.status == 17, "\(denied)")
        #expect(denied.stderr.contains("audit.read"), "\(denied)")

        // kill -9 and restart: the log holds exactly the same entries, in order.
        hackd.kill()
        let restarted = try hackd.restart()
        let afterCrash = try runHackctl(["audit", Demo.eventSlug, "--json"] + restarted.hackctlOptions())
        #expect(afterCrash.status == 0, "\(afterCrash)")
        #expect(try jsonArray(afterCrash.stdout)?.compactMap { $0["id"] as? Int }
                    == jsonArray(result.stdout)?.compactMap { $0["id"] as? Int }, "\(afterCrash)")
    }
}
