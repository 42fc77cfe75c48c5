/// The PARCOURS FRANCE 2017 hackathon #OpenTerritoires, as commands: the
/// product's own demo data, compiled in so a fresh server can show a real
/// event without reading files. No teams or ideas: those are for visitors.
public enum DemoScenario {
    public static let eventSlug = "parcours-france-2017"

    /// Creates the event, its three territories, then their three challenges (in that order).
    public static let parcoursFrance2017: [Command] =
        [.createEvent(event)] + territories.map { .createTerritory($0) } + challenges.map { .createChallenge($0) }

    private static let minute: Int64 = 60_000

    private static let event = EventDraft(
        slug: eventSlug,
        name: "Hackathon #OpenTerritoires — PARCOURS FRANCE 2017",
        venue: "Espace Champerret, Paris",
        timeZone: "Europe/Paris",
        date: "2017-10-10",
        theme: "Territoires de startups – accélérer l'innovation locale",
        agenda: [
            PhaseDraft(kind: .intro, name: "Introduction générale", plannedStart: "11:00", durationMs: 5 * minute),
            PhaseDraft(kind: .hack, name: "Hack", plannedStart: "11:05", durationMs: 115 * minute),
            PhaseDraft(kind: .synthesis, name: "Synthèse (espace réservé, territoire + modérateur)", plannedStart: "13:00", durationMs: 60 * minute),
            PhaseDraft(kind: .pause, name: "Pause", plannedStart: "14:00", durationMs: 60 * minute),
            PhaseDraft(kind: .restitution, name: "Restitution devant la presse et les visiteurs", plannedStart: "15:00", durationMs: 45 * minute),
        ])

    private static let territories: [TerritoryDraft] = [
        TerritoryDraft(
            slug: "saint-omer",
            name: "Communauté d'agglomération du pays de Saint-Omer",
            representative: Person(name: "Aurélien Brietz", role: "spécialiste du numérique, DSI")),
        TerritoryDraft(
            slug: "orleans",
            name: "Orléans-Val de Loire Technopôle (Orléans Métropole)",
            representative: Person(name: "Frédéric Ros", role: "directeur")),
        TerritoryDraft(
            slug: "haute-saintonge",
            name: "Communauté de communes de la Haute Saintonge",
            representative: Person(name: "Emmanuelle Mino", role: "chargée d'études environnement, réseau Symbiose")),
    ]

    private static let challenges: [ChallengeDraft] = [
        ChallengeDraft(
            eventSlug: eventSlug,
            territorySlug: "saint-omer",
            title: "La Station : faire de l'ancienne gare un lieu totem de l'entrepreneuriat et du numérique",
            context: "In May 2016 the agglomeration bought the former SNCF station (3,500 m², high heritage value). It reopens in 2019 as 'La Station', a place meant to spread an entrepreneurial and digital culture over the territory. A preview pavilion already shows a Fab Lab and a coworking space. The challenge: open in two years with a space already filled and a dynamic that starts at once; test ideas on site, at small scale, and retain the most effective.",
            themes: ["numérique", "entrepreneuriat", "tiers-lieu"]),
        ChallengeDraft(
            eventSlug: eventSlug,
            territorySlug: "orleans",
            title: "Industry Lab : positionnement face aux structures similaires",
            context: "The Lab'O of Orléans gathers on 15,000 m² project holders, startups and growups, a cluster, a coding school, a labelled CRITT, a technopole and a Fab Lab, backed by 30 partners and a 20 M€ seed/VC fund. The Industry Lab (operational end of 2017) extends the Fab Lab from prototypes to small industrial series before mass production. Hackers challenged its positioning and possible competition such as the Cité de l'objet connecté in Angers.",
            themes: ["industrie", "IoT", "prototypage"]),
        ChallengeDraft(
            eventSlug: eventSlug,
            territorySlug: "haute-saintonge",
            title: "Valoriser le Réseau Symbiose (écologie industrielle et territoriale)",
            context: "The Symbiose network is an industrial and territorial ecology approach: firms cooperate on sustainable development, notably substitution synergies where one firm's waste becomes another's raw material. Participants played with materials (fabric offcuts, plastic resin, foams, wood) to imagine new activities for the territory, labelled 'Territoire à énergie positive'.",
            themes: ["économie circulaire", "déchets", "énergie"]),
    ]
}
