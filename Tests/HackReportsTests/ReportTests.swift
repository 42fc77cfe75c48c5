import Foundation
import HackReports
import Testing

/// Reports against committed snapshots (rewritten with
/// `HACKD_UPDATE_SNAPSHOTS=1 swift test --filter HackReportsTests`), and
/// the rules the snapshots illustrate.
struct ReportTests {
    private static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static let cases: [(ReportFormat, ReportLanguage)] = ReportFormat.allCases.flatMap { format in
        ReportLanguage.allCases.map { (format, $0) }
    }

    @Test(arguments: ReportFormat.allCases, ReportLanguage.allCases)
    func matchesItsSnapshot(_ format: ReportFormat, _ language: ReportLanguage) throws {
        let report = ReportFixture.report(votesFinal: true)
        let rendered = report.rendered(as: format, in: language)
        let url = Self.snapshots.appendingPathComponent(report.fileName(as: format, in: language))
        if ProcessInfo.processInfo.environment["HACKD_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try rendered.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        #expect(rendered == committed, "\(url.lastPathComponent) changed: rerun with HACKD_UPDATE_SNAPSHOTS=1 and review the diff")
    }

    @Test func frenchReadsFrenchAndEnglishReadsEnglish() {
        let report = ReportFixture.report()
        let french = report.rendered(as: .markdown, in: .fr)
        let english = report.rendered(as: .markdown, in: .en)
        #expect(french.contains("mardi 10 octobre 2017"))
        #expect(english.contains("Tuesday 10 October 2017"))
        #expect(french.contains("## Le déroulé") && english.contains("## How the day ran"))
        #expect(french.contains("| 0,50 | 4,25 | 2 |") && english.contains("| 0.50 | 4.25 | 2 |"))
        #expect(french.contains("| 2. Hack | 11:05 | 11:08 – 13:13 | 2 h 5 min | +3 min |"), "\(french)")
        #expect(french.contains("Ex æquo au rang 1\u{00A0}: Rayonnement régional, Mentoring"))
        #expect(english.contains("Tied at rank 1: Rayonnement régional, Mentoring"))
        #expect(french.contains("Synthèse co-signée par Aurélien Brietz."))
        #expect(french.contains("Pas de synthèse publiée pour ce territoire."))
        #expect(english.contains("Not scored: Deux ou trois thématiques"))
    }

    @Test func audienceVotesShowOnlyOnceFinal() {
        #expect(!ReportFixture.report(votesFinal: false).rendered(as: .markdown, in: .fr).contains("Votes du public"))
        #expect(ReportFixture.report(votesFinal: true).rendered(as: .markdown, in: .fr).contains("| Votes du public |"))
        let csv = ReportFixture.report(votesFinal: false).rendered(as: .csv, in: .en)
        #expect(csv.split(separator: "\r\n").dropFirst().allSatisfy { $0.hasSuffix(",") }, "no vote counts before the end: \(csv)")
    }

    @Test func csvQuotesWhatItMustAndUsesTheLanguagesSeparators() {
        let french = ReportFixture.report(votesFinal: true).rendered(as: .csv, in: .fr)
        let lines = french.components(separatedBy: "\r\n")
        #expect(lines[0] == "territoire;défi;idée;titre;équipe;retenue;rang;ex_aequo;score_normalisé;moyenne_brute;notes;impact;faisabilite;votes")
        #expect(lines[1] == "saint-omer;1;1;Rayonnement régional;Les hackers de La Station;oui;1;oui;0,5000;4,2500;2;4,5000;3,8750;12")
        let english = ReportFixture.report(votesFinal: true).rendered(as: .csv, in: .en)
        #expect(english.components(separatedBy: "\r\n")[4] == "saint-omer,1,4,Deux ou trois thématiques,Les Audomarois,no,,no,,,0,,,1")
    }

    @Test func jsonCarriesEverythingAndDecodesBack() throws {
        let report = ReportFixture.report(votesFinal: true)
        let json = report.rendered(as: .json, in: .en)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == 1)
        #expect(object["language"] as? String == "en")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Document: Decodable { let report: EventReport }
        #expect(try decoder.decode(Document.self, from: Data(json.utf8)).report == report)
    }
}
