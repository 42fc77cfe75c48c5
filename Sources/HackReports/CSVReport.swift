/// Ideas and scores for spreadsheets: one row per idea. French uses `;`
/// and decimal commas (what a French spreadsheet expects), English `,` and
/// points; fields are quoted per RFC 4180 and lines end with CRLF.
enum CSVReport {
    static func render(_ report: EventReport, in language: ReportLanguage) -> String {
        let separator = language == .fr ? ";" : ","
        let criteria = report.rubric?.criteria ?? []
        var header = language == .fr
            ? ["territoire", "défi", "idée", "titre", "équipe", "retenue", "rang", "ex_aequo", "score_normalisé", "moyenne_brute", "notes"]
            : ["territory", "challenge", "idea", "title", "team", "retained", "rank", "tied", "normalized", "raw_mean", "scores"]
        header += criteria.map(\.key)
        header.append(language == .fr ? "votes" : "votes")
        var rows = [header]
        let yes = language == .fr ? "oui" : "yes"
        let no = language == .fr ? "non" : "no"
        for territory in report.territories {
            for idea in territory.ideas {
                var row = [territory.slug, String(territory.challengeId), String(idea.id), idea.title, idea.team,
                           idea.retained ? yes : no, idea.rank.map(String.init) ?? "", idea.tied ? yes : no,
                           idea.normalized.map { language.decimal($0, digits: 4) } ?? "",
                           idea.rawMean.map { language.decimal($0, digits: 4) } ?? "", String(idea.scores)]
                row += criteria.indices.map { index in
                    index < idea.criterionMeans.count ? language.decimal(idea.criterionMeans[index], digits: 4) : ""
                }
                row.append(report.votesFinal ? String(idea.votes ?? 0) : "")
                rows.append(row)
            }
        }
        return rows.map { $0.map { quote($0, separator: separator) }.joined(separator: separator) }
            .joined(separator: "\r\n") + "\r\n"
    }

    private static func quote(_ field: String, separator: String) -> String {
        guard field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
