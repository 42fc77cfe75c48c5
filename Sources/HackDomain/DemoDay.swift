/// The day the PARCOURS FRANCE 2017 article tells: the ideas that emerged
/// for each territory, in the teams' French, and what each territory
/// retained. Tests replay it as a simulated day (and check the report it
/// ends in); it is data, not a command list, so each replay chooses its path.
public enum DemoDay {
    public struct Idea: Sendable {
        public let title: String
        public let pitch: String
        /// Why the territory retains it; nil when it is not retained.
        public let reason: String?
        /// How the jury rates it, 0…1: each juror turns it into values on the rubric's scale.
        public let merit: Double
    }

    /// One territory's table: its team, the ideas it posts, its synthesis.
    public struct Table: Sendable {
        public let territory: String
        public let team: String
        public let members: [Person]
        public let ideas: [Idea]
        public let summary: String
        public let nextSteps: String
    }

    public static let tables: [Table] = [
        Table(
            territory: "saint-omer", team: "Les hackers de La Station",
            members: [Person(name: "Lyes Ghamissou", role: "consultant en business intelligence")],
            ideas: [
                Idea(title: "La Station, un rayonnement régional",
                     pitch: "Positionner La Station à l'échelle régionale pour attirer projets, créateurs et investisseurs de la métropole lilloise et du dunkerquois.",
                     reason: "Change l'échelle du projet : La Station devient un lieu de la région, pas seulement de l'agglomération.",
                     merit: 0.95),
                Idea(title: "Parrainage et mentoring",
                     pitch: "Comme pour une start-up, développer les parrainages et le mentoring pour tisser des liens étroits avec les acteurs régionaux.",
                     reason: "Ancre La Station dans un large territoire, dès l'ouverture.",
                     merit: 0.8),
                Idea(title: "Des démarches co-apprenantes",
                     pitch: "Mobiliser les compétences des différents publics dans des démarches co-apprenantes, en renforçant les liens intergénérationnels.",
                     reason: "Fait vivre le lieu avec ses habitants.",
                     merit: 0.6),
                Idea(title: "14 000 jeunes à La Station",
                     pitch: "Intégrer collégiens, lycéens et étudiants — 14 000 jeunes, autant que la population de Saint-Omer — aux activités de La Station.",
                     reason: "Un public immense, déjà sur le territoire.",
                     merit: 0.7),
                Idea(title: "Deux ou trois thématiques fortes",
                     pitch: "Dégager deux ou trois thématiques fortes pour faire émerger des entreprises en développement, sur le modèle de la French Tech.",
                     reason: nil,
                     merit: 0.45),
            ],
            summary: "Le pays de Saint-Omer consolide ses idées : positionner La Station au plus près des besoins de l'audomarois, inscrire le numérique dans l'ADN du territoire et lui donner une visibilité régionale.",
            nextSteps: "Tester sur place, à petite échelle, le parrainage et les ateliers co-apprenants avant l'ouverture de 2019."),
        Table(
            territory: "orleans", team: "Objets et plasturgie",
            members: [Person(name: "Camille Durand", role: "ingénieure IoT")],
            ideas: [
                Idea(title: "L'Industry Lab, pièce manquante du tissu régional",
                     pitch: "Au terme d'un benchmarking poussé : la région est forte en IoT, mais manque de capacités et de compétences en plasturgie pour passer de l'idée à la production — exactement le positionnement de l'Industry Lab.",
                     reason: "Confirme le positionnement de l'Industry Lab face aux structures similaires.",
                     merit: 0.9),
                Idea(title: "Se distinguer de la Cité de l'objet connecté",
                     pitch: "Comparer l'offre de l'Industry Lab à celle de la Cité de l'objet connecté d'Angers et miser sur les petites séries industrielles.",
                     reason: nil,
                     merit: 0.4),
            ],
            summary: "Les hackers ont challengé l'Industry Lab sur son positionnement et sa concurrence : il apparaît comme une pièce manquante dans le tissu régional.",
            nextSteps: "Ouvrir l'Industry Lab fin 2017 et faire connaître l'offre de petites séries aux startups comme aux grands groupes."),
        Table(
            territory: "haute-saintonge", team: "Matières premières",
            members: [Person(name: "Julien Martin", role: "designer")],
            ideas: [
                Idea(title: "Une startup de la valorisation des déchets",
                     pitch: "Attirer sur le territoire une startup spécialisée dans la valorisation des déchets et l'économie circulaire.",
                     reason: "Donne un débouché aux synergies de substitution du réseau Symbiose.",
                     merit: 0.75),
                Idea(title: "Un plan de promotion des initiatives écologiques",
                     pitch: "Réaliser un plan de promotion global des nombreuses initiatives écologiques de la Haute Saintonge, labellisée Territoire à énergie positive.",
                     reason: "Rend visibles des initiatives qui existent déjà.",
                     merit: 0.6),
                Idea(title: "Un laboratoire de créativité",
                     pitch: "Construire un « laboratoire de créativité » où entreprises et chercheurs testent les déchets générés localement.",
                     reason: "Le niveau local est celui des expériences décisives.",
                     merit: 0.85),
            ],
            summary: "Les synergies éco-industrielles de substitution renforcent la compétitivité des entreprises comme l'action écologique : trois pistes pour valoriser le réseau Symbiose.",
            nextSteps: "Présenter les trois pistes aux entreprises du réseau Symbiose et chercher la startup à attirer."),
    ]
}
