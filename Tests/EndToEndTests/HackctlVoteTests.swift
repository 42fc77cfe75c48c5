import Foundation
import HackClient
import HackProtocol
import Testing

/// The audience vote with the built hackctl against a real hackd: codes
/// printed for cards, votes cast without a token, the tally as JSON.
@Suite("hackctl vote")
struct HackctlVoteTests {
    @Test("codes are printed, cast without a token once per challenge, and tallied")
    func codesCastTally() throws {
        let hackd = try HackdProcess.start()
        let organiser = try hackd.hackctlOptions()
        let anonymous = ["--server", hackd.address.description]
        let slug = Demo.eventSlug
        let connection = try hackd.connect()
        try connection.startHackPhase()
        let first = try connection.createIdea(team: 1, title: "Rayonnement régional", pitch: "Attirer Lille")
        let second = try connection.createIdea(team: 1, title: "Gare des Flandres", pitch: "Un TER direct")
        try connection.runEvent(toPhase: 4)

        let text = try runHackctl(["vote", "codes", slug, "--count", "3"] + organiser)
        #expect(text.status == 0, "\(text)")
        let codes = text.stdout.split(separator: "\n").map(String.init)
        #expect(codes.count == 3, "\(text)")
        #expect(codes.allSatisfy { $0.wholeMatch(of: /[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}/) != nil }, "\(text)")
        let csv = try runHackctl(["vote", "codes", slug, "--count", "2", "--format", "csv"] + organiser)
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.hasPrefix("number,code\n1,") && csv.stdout.contains("\n2,"), "\(csv)")
        let json = try runHackctl(["vote", "codes", slug, "--count", "1", "--json"] + organiser)
        #expect(try (JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String])?.count == 1, "\(json)")

        // No token at all: the code is the credential; typed loosely.
        let loose = codes[0].lowercased().replacingOccurrences(of: "-", with: " ")
        let cast = try runHackctl(["vote", "cast", slug, "--code", loose, "--challenge", "1", "--idea", String(second.id)] + anonymous)
        #expect(cast.status == 0, "\(cast)")
        #expect(cast.stdout.contains("Vote recorded: idea \(second.id) in challenge 1"), "\(cast)")
        let again = try runHackctl(["vote", "cast", slug, "--code", codes[0], "--challenge", "1", "--idea", String(first.id)] + anonymous)
        #expect(again.status == 19, "\(again)")  // 10 + FAILED_PRECONDITION
        #expect(again.stderr == "error: FAILED_PRECONDITION: this code has already voted for challenge 1\n", "\(again)")
        let bySlug = try runHackctl(["vote", "cast", slug, "--code", codes[1], "--challenge", "saint-omer", "--idea", String(second.id)] + anonymous)
        #expect(bySlug.status == 64 && bySlug.stderr.contains("give the challenge's id"), "\(bySlug)")
        let withToken = try runHackctl(["vote", "cast", slug, "--code", codes[1], "--challenge", "saint-omer", "--idea", String(first.id)]
                                       + hackd.hackctlOptions(role: "observer"))
        #expect(withToken.status == 0, "\(withToken)")
        let third = try runHackctl(["vote", "cast", slug, "--code", codes[2], "--challenge", "1", "--idea", String(second.id), "--json"] + anonymous)
        #expect(third.status == 0 && third.stdout.contains("\"idea_id\":\(second.id)"), "\(third)")

        let observer = try runHackctl(["vote", "tally", slug] + hackd.hackctlOptions(role: "observer"))
        #expect(observer.status == 17, "\(observer)")  // 10 + PERMISSION_DENIED until the event finishes
        let tally = try runHackctl(["vote", "tally", slug, "--json"] + organiser)
        #expect(tally.status == 0, "\(tally)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(tally.stdout.utf8)) as? [String: Any], "\(tally)")
        #expect(object["codes_issued"] as? Int == 6 && object["codes_used"] as? Int == 3, "\(tally)")
        #expect(object["final"] == nil, "\(tally)")  // false: left out, as proto3 JSON does
        let challenges = try #require(object["challenges"] as? [[String: Any]], "\(tally)")
        let ideas = try #require(challenges.first?["ideas"] as? [[String: Any]], "\(tally)")
        #expect(ideas.map { $0["idea_id"] as? Int } == [Int(second.id), Int(first.id)], "\(tally)")
        #expect(ideas.map { $0["votes"] as? Int } == [2, 1], "\(tally)")
        let table = try runHackctl(["vote", "tally", slug] + organiser)
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("live") && table.stdout.contains("Codes: 6 issued, 3 used"), "\(table)")
        #expect(table.stdout.contains("Challenge 1 — saint-omer: "), "\(table)")
        #expect(table.stdout.contains("Gare des Flandres"), "\(table)")

        // Once the event has finished, every token of the event reads the final tally.
        try connection.runEvent(toPhase: 5)
        let public_ = try runHackctl(["vote", "tally", slug, "--json"] + hackd.hackctlOptions(role: "observer"))
        #expect(public_.status == 0, "\(public_)")
        #expect(try (JSONSerialization.jsonObject(with: Data(public_.stdout.utf8)) as? [String: Any])?["final"] as? Bool == true)
        #expect(hackd.terminate() == 0)
    }

    @Test("the database holds no voter code in clear")
    func noCodeInDatabase() throws {
        let hackd = try HackdProcess.start()
        var request = Hack_V1_IssueVoterCodesRequest()
        request.eventSlug = Demo.eventSlug
        request.count = 50
        let codes = try hackd.connect().call(Methods.Votes.issueCodes, request).codes
        #expect(codes.count == 50)
        func check(_ moment: String) {
            for path in [hackd.databasePath, hackd.databasePath + "-wal"] {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                for code in codes {
                    for form in [code, code.replacingOccurrences(of: "-", with: "")] {
                        #expect(data.range(of: Data(form.utf8)) == nil, "\(moment): \(path) holds a voter code in clear")
                    }
                }
            }
        }
        check("while serving")
        #expect(hackd.terminate() == 0)
        check("after stopping")
    }
}
