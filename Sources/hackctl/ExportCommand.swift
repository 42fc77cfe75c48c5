import ArgumentParser
import Foundation
import HackClient
import HackProtocol

/// `hackctl export EVENT`: the press-ready report, rendered by hackd.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the restitution report of an event: Markdown, JSON or CSV, in French or English.",
        discussion: """
            Markdown reads as a press article: the event, its agenda as it really ran, then per \
            territory its challenge, its synthesis with the retained ideas and the jury's ranking. \
            CSV lists ideas and scores for spreadsheets (French: ';' and decimal commas). JSON \
            holds everything, for other tools (docs/REPORT.md). Organisers may export at any \
            time; every token of the event once restitution has begun.
            Examples: hackctl export parcours-france-2017 > restitution.md
                      hackctl export parcours-france-2017 --format csv --lang en --output ideas.csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json, csv
    }

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case fr, en
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The event's slug.") var event: String
    @Option(help: "md, json or csv.") var format: Format = .md
    @Option(help: "fr or en.") var lang: Language = .fr
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "path")) var output: String?

    func run() throws {
        try global.withClient { client in
            var request = Hack_V1_ExportReportRequest()
            request.eventSlug = event
            request.format = switch format {
            case .md: .markdown
            case .json: .json
            case .csv: .csv
            }
            request.language = lang == .fr ? .fr : .en
            let report = try client.call(Methods.Reports.export, request)
            guard let output else {
                FileHandle.standardOutput.write(Data(report.content.utf8))
                return
            }
            do {
                try Data(report.content.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw ValidationError("--output: cannot write \(output): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(output) (\(report.contentType))\n".utf8))
        }
    }
}
