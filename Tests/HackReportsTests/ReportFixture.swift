import HackReports

/// A small restitution, as the server would fill it: two territories, a
/// tie, an unscored idea, an uncosigned synthesis, a 3-minute-late start.
enum ReportFixture {
    static let start: Int64 = 1_507_626_180_000  // 2017-10-10 11:03 in Paris

    static func report(votesFinal: Bool = false) -> EventReport {
        let minute: Int64 = 60_000
        return EventReport(
            slug: "parcours-france-2017", name: "Hackathon #OpenTerritoires — PARCOURS FRANCE 2017",
            venue: "Espace Champerret, Paris", date: "2017-10-10", timeZone: "Europe/Paris",
            theme: "Territoires de startups – accélérer l'innovation locale", status: "finished",
            generatedAtMs: start + 290 * minute,
            agenda: [
                .init(number: 1, kind: "intro", name: "Introduction générale", plannedStart: "11:00", plannedMinutes: 5,
                      startMs: start, endMs: start + 5 * minute, driftMs: 3 * minute),
                .init(number: 2, kind: "hack", name: "Hack", plannedStart: "11:05", plannedMinutes: 115,
                      startMs: start + 5 * minute, endMs: start + 130 * minute, driftMs: 3 * minute),
                .init(number: 3, kind: "synthesis", name: "Synthèse", plannedStart: "13:00", plannedMinutes: 60,
                      startMs: nil, endMs: nil, driftMs: nil),
            ],
            rubric: .init(scaleMin: 1, scaleMax: 5, criteria: [
                .init(key: "impact", name: "Impact pour le territoire", weight: 3),
                .init(key: "faisabilite", name: "Faisabilité", weight: 2),
            ]),
            territories: [
                .init(slug: "saint-omer", name: "Communauté d'agglomération du pays de Saint-Omer",
                      representative: "Aurélien Brietz", representativeRole: "spécialiste du numérique, DSI",
                      challengeId: 1, challengeTitle: "La Station : un lieu totem",
                      challengeContext: "L'ancienne gare rouvre en 2019.", themes: ["numérique", "tiers-lieu"],
                      teams: ["Les hackers de La Station", "Les Audomarois"],
                      synthesis: .init(summary: "Ancrer La Station dans la région.", nextSteps: "Tester le mentoring dès 2018.",
                                       revision: 3, author: "Modération Saint-Omer", cosignedBy: "Aurélien Brietz",
                                       retained: [.init(ideaId: 1, title: "Rayonnement régional", team: "Les hackers de La Station",
                                                        pitch: "Attirer Lille et Dunkerque.", reason: "Change d'échelle; \"vite\"")]),
                      ideas: [
                        .init(id: 1, title: "Rayonnement régional", team: "Les hackers de La Station", pitch: "Attirer Lille et Dunkerque.",
                              retained: true, rank: 1, tied: true, normalized: 0.5, rawMean: 4.25, scores: 2,
                              criterionMeans: [4.5, 3.875], votes: 12),
                        .init(id: 2, title: "Mentoring", team: "Les Audomarois", pitch: "Parrainer, mentorer.",
                              retained: false, rank: 1, tied: true, normalized: 0.5, rawMean: 3.5, scores: 2,
                              criterionMeans: [3, 4.25], votes: 7),
                        .init(id: 3, title: "14 000 jeunes", team: "Les Audomarois", pitch: "",
                              retained: false, rank: 3, tied: false, normalized: -1, rawMean: 2, scores: 2,
                              criterionMeans: [2, 2], votes: 0),
                        .init(id: 4, title: "Deux ou trois thématiques", team: "Les Audomarois", pitch: "French Tech",
                              retained: false, rank: nil, tied: false, normalized: nil, rawMean: nil, scores: 0,
                              criterionMeans: [], votes: 1),
                      ],
                      jurors: 2),
                .init(slug: "orleans", name: "Orléans-Val de Loire Technopôle", representative: "Frédéric Ros",
                      representativeRole: "directeur", challengeId: 2, challengeTitle: "Industry Lab",
                      challengeContext: "", themes: [], teams: [], synthesis: nil, ideas: [], jurors: 0),
            ],
            votesFinal: votesFinal)
    }
}
