import Foundation
import HackClient
import HackProtocol
import Testing

/// The built hackctl binary against a real hackd.
@Suite("hackctl")
struct HackctlTests {
    @Test("--help lists the nouns")
    func help() throws {
        let result = try runHackctl(["--help"])
        #expect(result.status == 0, "\(result)")
        for noun in ["event", "territory", "challenge", "team", "idea", "token", "audit", "--token", "HACKCTL_TOKEN"] {
            #expect(result.stdout.contains(noun), "\(result)")
        }
        let sub = try runHackctl(["idea", "update", "--help"])
        #expect(sub.status == 0, "\(sub)")
        #expect(sub.stdout.contains("--body-file"), "\(sub)")
    }

    @Test("event list shows the demo event")
    func eventList() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(["event", "list"] + hackd.hackctlOptions())
        #expect(result.status == 0, "\(result)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix(Demo.eventSlug) }, "\(result)")
        #expect(line.contains(Demo.eventName))
        #expect(line.contains("5 phases"))
        #expect(line.contains("3 territories"))
        #expect(line.contains("Europe/Paris"))
    }

    @Test("shared options may stand before the noun")
    func optionsBeforeTheNoun() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(try hackd.hackctlOptions() + ["--json", "event", "list"])
        #expect(result.status == 0, "\(result)")
        let events = try #require(try jsonArray(result.stdout), "\(result)")
        #expect(events.contains { $0["slug"] as? String == Demo.eventSlug })
    }

    @Test("event show prints the agenda and the territories")
    func eventShow() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(["event", "show", Demo.eventSlug] + hackd.hackctlOptions())
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Agenda (5 phases)"), "\(result)")
        for slug in Demo.territorySlugs { #expect(result.stdout.contains(slug), "\(result)") }
    }

    @Test("HACKCTL_SERVER replaces the default address, HACKCTL_TOKEN gives the token")
    func environment() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(
            ["event", "list", "--json"],
            environment: ["HACKCTL_SERVER": hackd.address.description, "HACKCTL_TOKEN": try hackd.token(role: "organiser")]
        )
        #expect(result.status == 0, "\(result)")
        let events = try #require(try jsonArray(result.stdout), "\(result)")
        #expect(events.contains { $0["slug"] as? String == Demo.eventSlug })
    }

    @Test("team create and idea create, then idea list --json contains them")
    func createAndList() throws {
        let hackd = try HackdProcess.start()
        let server = try hackd.hackctlOptions()
        let team = try runHackctl(
            ["team", "create", "--challenge", "saint-omer", "--name", "Les Audomarois", "--member", "Zoé:dev", "--member", "Amélie", "--json"]
                + server
        )
        #expect(team.status == 0, "\(team)")
        let teamObject = try #require(try jsonObject(team.stdout), "\(team)")
        let teamId = try #require(teamObject["id"] as? Int, "\(team)")
        #expect(teamObject["challenge_id"] as? Int == Int(Demo.saintOmerChallenge))
        #expect(teamObject["name"] as? String == "Les Audomarois")

        // Ideas open with the hack phase: start the event, skip the intro.
        for control in ["start", "skip"] {
            let result = try runHackctl(["event", control, Demo.eventSlug] + server)
            #expect(result.status == 0, "\(result)")
        }

        let idea = try runHackctl(
            ["idea", "create", "--team", String(teamId), "--title", "Vélos partagés", "--pitch", "Un vélo par gare", "--body-file", "-", "--json"]
                + server,
            stdin: "# Détails\n\nUne idée longue.\n"
        )
        #expect(idea.status == 0, "\(idea)")
        let ideaObject = try #require(try jsonObject(idea.stdout), "\(idea)")
        let ideaId = try #require(ideaObject["id"] as? Int, "\(idea)")
        #expect(ideaObject["revision"] as? Int == 1)

        let list = try runHackctl(["idea", "list", "--json"] + server)
        #expect(list.status == 0, "\(list)")
        let ideas = try #require(try jsonArray(list.stdout), "\(list)")
        let listed = try #require(ideas.first { $0["id"] as? Int == ideaId }, "\(list)")
        #expect(listed["title"] as? String == "Vélos partagés")
        #expect(listed["team_id"] as? Int == teamId)
        #expect(listed["body"] as? String == "# Détails\n\nUne idée longue.\n")

        let teams = try runHackctl(["team", "list", "--json", "--event", Demo.eventSlug] + server)
        #expect(try jsonArray(teams.stdout)?.contains { $0["id"] as? Int == teamId } == true, "\(teams)")

        let update = try runHackctl(["idea", "update", String(ideaId), "--title", "Vélos en libre-service"] + server)
        #expect(update.status == 0, "\(update)")
        let revisions = try runHackctl(["idea", "revisions", String(ideaId), "--json"] + server)
        #expect(try jsonArray(revisions.stdout)?.compactMap { $0["revision"] as? Int } == [1, 2], "\(revisions)")

        let table = try runHackctl(["idea", "list", "--team", String(teamId)] + server)
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("Vélos en libre-service"), "\(table)")
    }

    @Test("a server error exits non-zero with the status name on stderr")
    func serverError() throws {
        let hackd = try HackdProcess.start()
        let server = try hackd.hackctlOptions(role: "admin")
        let missing = try runHackctl(["event", "show", "no-such-event"] + server)
        #expect(missing.status == 15, "\(missing)")  // 10 + NOT_FOUND
        #expect(missing.stderr.hasPrefix("error: NOT_FOUND: "), "\(missing)")
        #expect(missing.stdout.isEmpty, "\(missing)")

        let invalid = try runHackctl(["team", "create", "--challenge", "1", "--name", ""] + server)
        #expect(invalid.status == 13, "\(invalid)")  // 10 + INVALID_ARGUMENT
        #expect(invalid.stderr.hasPrefix("error: INVALID_ARGUMENT: "), "\(invalid)")
        #expect(invalid.stderr.contains("name"), "\(invalid)")
    }

    @Test("an unreachable server is named in the error")
    func unreachable() throws {
        let address = "127.0.0.1:\(try RawSocket.unusedPort())"
        let result = try runHackctl(["event", "list", "--server", address])
        #expect(result.status == 24, "\(result)")  // 10 + UNAVAILABLE
        #expect(result.stderr.hasPrefix("error: UNAVAILABLE: "), "\(result)")
        #expect(result.stderr.contains(address), "\(result)")
    }

    @Test("argument problems are usage errors, before any connection")
    func usageErrors() throws {
        let cases: [[String]] = [
            ["idea", "update", "1"],
            ["event", "create", "x", "--name", "X", "--time-zone", "Europe/Paris", "--date", "2017-10-10", "--phase", "hack soon"],
            ["event", "list", "--server", "nowhere"],
            ["team", "create", "--challenge", "Not A Slug", "--name", "T"],
        ]
        for arguments in cases {
            let result = try runHackctl(arguments + ["--server", "127.0.0.1:1"].suffix(arguments.contains("--server") ? 0 : 2))
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr.contains("Error:"), "\(arguments): \(result)")
        }
    }
}
