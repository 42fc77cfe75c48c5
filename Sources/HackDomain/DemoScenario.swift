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
            context: "En mai 2016, la communauté d'agglomération a acquis l'ancienne gare SNCF de Saint-Omer, un site de 3 500 m² d'une grande valeur patrimoniale. Baptisée La Station, elle rouvrira en 2019 : un lieu totem, locomotive du développement économique, d'où se diffuse une culture entrepreneuriale et numérique. Un pavillon préfigurateur présente déjà un Fab Lab et un espace de coworking. Le défi : ouvrir dans deux ans avec un espace déjà pré-rempli et une dynamique qui s'enclenche immédiatement, en testant sur place, à petite échelle, des idées avant de retenir les plus efficaces.",
            themes: ["numérique", "entrepreneuriat", "tiers-lieu"]),
        ChallengeDraft(
            eventSlug: eventSlug,
            territorySlug: "orleans",
            title: "Industry Lab : positionnement face aux structures similaires",
            context: "Le Lab'O d'Orléans réunit sur 15 000 m² porteurs de projets, startups et growups, un cluster, une école de code, un Critt labellisé, une technopôle et un Fab Lab, soutenus par 30 partenaires et un fonds d'amorçage et de capital risque de 20 millions d'euros. L'Industry Lab, opérationnel fin 2017, prolonge le Fab Lab : après le prototype, la fabrication de petites séries industrielles, préalable à la production de masse. Les hackers challengent son positionnement et la concurrence de structures similaires, comme la Cité de l'objet connecté à Angers.",
            themes: ["industrie", "IoT", "prototypage"]),
        ChallengeDraft(
            eventSlug: eventSlug,
            territorySlug: "haute-saintonge",
            title: "Valoriser le Réseau Symbiose (écologie industrielle et territoriale)",
            context: "Le Réseau Symbiose est une démarche d'écologie industrielle et territoriale : des entreprises coopèrent autour d'actions de développement durable, notamment des synergies de substitution, où les déchets d'une entreprise deviennent la matière première d'une autre. Les participants jouent avec les matières (chutes de tissus, résine plastique, mousses, bois…) pour imaginer les nouvelles activités du territoire, labellisé Territoire à énergie positive.",
            themes: ["économie circulaire", "déchets", "énergie"]),
    ]
}
