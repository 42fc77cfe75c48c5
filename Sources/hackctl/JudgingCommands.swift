import ArgumentParser
import Foundation
import HackClient
import HackProtocol

// The jurors' commands (score, progress) and the readers' (scores, ranking).

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score an idea as a juror, during the synthesis phase; scoring again replaces your score.",
        discussion: "Give a value for every criterion of the rubric (hackctl rubric show). Example: hackctl score 4 --value impact=4 --value faisabilite=3 --value innovation=5 --value ancrage=4"
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The idea's id.", valueName: "idea"), transform: IdText.parse) var idea: UInt64
    @Option(help: ArgumentHelp("A criterion's value, KEY=NUMBER. Repeat for each criterion.", valueName: "key=value"),
            transform: KeyedText.parseValue)
    var value: [Hack_V1_CriterionScore] = []

    func validate() throws {
        if value.isEmpty { throw ValidationError("give a --value KEY=NUMBER for every criterion of the rubric") }
    }

    func run() throws {
        try global.withClient { client in
            var request = Hack_V1_ScoreIdeaRequest()
            request.ideaID = idea
            request.values = value
            let score = try client.call(Methods.Judging.scoreIdea, request)
            if client.json { return try Output.json(score) }
            let timeZone = try client.timeZone(ofChallenge: score.challengeID)
            var details = Details()
            details.add("idea", "#\(score.ideaID) (challenge \(score.challengeID))")
            details.add("juror", Text.holder(name: score.jurorName, id: score.jurorTokenID))
            details.add("total", JudgingText.total(score.total))
            details.add("values", JudgingText.values(score.values))
            details.add("revision", String(score.revision))
            details.add("updated", Text.timestamp(ms: score.updatedAtMs, in: timeZone))
            details.print()
        }
    }
}

struct ScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "List the scores of an event or a challenge (a juror sees only their own)."
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: EventChallengeScope

    func run() throws {
        try global.withClient { client in
            var request = Hack_V1_ListScoresRequest()
            (request.eventSlug, request.challengeID) = try scope.resolve(client)
            let scores = try client.call(Methods.Judging.listScores, request).scores
            if client.json { return try Output.json(scores) }
            let timeZone = try client.timeZone(ofEvent: request.eventSlug)
            var table = Table("IDEA", "CHALLENGE", "JUROR", "TOTAL", "REV", "UPDATED", "VALUES", rightAligned: [0, 1, 3, 4])
            for score in scores {
                table.add("#\(score.ideaID)", String(score.challengeID), Text.holder(name: score.jurorName, id: score.jurorTokenID),
                          JudgingText.total(score.total), String(score.revision),
                          Text.timestamp(ms: score.updatedAtMs, in: timeZone), JudgingText.values(score.values))
            }
            table.print()
        }
    }
}

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "What is left for you to score, as a juror."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The event (default: the only event on the server).", valueName: "event"))
    var event: String?

    func run() throws {
        try global.withClient { client in
            var request = Hack_V1_JurorProgressRequest()
            request.eventSlug = try client.eventSlug(event)
            let progress = try client.call(Methods.Judging.progress, request)
            if client.json { return try Output.json(progress) }
            for line in JudgingText.progress(progress) { Output.line(line) }
        }
    }
}

struct RankingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ranking",
        abstract: "Rank each challenge's ideas (jurors' scores normalized: harsh and generous jurors weigh the same).",
        discussion: "RANK \"=2\" marks ideas sharing their rank; \"-\" an idea nobody scored. NORMALIZED is the mean of its jurors' z-scores; RAW MEAN the mean of its totals."
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var scope: EventChallengeScope

    func run() throws {
        try global.withClient { client in
            var request = Hack_V1_RankingsRequest()
            (request.eventSlug, request.challengeID) = try scope.resolve(client)
            let rankings = try client.call(Methods.Judging.rankings, request).rankings
            if client.json { return try Output.json(rankings) }
            Output.line(JudgingText.rankings(rankings))
        }
    }
}

/// How judging values read in tables.
enum JudgingText {
    /// Two decimals: "3.60".
    static func total(_ value: Double) -> String { String(format: "%.2f", value) }

    /// "impact=4 faisabilite=3".
    static func values(_ values: [Hack_V1_CriterionScore]) -> String {
        values.map { "\($0.criterion)=\($0.value)" }.joined(separator: " ")
    }

    /// "3 ideas left: #4, #7, #9" then "2 of 5 scored"; or "nothing left: 5 of 5 scored".
    static func progress(_ progress: Hack_V1_JurorProgress) -> [String] {
        let done = "\(progress.scored) of \(Text.count(Int(progress.ideasToScore), "idea")) scored"
        guard !progress.left.isEmpty else { return ["nothing left: \(done)"] }
        let ids = progress.left.map { "#\($0)" }.joined(separator: ", ")
        return ["\(Text.count(progress.left.count, "idea")) left: \(ids)", done]
    }

    /// One table per challenge under a heading line; blank lines between.
    static func rankings(_ rankings: [Hack_V1_Ranking]) -> String {
        guard !rankings.isEmpty else { return "no challenge to rank" }
        return rankings.map { ranking in
            var table = Table("RANK", "NORMALIZED", "RAW MEAN", "SCORES", "TITLE", "TEAM", rightAligned: [0, 1, 2, 3])
            for idea in ranking.ideas {
                let scored = idea.rank > 0
                table.add(scored ? (idea.tied ? "=" : "") + String(idea.rank) : "-",
                          scored ? String(format: "%+.3f", idea.normalized) : "-",
                          scored ? total(idea.rawMean) : "-",
                          String(idea.scores), idea.title, Text.orDash(idea.teamName))
            }
            let heading = "Challenge \(ranking.challengeID) (\(ranking.territorySlug)): "
                + "\(Text.count(Int(ranking.jurors), "juror")), \(Text.count(ranking.ideas.count, "idea"))"
            return heading + "\n" + (ranking.ideas.isEmpty ? "(no ideas)" : table.render())
        }.joined(separator: "\n\n")
    }
}

/// An event, and optionally one of its challenges: what listings of scores and rankings narrow to.
struct EventChallengeScope: ParsableArguments {
    @Argument(help: ArgumentHelp("The event (default: the only event on the server).", valueName: "event"))
    var event: String?
    @Option(help: ArgumentHelp("Only this challenge (id or territory slug).", valueName: "id|territory"), transform: ChallengeRef.parse)
    var challenge: ChallengeRef?

    /// The event's slug and the challenge's id (0: every challenge).
    func resolve(_ client: Client) throws -> (String, UInt64) {
        let slug = try client.eventSlug(event)
        return (slug, try challenge.map { try client.challengeId($0, event: slug) } ?? 0)
    }
}
