import Foundation
import HackClient
import HackDomain
import HackProtocol
import Testing

/// The demo day as its users live it: a real hackd, and every step through
/// the built hackctl with each role's own token — the organiser runs the
/// day, teams post the article's ideas, the juror scores, moderators write,
/// representatives co-sign, the press reads only what is public, visitors
/// vote without a token, and the press exports the report in both languages.
@Suite("the demo day, end to end")
struct DemoDayEndToEndTests {
    @Test("from the first idea to the press report, and the press saw nothing early")
    func demoDay() throws {
        let hackd = try HackdProcess.start()
        let organiser = try hackd.hackctlOptions(role: "organiser")
        let press = try hackd.hackctlOptions(role: "observer")
        func ok(_ arguments: [String], _ options: [String]) throws -> String {
            let result = try runHackctl(arguments + options)
            #expect(result.status == 0, "\(arguments): \(result)")
            return result.stdout
        }

        // Teams: the demo's for Saint-Omer; the organiser registers the two others and issues their tokens.
        var teamOptions: [[String]] = []
        for table in DemoDay.tables {
            if table.territory == "saint-omer" {
                teamOptions.append(try hackd.hackctlOptions(role: "team"))
                continue
            }
            let team = try #require(try jsonObject(ok(["team", "create", "--challenge", table.territory, "--name", table.team, "--json"], organiser)))
            let issued = try #require(try jsonObject(ok(["token", "issue", "--role", "team", "--event", Demo.eventSlug,
                                                         "--team", "\(team["id"] as? Int ?? 0)", "--name", table.team, "--json"], organiser)))
            teamOptions.append(["--server", hackd.address.description, "--token", try #require(issued["secret"] as? String)])
        }

        _ = try ok(["event", "start", Demo.eventSlug], organiser)
        _ = try ok(["event", "skip", Demo.eventSlug], organiser)  // the hack begins
        var ideaIds: [[Int]] = []
        for (table, options) in zip(DemoDay.tables, teamOptions) {
            ideaIds.append(try table.ideas.map { idea in
                try #require(try jsonObject(ok(["idea", "create", "--team", "\(try teamId(options, hackd))", "--title", idea.title,
                                                "--pitch", idea.pitch, "--json"], options))?["id"] as? Int)
            })
        }
        #expect(try jsonArray(ok(["idea", "list", "--event", Demo.eventSlug, "--json"], press))?.isEmpty == true, "the press sees no idea during the hack")

        _ = try ok(["event", "skip", Demo.eventSlug], organiser)  // synthesis
        let juror = try hackd.hackctlOptions(role: "juror")
        for (table, ids) in zip(DemoDay.tables, ideaIds) {
            for (idea, id) in zip(table.ideas, ids) {
                let value = max(1, min(5, Int((1 + 4 * idea.merit).rounded())))
                _ = try ok(["score", "\(id)"] + ["impact", "faisabilite", "innovation", "ancrage"].flatMap { ["--value", "\($0)=\(value)"] }, juror)
            }
            let scope = "\(Demo.eventSlug)/\(table.territory)"
            let retain = zip(table.ideas, ids).compactMap { idea, id in idea.reason.map { ["--retain", "\(id):\($0)"] } }.flatMap { $0 }
            _ = try ok(["synthesis", "save", table.territory, "--summary", table.summary, "--next-steps", table.nextSteps] + retain,
                       try hackd.hackctlOptions(role: "moderator", scope: scope))
            _ = try ok(["synthesis", "cosign", table.territory], try hackd.hackctlOptions(role: "territory", scope: scope))
            let hidden = try runHackctl(["synthesis", "show", table.territory] + press)
            #expect(hidden.status == 10 + 7, "the press cannot read a synthesis before restitution: \(hidden)")
        }
        #expect(try jsonArray(ok(["synthesis", "list", Demo.eventSlug, "--json"], press))?.isEmpty == true)
        #expect(try runHackctl(["ranking", Demo.eventSlug] + press).status == 10 + 7, "no ranking for the press before restitution")

        _ = try ok(["event", "skip", Demo.eventSlug], organiser)  // break
        _ = try ok(["event", "skip", Demo.eventSlug], organiser)  // restitution: public at once
        #expect(try jsonArray(ok(["synthesis", "list", Demo.eventSlug, "--json"], press))?.count == 3)
        let codes = try ok(["vote", "codes", Demo.eventSlug, "--count", "3"], organiser).split(separator: "\n").map(String.init)
        #expect(codes.count == 3)
        for code in codes {
            let cast = try runHackctl(["vote", "cast", Demo.eventSlug, "--code", code, "--challenge", "1", "--idea", "\(ideaIds[0][0])",
                                       "--server", hackd.address.description])
            #expect(cast.status == 0, "a visitor votes without a token: \(cast)")
        }
        _ = try ok(["event", "skip", Demo.eventSlug], organiser)  // finished

        for (language, heading) in [("fr", "## Le déroulé"), ("en", "## How the day ran")] {
            let report = try ok(["export", Demo.eventSlug, "--lang", language], press)
            #expect(report.contains(heading), "\(language): \(report)")
            for table in DemoDay.tables {
                for idea in table.ideas where idea.reason != nil {
                    #expect(report.contains("**\(idea.title)** — *\(table.team)*"), "\(language): \(idea.title)")
                }
            }
            #expect(report.contains("| 3 |\n") || report.contains("| 3 |"), "the audience's three votes: \(report)")
        }
        let csv = try ok(["export", Demo.eventSlug, "--format", "csv", "--lang", "en"], press)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + DemoDay.tables.flatMap(\.ideas).count)
        let json = try #require(try jsonObject(ok(["export", Demo.eventSlug, "--format", "json"], press)))
        #expect((json["report"] as? [String: Any])?["status"] as? String == "finished")
    }

    /// The team a team token belongs to.
    private func teamId(_ options: [String], _ hackd: HackdProcess) throws -> Int {
        let whoami = try runHackctl(["token", "whoami", "--json"] + options)
        return try #require(try jsonObject(whoami.stdout)?["team_id"] as? Int, "\(whoami)")
    }
}
