import ArgumentParser
import Foundation
import HackClient
import HackProtocol

/// `hackctl vote`: the audience vote during restitution.
struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Issue voter codes, cast an audience vote, show the tally.",
        discussion: """
            The audience votes during the restitution phase with one-time codes such as \
            K7MQ-4XTP-9HRW: one vote per code in each challenge. Codes are shown once, when \
            issued (hackd keeps only a hash): print them on cards. Casting a vote needs no \
            token, only a code. The tally is live for the organisers and public to every \
            token of the event once the event has finished.
            """,
        subcommands: [Codes.self, Cast.self, Tally.self]
    )
}

extension VoteCommand {
    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue voter codes for an event and print them (shown once).",
            discussion: """
                Text: one code per line, ready for a mail merge of cards. CSV: a header \
                "number,code", then one numbered code per line. With --json: a JSON array of codes.
                Example: hackctl vote codes parcours-france-2017 --count 200 --format csv > codes.csv
                """
        )
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, csv
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var event: String
        @Option(help: ArgumentHelp("How many codes (1 to 5000 per call).", valueName: "n")) var count: UInt32
        @Option(help: "text (one code per line) or csv.") var format: Format = .text

        func validate() throws {
            guard (1...5_000).contains(count) else { throw ValidationError("--count: 1 to 5000, got \(count)") }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_IssueVoterCodesRequest()
                request.eventSlug = event
                request.count = count
                let codes = try client.call(Methods.Votes.issueCodes, request).codes
                if client.json { return Output.line(VoteText.jsonArray(codes)) }
                switch format {
                case .text:
                    for code in codes { Output.line(code) }
                case .csv:
                    Output.line("number,code")
                    for (index, code) in codes.enumerated() { Output.line("\(index + 1),\(code)") }
                }
            }
        }
    }

    struct Cast: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cast an audience vote with a voter code (no token needed).",
            discussion: """
                The code as printed; case, dashes and spaces do not matter. --challenge takes the \
                challenge's id, or its territory's slug when a token is given (looking it up needs one).
                Example: hackctl vote cast parcours-france-2017 --code K7MQ-4XTP-9HRW --challenge 1 --idea 3
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var event: String
        @Option(help: ArgumentHelp("The voter code, e.g. K7MQ-4XTP-9HRW.", valueName: "code")) var code: String
        @Option(help: ArgumentHelp("The challenge voted in: its id (or territory slug, with a token).", valueName: "id|territory"),
                transform: ChallengeRef.parse)
        var challenge: ChallengeRef
        @Option(help: ArgumentHelp("The idea voted for (an idea of that challenge).", valueName: "id"), transform: IdText.parse)
        var idea: UInt64

        func validate() throws {
            if case .territory(let slug) = challenge, global.resolvedToken() == nil {
                throw ValidationError("--challenge \(slug): without a token, give the challenge's id (looking a territory up needs a token)")
            }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_CastVoteRequest()
                request.eventSlug = event
                request.code = code
                request.challengeID = try client.challengeId(challenge, event: event)
                request.ideaID = idea
                let cast = try client.call(Methods.Votes.cast, request)
                if client.json { return try Output.json(cast) }
                Output.line("Vote recorded: idea \(cast.ideaID) in challenge \(cast.challengeID).")
            }
        }
    }

    struct Tally: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the votes per challenge, most voted ideas first.",
            discussion: """
                Live for admin and the event's organiser; for every token of the event once it has \
                finished (the tally is then final). With --json: the VoteTally object.
                Example: hackctl vote tally parcours-france-2017
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's slug.") var event: String

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_VoteTallyRequest()
                request.eventSlug = event
                let tally = try client.call(Methods.Votes.tally, request)
                if client.json { return try Output.json(tally) }
                var challenges = Hack_V1_ListChallengesRequest()
                challenges.eventSlug = event
                let names = Dictionary(uniqueKeysWithValues: try client.call(Methods.Challenges.list, challenges).challenges.map {
                    ($0.id, "\($0.territorySlug): \($0.title)")
                })
                VoteText.print(tally, challengeNames: names)
            }
        }
    }
}

/// How votes read in a terminal.
enum VoteText {
    static func print(_ tally: Hack_V1_VoteTally, challengeNames: [UInt64: String]) {
        Output.line("Audience vote of \(tally.eventSlug): \(tally.final ? "final" : "live (final once the event has finished)")")
        Output.line("Codes: \(tally.codesIssued) issued, \(tally.codesUsed) used")
        for challenge in tally.challenges {
            Output.line()
            Output.line("Challenge \(challenge.challengeID)" + (challengeNames[challenge.challengeID].map { " — \($0)" } ?? ""))
            guard !challenge.ideas.isEmpty else {
                Output.line("(no idea)")
                continue
            }
            var table = Table("VOTES", "IDEA", "TITLE", rightAligned: [0, 1])
            for idea in challenge.ideas { table.add(String(idea.votes), String(idea.ideaID), idea.title) }
            table.print()
        }
    }

    /// ["K7MQ-4XTP-9HRW", …] on one line.
    static func jsonArray(_ codes: [String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: codes), let text = String(data: data, encoding: .utf8) else {
            return "[]"
        }
        return text
    }
}
