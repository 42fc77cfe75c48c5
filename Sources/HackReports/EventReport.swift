/// Everything a restitution report says, as plain values: the server fills
/// it from its state, the renderers turn it into Markdown, CSV or JSON. It
/// holds only what is public once restitution has begun.
///
/// Times are Unix milliseconds; `timeZone` says how to read them. The JSON
/// rendering is this structure as is (keys in snake_case), documented in
/// docs/REPORT.md.
public struct EventReport: Sendable, Equatable, Codable {
    public var slug: String
    public var name: String
    public var venue: String
    public var date: String
    public var timeZone: String
    public var theme: String
    /// draft, ready, running, paused, finished.
    public var status: String
    /// The server clock when the report was made.
    public var generatedAtMs: Int64
    public var agenda: [Phase]
    public var rubric: Rubric?
    public var territories: [Territory]
    /// The audience vote's counts, once the event has finished; nil before, or without a vote.
    public var votesFinal: Bool

    public init(slug: String, name: String, venue: String, date: String, timeZone: String, theme: String,
                status: String, generatedAtMs: Int64, agenda: [Phase], rubric: Rubric?, territories: [Territory],
                votesFinal: Bool) {
        self.slug = slug
        self.name = name
        self.venue = venue
        self.date = date
        self.timeZone = timeZone
        self.theme = theme
        self.status = status
        self.generatedAtMs = generatedAtMs
        self.agenda = agenda
        self.rubric = rubric
        self.territories = territories
        self.votesFinal = votesFinal
    }

    /// One phase as planned and as it really ran.
    public struct Phase: Sendable, Equatable, Codable {
        public var number: Int
        /// intro, hack, synthesis, break, restitution, custom.
        public var kind: String
        public var name: String
        /// "HH:MM" in the event's time zone, or nil when unplanned.
        public var plannedStart: String?
        public var plannedMinutes: Double
        public var startMs: Int64?
        public var endMs: Int64?
        /// Late (positive) or early against the plan.
        public var driftMs: Int64?

        public init(number: Int, kind: String, name: String, plannedStart: String?, plannedMinutes: Double,
                    startMs: Int64?, endMs: Int64?, driftMs: Int64?) {
            self.number = number
            self.kind = kind
            self.name = name
            self.plannedStart = plannedStart
            self.plannedMinutes = plannedMinutes
            self.startMs = startMs
            self.endMs = endMs
            self.driftMs = driftMs
        }
    }

    public struct Rubric: Sendable, Equatable, Codable {
        public var scaleMin: Int
        public var scaleMax: Int
        public var criteria: [Criterion]

        public init(scaleMin: Int, scaleMax: Int, criteria: [Criterion]) {
            self.scaleMin = scaleMin
            self.scaleMax = scaleMax
            self.criteria = criteria
        }
    }

    public struct Criterion: Sendable, Equatable, Codable {
        public var key: String
        public var name: String
        public var weight: Int

        public init(key: String, name: String, weight: Int) {
            self.key = key
            self.name = name
            self.weight = weight
        }
    }

    /// A territory, its challenge, its synthesis and its ideas.
    public struct Territory: Sendable, Equatable, Codable {
        public var slug: String
        public var name: String
        public var representative: String
        public var representativeRole: String
        public var challengeId: Int64
        public var challengeTitle: String
        public var challengeContext: String
        public var themes: [String]
        public var teams: [String]
        public var synthesis: Synthesis?
        /// Every idea of the challenge (all are public at restitution), in ranking order when ranked.
        public var ideas: [Idea]
        /// Jurors who scored at least one idea.
        public var jurors: Int

        public init(slug: String, name: String, representative: String, representativeRole: String, challengeId: Int64,
                    challengeTitle: String, challengeContext: String, themes: [String], teams: [String],
                    synthesis: Synthesis?, ideas: [Idea], jurors: Int) {
            self.slug = slug
            self.name = name
            self.representative = representative
            self.representativeRole = representativeRole
            self.challengeId = challengeId
            self.challengeTitle = challengeTitle
            self.challengeContext = challengeContext
            self.themes = themes
            self.teams = teams
            self.synthesis = synthesis
            self.ideas = ideas
            self.jurors = jurors
        }
    }

    public struct Synthesis: Sendable, Equatable, Codable {
        public var summary: String
        public var nextSteps: String
        public var revision: Int
        public var author: String
        /// The representative who co-signed the latest revision; nil when it is not co-signed.
        public var cosignedBy: String?
        /// In the territory's order.
        public var retained: [Retained]

        public init(summary: String, nextSteps: String, revision: Int, author: String, cosignedBy: String?, retained: [Retained]) {
            self.summary = summary
            self.nextSteps = nextSteps
            self.revision = revision
            self.author = author
            self.cosignedBy = cosignedBy
            self.retained = retained
        }
    }

    public struct Retained: Sendable, Equatable, Codable {
        public var ideaId: Int64
        public var title: String
        public var team: String
        public var pitch: String
        public var reason: String

        public init(ideaId: Int64, title: String, team: String, pitch: String, reason: String) {
            self.ideaId = ideaId
            self.title = title
            self.team = team
            self.pitch = pitch
            self.reason = reason
        }
    }

    public struct Idea: Sendable, Equatable, Codable {
        public var id: Int64
        public var title: String
        public var team: String
        public var pitch: String
        public var retained: Bool
        /// 1-based, shared when tied; nil when nobody scored it.
        public var rank: Int?
        public var tied: Bool
        public var normalized: Double?
        public var rawMean: Double?
        public var scores: Int
        /// Raw mean per criterion, in rubric order (empty when unscored).
        public var criterionMeans: [Double]
        /// nil unless the vote's counts are public.
        public var votes: Int?

        public init(id: Int64, title: String, team: String, pitch: String, retained: Bool, rank: Int?, tied: Bool,
                    normalized: Double?, rawMean: Double?, scores: Int, criterionMeans: [Double], votes: Int?) {
            self.id = id
            self.title = title
            self.team = team
            self.pitch = pitch
            self.retained = retained
            self.rank = rank
            self.tied = tied
            self.normalized = normalized
            self.rawMean = rawMean
            self.scores = scores
            self.criterionMeans = criterionMeans
            self.votes = votes
        }
    }
}
