import Foundation
import HackDomain
import HackProtocol
import Testing
@testable import HackServer

/// The whole demo day, on the manual clock from 11:00 in Paris: teams post
/// the ideas of the article, jurors score, moderators write and
/// representatives co-sign, restitution reveals, the public votes — and it
/// ends in the report of docs/examples, in French and English. Every role
/// watches all along, and none sees anything before it is theirs to see.
@Suite(.serialized)
struct DemoDayTests {
    static let slug = DemoScenario.eventSlug
    static let minute = DemoDayDriver.minute
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/examples")

    /// Who watches, and what each may see before restitution.
    struct Watcher {
        let role: String
        let scope: String?
        /// The territories whose ideas and synthesis it may see early (nil: all).
        let territories: Set<String>?
        /// Whether it reads ideas at all before restitution (a team: only its own).
        let teamId: UInt64?
    }

    static let watchers = [
        Watcher(role: "observer", scope: nil, territories: [], teamId: nil),
        Watcher(role: "team", scope: nil, territories: [], teamId: 1),
        Watcher(role: "moderator", scope: "\(slug)/orleans", territories: ["orleans"], teamId: nil),
        Watcher(role: "territory", scope: "\(slug)/haute-saintonge", territories: ["haute-saintonge"], teamId: nil),
        Watcher(role: "organiser", scope: nil, territories: nil, teamId: nil),
    ]

    @Test func theDayEndsInAReportAndNothingWasSeenBeforeItWasPublic() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        var day = DemoDayDriver(harness: harness)
        try day.prepare()
        let territoryOfChallenge = Dictionary(uniqueKeysWithValues: try DemoDay.tables.map { (try day.challengeId($0.territory), $0.territory) })
        let streams = try Self.watchers.map { watcher in
            try harness.start(name: Methods.Events.watch.name, payload: Hack_V1_WatchEventRequest.with { $0.slug = Self.slug }.serializedBytes(),
                              token: harness.secret(watcher.role, scope: watcher.scope))
        }

        _ = try harness.call(Methods.Events.start, .with { $0.slug = Self.slug }).get()  // 11:00:00
        harness.advanceClock(by: 5 * Self.minute)  // the hack begins, on the clock
        try day.postIdeas()  // ten ideas, a minute apart: 11:15
        let observer = harness.secret("observer")
        #expect(try harness.call(Methods.Ideas.list, .with { $0.eventSlug = Self.slug }, token: observer).get().ideas.isEmpty)

        harness.advanceClock(by: 105 * Self.minute)  // 13:00: synthesis
        try day.score()
        try day.writeSyntheses()
        #expect(try harness.call(Methods.Syntheses.list, .with { $0.eventSlug = Self.slug }, token: observer).get().syntheses.isEmpty)
        #expect(try harness.call(Methods.Syntheses.get, .with { $0.challengeID = 1 }, token: harness.secret("team")).failure?.status == .permissionDenied)
        #expect(try harness.call(Methods.Judging.rankings, .with { $0.eventSlug = Self.slug }, token: observer).failure != nil
                || (try harness.call(Methods.Judging.rankings, .with { $0.eventSlug = Self.slug }, token: observer).value?.rankings.isEmpty ?? false))

        harness.advanceClock(by: 60 * Self.minute)  // 14:00: break
        let beforePublication = try streams.map { try harness.items($0).count }
        harness.advanceClock(by: 60 * Self.minute)  // 15:00: restitution, public at once
        for (watcher, stream) in zip(Self.watchers, streams) {
            let items = try harness.items(stream)
            let early = items.prefix(beforePublication[Self.watchers.firstIndex { $0.role == watcher.role && $0.scope == watcher.scope }!])
            for item in early {
                switch item.update {
                case .idea(let idea):
                    let territory = territoryOfChallenge[idea.challengeID] ?? ""
                    #expect(watcher.territories.map { $0.contains(territory) } ?? true || watcher.teamId == idea.teamID,
                            "\(watcher.role) saw idea \(idea.title) before restitution")
                case .synthesis(let synthesis):
                    #expect(watcher.territories.map { $0.contains(synthesis.territorySlug) } ?? true,
                            "\(watcher.role) saw the synthesis of \(synthesis.territorySlug) before restitution")
                case .publication:
                    Issue.record("\(watcher.role) got the publication before restitution")
                default: break
                }
            }
            let publications = items.dropFirst(early.count).compactMap { if case .publication(let p) = $0.update { p } else { nil } }
            #expect(publications.count == 1, "\(watcher.role): one publication at 15:00")
            #expect(publications.first?.syntheses.count == 3)
            #expect(publications.first?.retainedIdeas.count == DemoDay.tables.flatMap(\.ideas).filter { $0.reason != nil }.count)
        }
        let published = try harness.call(Methods.Syntheses.list, .with { $0.eventSlug = Self.slug }, token: observer).get().syntheses
        #expect(published.count == 3 && published.allSatisfy { $0.published && $0.signedRevision == $0.revision })
        #expect(try harness.call(Methods.Judging.rankings, .with { $0.eventSlug = Self.slug }, token: observer).get().rankings.count == 3)

        try day.vote(codes: 12)
        harness.advanceClock(by: 45 * Self.minute)  // 15:45: the day is over
        #expect(try harness.call(Methods.Events.get, .with { $0.slug = Self.slug }).get().run.status == .finished)
        #expect(try harness.call(Methods.Votes.tally, .with { $0.eventSlug = Self.slug }, token: observer).get().final)

        for language in [Hack_V1_ReportLanguage.fr, .en] {
            let report = try harness.call(Methods.Reports.export, .with {
                $0.eventSlug = Self.slug
                $0.format = .markdown
                $0.language = language
            }, token: observer).get()
            let url = Self.examples.appendingPathComponent(report.fileName)
            if ProcessInfo.processInfo.environment["HACKD_UPDATE_DOCS"] == "1" {
                try FileManager.default.createDirectory(at: Self.examples, withIntermediateDirectories: true)
                try report.content.write(to: url, atomically: true, encoding: .utf8)
            }
            #expect(report.content == (try? String(contentsOf: url, encoding: .utf8)),
                    "docs/examples/\(report.fileName) changed: rerun with HACKD_UPDATE_DOCS=1 and review the diff")
            for table in DemoDay.tables {
                for idea in table.ideas where idea.reason != nil {
                    #expect(report.content.contains("**\(idea.title)** — *\(table.team)*"), "\(report.fileName): \(idea.title)")
                }
            }
        }
    }
}
