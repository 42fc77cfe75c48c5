import Foundation

/// The formats a report is rendered in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown
    case json
    case csv

    public var contentType: String {
        switch self {
        case .markdown: "text/markdown; charset=utf-8"
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    public var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .json: "json"
        case .csv: "csv"
        }
    }
}

extension EventReport {
    /// The report as text. JSON is language-neutral (it carries the data, not
    /// the words) but records the language asked for.
    public func rendered(as format: ReportFormat, in language: ReportLanguage) -> String {
        switch format {
        case .markdown: MarkdownReport.render(self, in: language)
        case .csv: CSVReport.render(self, in: language)
        case .json: JSONReport.render(self, in: language)
        }
    }

    /// e.g. "parcours-france-2017-fr.md".
    public func fileName(as format: ReportFormat, in language: ReportLanguage) -> String {
        "\(slug)-\(language.rawValue).\(format.fileExtension)"
    }
}

/// The whole report as JSON, for other tools: stable snake_case keys,
/// sorted, with a format version (docs/REPORT.md).
enum JSONReport {
    static let formatVersion = 1

    private struct Document: Encodable {
        let formatVersion: Int
        let language: ReportLanguage
        let report: EventReport
    }

    static func render(_ report: EventReport, in language: ReportLanguage) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(Document(formatVersion: formatVersion, language: language, report: report)) else {
            return "{}"
        }
        return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
    }
}
