import HackDomain
import HackProtocol
import Testing

/// Replays `DemoDay` through the router, on the manual clock, as each role
/// would: the organiser runs the day, teams post, jurors score, moderators
/// write, representatives co-sign, the public votes. Tokens are the demo's
/// plus those the organiser issues on the way.
struct DemoDayDriver {
    let harness: ServiceHarness
    static let slug = DemoScenario.eventSlug
    static let minute: Int64 = 60_000

    /// Team id and team token per territory, in `DemoDay.tables` order.
    private(set) var teams: [(id: UInt64, token: String)] = []
    /// Idea ids per territory, in `DemoDay.tables` order.
    private(set) var ideas: [[UInt64]] = []
    /// Generosity per juror token: harsh jurors use the low end of the scale.
    private(set) var jurors: [(token: String, generosity: Double)] = []
    /// Each territory's representative's own token (named after them: they co-sign), in table order.
    private(set) var representatives: [String] = []

    init(harness: ServiceHarness) {
        self.harness = harness
    }

    var organiser: String { harness.secret("organiser") }

    func challengeId(_ territory: String) throws -> UInt64 {
        let challenges = try harness.call(Methods.Challenges.list, .with { $0.eventSlug = Self.slug }).get().challenges
        return try #require(challenges.first { $0.territorySlug == territory }).id
    }

    /// The organiser's preparation: a team and its token per table, two more jurors.
    mutating func prepare() throws {
        let existing = try harness.call(Methods.Teams.list, .with { $0.eventSlug = Self.slug }).get().teams
        for table in DemoDay.tables {
            let challenge = try challengeId(table.territory)
            let team = try existing.first { $0.name == table.team } ?? harness.call(Methods.Teams.create, .with {
                $0.challengeID = challenge
                $0.name = table.team
                $0.members = table.members.map { member in .with { $0.name = member.name; $0.role = member.role } }
            }).get()
            let token = try harness.call(Methods.Tokens.issue, .with {
                $0.name = "Équipe \(table.team)"
                $0.role = .team
                $0.eventSlug = Self.slug
                $0.teamID = team.id
            }).get()
            teams.append((team.id, token.secret))
            let territory = try harness.call(Methods.Territories.get, .with { $0.slug = table.territory }).get()
            representatives.append(try harness.call(Methods.Tokens.issue, .with {
                $0.name = territory.representative.name
                $0.role = .territory
                $0.eventSlug = Self.slug
                $0.territorySlug = table.territory
            }).get().secret)
        }
        let allChallenges = try DemoDay.tables.map { try challengeId($0.territory) }
        jurors.append((harness.secret("juror"), 0.5))
        for (name, generosity) in [("Juré sévère", 0.0), ("Juré généreux", 1.0)] {
            let token = try harness.call(Methods.Tokens.issue, .with {
                $0.name = name
                $0.role = .juror
                $0.eventSlug = Self.slug
                $0.challengeIds = allChallenges
            }).get()
            jurors.append((token.secret, generosity))
        }
    }

    /// Each team posts its ideas, a minute apart.
    mutating func postIdeas() throws {
        for (index, table) in DemoDay.tables.enumerated() {
            var posted: [UInt64] = []
            for idea in table.ideas {
                harness.advanceClock(by: Self.minute)
                posted.append(try harness.call(Methods.Ideas.create, .with {
                    $0.teamID = teams[index].id
                    $0.title = idea.title
                    $0.pitch = idea.pitch
                }, token: teams[index].token).get().id)
            }
            ideas.append(posted)
        }
    }

    /// Every juror scores every idea: merit spread over the scale, shifted by generosity.
    func score() throws {
        let rubric = try harness.call(Methods.Judging.getRubric, .with { $0.eventSlug = Self.slug }).get()
        let span = Double(rubric.scaleMax - rubric.scaleMin)
        for juror in jurors {
            for (table, ids) in zip(DemoDay.tables, ideas) {
                for (idea, id) in zip(table.ideas, ids) {
                    _ = try harness.call(Methods.Judging.scoreIdea, .with {
                        $0.ideaID = id
                        $0.values = rubric.criteria.enumerated().map { offset, criterion in
                            let lean = (juror.generosity - 0.5) * 0.5 + (offset.isMultiple(of: 2) ? 0 : -0.1)
                            let value = (Double(rubric.scaleMin) + span * min(1, max(0, idea.merit + lean))).rounded()
                            return .with { $0.criterion = criterion.key; $0.value = UInt32(value) }
                        }
                    }, token: juror.token).get()
                }
            }
        }
    }

    /// Each moderator saves its synthesis; each representative co-signs it.
    func writeSyntheses() throws {
        for ((table, ids), representative) in zip(zip(DemoDay.tables, ideas), representatives) {
            let challenge = try challengeId(table.territory)
            let scope = "\(Self.slug)/\(table.territory)"
            let saved = try harness.call(Methods.Syntheses.save, .with {
                $0.challengeID = challenge
                $0.summary = table.summary
                $0.nextSteps = table.nextSteps
                $0.retained = zip(table.ideas, ids).compactMap { idea, id in
                    idea.reason.map { reason in .with { $0.ideaID = id; $0.reason = reason } }
                }
            }, token: harness.secret("moderator", scope: scope)).get()
            _ = try harness.call(Methods.Syntheses.coSign, .with {
                $0.challengeID = challenge
                $0.revision = saved.revision
            }, token: representative).get()
        }
    }

    /// Visitors vote with printed codes: every code votes in every challenge, for a retained idea.
    func vote(codes count: UInt32) throws {
        let codes = try harness.call(Methods.Votes.issueCodes, .with { $0.eventSlug = Self.slug; $0.count = count }).get().codes
        for (number, code) in codes.enumerated() {
            for (table, ids) in zip(DemoDay.tables, ideas) {
                let retained = zip(table.ideas, ids).filter { $0.0.reason != nil }.map(\.1)
                let challenge = try challengeId(table.territory)
                _ = try harness.call(Methods.Votes.cast, .with {
                    $0.eventSlug = Self.slug
                    $0.code = code
                    $0.challengeID = challenge
                    $0.ideaID = retained[number % retained.count]
                }, token: .some(nil)).get()
            }
        }
    }
}
