/// The day the PARCOURS FRANCE 2017 article tells (shared scenario file and
/// seed article): the ideas that emerged for each territory, in the teams'
/// French, and what each territory retained. A simulated day replays it.
enum DemoDay {
    struct Idea {
        let title: String
        let pitch: String
        /// Why the territory retains it; nil when it is not retained.
        let reason: String?
    }

    struct Table {
        let territory: String
        let challenge: UInt64
        let team: String
        let members: [(String, String)]
        let ideas: [Idea]
        let summary: String
        let nextSteps: String
    }

    static let tables: [Table] = [
        Table(
            territory: "saint-omer", challenge: 1, team: "Les Audomarois",
            members: [("Lyes Ghamissou", "consultant en business intelligence")],
            ideas: [
                Idea(title: "La Station, un rayonnement régional",
                     pitch: "Positionner La Station à l'échelle régionale pour attirer projets, créateurs et investisseurs de la métropole lilloise et du dunkerquois.",
                     reason: "Change l'échelle du projet : La Station devient un lieu de la région, pas seulement de l'agglomération."),
                Idea(title: "Parrainage et mentoring",
                     pitch: "Comme pour une start-up, développer les parrainages et le mentoring pour tisser des liens étroits avec les acteurs régionaux.",
                     reason: "Ancre La Station dans un large territoire, dès l'ouverture."),
                Idea(title: "Des démarches co-apprenantes",
                     pitch: "Mobiliser les compétences des différents publics dans des démarches co-apprenantes, en renforçant les liens intergénérationnels.",
                     reason: "Fait vivre le lieu avec ses habitants."),
                Idea(title: "14 000 jeunes à La Station",
                     pitch: "Intégrer collégiens, lycéens et étudiants — 14 000 jeunes, autant que la population de Saint-Omer — aux activités de La Station.",
                     reason: "Un public immense, déjà sur le territoire."),
                Idea(title: "Deux ou trois thématiques fortes",
                     pitch: "Dégager deux ou trois thématiques fortes pour faire émerger des entreprises en développement, sur le modèle de la French Tech.",
                     reason: nil),
            ],
            summary: "Le pays de Saint-Omer consolide ses idées : positionner La Station au plus près des besoins de l'audomarois, inscrire le numérique dans l'ADN du territoire et lui donner une visibilité régionale.",
            nextSteps: "Tester sur place, à petite échelle, le parrainage et les ateliers co-apprenants avant l'ouverture de 2019."),
        Table(
            territory: "orleans", challenge: 2, team: "Objets et plasturgie",
            members: [("Camille Durand", "ingénieure IoT")],
            ideas: [
                Idea(title: "L'Industry Lab, pièce manquante du tissu régional",
                     pitch: "Au terme d'un benchmarking poussé : la région est forte en IoT, mais manque de capacités et de compétences en plasturgie pour passer de l'idée à la production — exactement le positionnement de l'Industry Lab.",
                     reason: "Confirme le positionnement de l'Industry Lab face aux structures similaires."),
                Idea(title: "Se distinguer de la Cité de l'objet connecté",
                     pitch: "Comparer l'offre de l'Industry Lab à celle de la Cité de l'objet connecté d'Angers et miser sur les petites séries industrielles.",
                     reason: nil),
            ],
            summary: "Les hackers ont challengé l'Industry Lab sur son positionnement et sa concurrence : il apparaît comme une pièce manquante dans le tissu régional.",
            nextSteps: "Ouvrir l'Industry Lab fin 2017 et faire connaître l'offre de petites séries aux startups comme aux grands groupes."),
        Table(
            territory: "haute-saintonge", challenge: 3, team: "Matières premières",
            members: [("Julien Martin", "designer")],
            ideas: [
                Idea(title: "Une startup de la valorisation des déchets",
                     pitch: "Attirer sur le territoire une startup spécialisée dans la valorisation des déchets et l'économie circulaire.",
                     reason: "Donne un débouché aux synergies de substitution du réseau Symbiose."),
                Idea(title: "Un plan de promotion des initiatives écologiques",
                     pitch: "Réaliser un plan de promotion global des nombreuses initiatives écologiques de la Haute Saintonge, labellisée Territoire à énergie positive.",
                     reason: "Rend visibles des initiatives qui existent déjà."),
                Idea(title: "Un laboratoire de créativité",
                     pitch: "Construire un « laboratoire de créativité » où entreprises et chercheurs testent les déchets générés localement.",
                     reason: "Le niveau local est celui des expériences décisives."),
            ],
            summary: "Les synergies éco-industrielles de substitution renforcent la compétitivité des entreprises comme l'action écologique : trois pistes pour valoriser le réseau Symbiose.",
            nextSteps: "Présenter les trois pistes aux entreprises du réseau Symbiose et chercher la startup à attirer."),
    ]
}
