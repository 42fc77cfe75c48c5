/// The demo's rubric: what PARCOURS FRANCE juries weigh, on a 1–5 scale.
extension DemoScenario {
    public static let rubric = Rubric(
        eventSlug: eventSlug,
        criteria: [
            Criterion(key: "impact", name: "Impact pour le territoire", weight: 3,
                      description: "Ce que l'idée change pour le territoire et ses habitants."),
            Criterion(key: "faisabilite", name: "Faisabilité", weight: 2,
                      description: "Peut-on la tester sur place, à petite échelle, dans l'année ?"),
            Criterion(key: "innovation", name: "Innovation", weight: 2,
                      description: "Ce qu'elle apporte de neuf par rapport à l'existant."),
            Criterion(key: "ancrage", name: "Ancrage local", weight: 3,
                      description: "Elle s'appuie sur les acteurs et les ressources du territoire."),
        ],
        scaleMin: 1, scaleMax: 5)
}
