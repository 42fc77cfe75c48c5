import Foundation
import HackClient
import HackProtocol
import Testing

/// Judging with the built hackctl against a real hackd --demo: the juror
/// scores during synthesis, the organiser reads the ranking.
@Suite("hackctl judging")
struct HackctlJudgingTests {
    @Test("rubric show, score, progress, scores and ranking --json")
    func scoreAndRank() throws {
        let hackd = try HackdProcess.start()
        let slug = Demo.eventSlug
        let organiser = try hackd.connect(as: "organiser")
        defer { organiser.close() }
        try organiser.startHackPhase()
        let first = try organiser.createIdea(team: 1, title: "Rayonnement régional", pitch: "Attirer Lille et Dunkerque")
        let second = try organiser.createIdea(team: 1, title: "Café-atelier à la gare", pitch: "Ouvrir avant 2019")
        try organiser.runEvent(toPhase: 2)

        let rubric = try runHackctl(["rubric", "show", slug] + hackd.hackctlOptions(role: "observer"))
        #expect(rubric.status == 0, "\(rubric)")
        #expect(rubric.stdout.hasPrefix("Rubric of parcours-france-2017: 4 criteria, scale 1–5"), "\(rubric)")
        #expect(rubric.stdout.contains("Faisabilité"), "\(rubric)")

        let juror = try hackd.hackctlOptions(role: "juror")
        let progress = try runHackctl(["progress", slug] + juror)
        #expect(progress.status == 0, "\(progress)")
        #expect(progress.stdout.hasPrefix("2 ideas left: #\(first.id), #\(second.id)"), "\(progress)")

        let values = ["--value", "impact=4", "--value", "faisabilite=3", "--value", "innovation=5", "--value", "ancrage=2"]
        let scored = try runHackctl(["score", String(first.id)] + values + ["--json"] + juror)
        #expect(scored.status == 0, "\(scored)")
        let score = try #require(try jsonObject(scored.stdout), "\(scored)")
        #expect(score["total"] as? Double == 3.4)
        #expect(score["revision"] as? Int == 1)
        #expect(score["juror_name"] as? String == "Démo · jury")

        let incomplete = try runHackctl(["score", String(second.id), "--value", "impact=4"] + juror)
        #expect(incomplete.status == 13, "\(incomplete)")  // 10 + INVALID_ARGUMENT
        #expect(incomplete.stderr.contains("missing a value for \"faisabilite\""), "\(incomplete)")
        let text = try runHackctl(["score", String(second.id), "--value", "impact=2", "--value", "faisabilite=2",
                                   "--value", "innovation=2", "--value", "ancrage=2"] + juror)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("2.00"), "\(text)")

        let done = try runHackctl(["progress", slug] + juror)
        #expect(done.stdout.hasPrefix("nothing left: 2 of 2 ideas scored"), "\(done)")

        let scores = try runHackctl(["scores", slug, "--challenge", "saint-omer", "--json"] + hackd.hackctlOptions())
        #expect(scores.status == 0, "\(scores)")
        #expect(try jsonArray(scores.stdout)?.count == 2, "\(scores)")

        let ranking = try runHackctl(["ranking", slug, "--challenge", "1", "--json"] + hackd.hackctlOptions())
        #expect(ranking.status == 0, "\(ranking)")
        let rankings = try #require(try jsonArray(ranking.stdout), "\(ranking)")
        #expect(rankings.count == 1)
        #expect(rankings.first?["territory_slug"] as? String == "saint-omer")
        let ideas = try #require(rankings.first?["ideas"] as? [[String: Any]])
        #expect(ideas.map { $0["idea_id"] as? Int } == [Int(first.id), Int(second.id)])
        #expect(ideas.map { $0["rank"] as? Int } == [1, 2])
        let normalized = try #require(ideas.first?["normalized"] as? Double)
        #expect(abs(normalized - 1) < 1e-9)  // one juror, two totals: z = ±1
        #expect(ideas.first?["raw_mean"] as? Double == 3.4)

        let table = try runHackctl(["ranking", slug] + hackd.hackctlOptions())
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("Challenge 1 (saint-omer): 1 juror, 2 ideas"), "\(table)")
        #expect(table.stdout.contains("RANK  NORMALIZED  RAW MEAN  SCORES  TITLE"), "\(table)")

        let observer = try runHackctl(["ranking", slug] + hackd.hackctlOptions(role: "observer"))
        #expect(observer.status == 17, "\(observer)")  // 10 + PERMISSION_DENIED, until restitution
    }
}
