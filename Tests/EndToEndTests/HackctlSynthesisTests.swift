import Foundation
import HackClient
import HackProtocol
import Testing

/// A territory's synthesis with the built hackctl against a real hackd:
/// the moderator saves, the representative co-signs, an observer reads it once published.
@Suite("hackctl synthesis")
struct HackctlSynthesisTests {
    @Test("save, cosign and show --json, accents intact")
    func saveCoSignShow() throws {
        let hackd = try HackdProcess.start()
        let organiser = try hackd.connect(as: "organiser")
        try organiser.runEvent(toPhase: 1)
        let team = try hackd.connect(as: "team")
        let idea = try team.createIdea(team: 1, title: "Tiers-lieu à la gare", pitch: "Un lieu ouvert")
        try organiser.runEvent(toPhase: 2)

        let scope = "\(Demo.eventSlug)/saint-omer"
        let moderator = try hackd.hackctlOptions(role: "moderator", scope: scope)
        let save = try runHackctl(["synthesis", "save", "saint-omer", "--summary", "Une piste retenue : « le tiers-lieu »",
                                   "--retain", "\(idea.id):Réaliste dès 2018", "--next-steps", "Étude de faisabilité"] + moderator)
        #expect(save.status == 0, "\(save)")
        #expect(save.stdout.contains("Une piste retenue : « le tiers-lieu »"), "\(save)")
        #expect(save.stdout.contains("Tiers-lieu à la gare"), "\(save)")

        // A second save keeps what it does not give: a new revision, not yet co-signed.
        let resave = try runHackctl(["synthesis", "save", "1", "--next-steps", "Étude, puis vote en conseil", "--json"] + moderator)
        let second = try object(resave)
        #expect(second["revision"] as? Int == 2)
        #expect((second["retained"] as? [[String: Any]])?.first?["reason"] as? String == "Réaliste dès 2018")

        let representative = try hackd.hackctlOptions(role: "territory", scope: scope)
        let stale = try runHackctl(["synthesis", "cosign", "saint-omer", "--revision", "1"] + representative)
        #expect(stale.status == 10 + 9, "FAILED_PRECONDITION: \(stale)")
        #expect(stale.stderr.contains("revision 1 is not the latest (2)"), "\(stale)")
        let cosign = try runHackctl(["synthesis", "cosign", "saint-omer"] + representative)
        #expect(cosign.status == 0, "\(cosign)")
        #expect(cosign.stdout.contains("r2 by "), "\(cosign)")

        let observer = try hackd.hackctlOptions(role: "observer")
        let hidden = try runHackctl(["synthesis", "show", "saint-omer", "--json"] + observer)
        #expect(hidden.status == 10 + 7, "PERMISSION_DENIED before restitution: \(hidden)")
        try organiser.runEvent(toPhase: 4)
        let shown = try object(runHackctl(["synthesis", "show", "saint-omer", "--json"] + observer))
        #expect(shown["summary"] as? String == "Une piste retenue : « le tiers-lieu »")
        #expect(shown["next_steps"] as? String == "Étude, puis vote en conseil")
        #expect(shown["signed_revision"] as? Int == 2 && shown["published"] as? Bool == true)
        let retained = try #require((shown["retained"] as? [[String: Any]])?.first)
        #expect(retained["title"] as? String == "Tiers-lieu à la gare" && retained["reason"] as? String == "Réaliste dès 2018")

        let list = try runHackctl(["synthesis", "list"] + observer)
        #expect(list.status == 0 && list.stdout.contains("saint-omer"), "\(list)")
        let revisions = try runHackctl(["synthesis", "revisions", "saint-omer", "--json"] + observer)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(revisions.stdout.utf8)) as? [[String: Any]], "\(revisions)")
        #expect(array.map { $0["revision"] as? Int } == [1, 2])
    }

    private func object(_ result: CommandResult) throws -> [String: Any] {
        #expect(result.status == 0, "\(result)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }
}
