import ArgumentParser
import HackClient
import HackProtocol

struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Show or set how an event's ideas are scored.",
        subcommands: [Show.self, Replace.self]
    )
}

extension RubricCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an event's rubric: criteria, weights and scale.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The event (default: the only event on the server).", valueName: "event"))
        var event: String?

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_GetRubricRequest()
                request.eventSlug = try client.eventSlug(event)
                try RubricView.show(try client.call(Methods.Judging.getRubric, request), client: client)
            }
        }
    }

    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set an event's rubric (organisers; refused once an idea is scored).",
            discussion: """
                The criteria given replace the whole rubric, in order. Example: hackctl rubric set \
                parcours-france-2017 --criterion "impact:Impact pour le territoire:3" \
                --criterion "faisabilite:Faisabilité:2" --scale 1-5 --description "impact=Ce que l'idée change"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The event (default: the only event on the server).", valueName: "event"))
        var event: String?
        @Option(help: ArgumentHelp("One criterion, \(CriterionSpec.syntax). Repeat for each.", valueName: "criterion"),
                transform: CriterionSpec.parse)
        var criterion: [Hack_V1_Criterion] = []
        @Option(help: ArgumentHelp("The lowest and highest value, e.g. 1-5.", valueName: "min-max"), transform: ScaleSpec.parse)
        var scale: ClosedRange<UInt32>
        @Option(help: ArgumentHelp("A criterion's description, KEY=TEXT (optional, repeatable).", valueName: "key=text"),
                transform: KeyedText.parseDescription)
        var description: [(key: String, value: String)] = []

        func validate() throws {
            if criterion.isEmpty { throw ValidationError("give at least one --criterion \(CriterionSpec.syntax)") }
            for item in description where !criterion.contains(where: { $0.key == item.key }) {
                throw ValidationError("--description: '\(item.key)' is not the key of a --criterion")
            }
        }

        func run() throws {
            try global.withClient { client in
                var request = Hack_V1_SetRubricRequest()
                request.rubric.eventSlug = try client.eventSlug(event)
                request.rubric.criteria = criterion.map { item in
                    var criterion = item
                    criterion.description_p = description.last { $0.key == item.key }?.value ?? ""
                    return criterion
                }
                request.rubric.scaleMin = scale.lowerBound
                request.rubric.scaleMax = scale.upperBound
                try RubricView.show(try client.call(Methods.Judging.setRubric, request), client: client)
            }
        }
    }
}

enum RubricView {
    static func show(_ rubric: Hack_V1_Rubric, client: Client) throws {
        if client.json { return try Output.json(rubric) }
        Output.line("Rubric of \(rubric.eventSlug): \(Text.count(rubric.criteria.count, "criterion", "criteria")), scale \(rubric.scaleMin)–\(rubric.scaleMax)")
        var table = Table("KEY", "NAME", "WEIGHT", "DESCRIPTION", rightAligned: [2])
        for criterion in rubric.criteria {
            table.add(criterion.key, criterion.name, String(criterion.weight), Text.orDash(criterion.description_p))
        }
        table.print()
    }
}
