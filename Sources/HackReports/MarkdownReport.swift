/// The press-ready report: the event, its agenda as it really ran, then per
/// territory its challenge, its synthesis with the retained ideas and the
/// jury's ranking. Reads as an article, in French or English.
enum MarkdownReport {
    static func render(_ report: EventReport, in language: ReportLanguage) -> String {
        let words = language.words
        var lines: [String] = ["# \(report.name)", ""]
        lines.append("**\([report.venue, language.longDate(report.date)].filter { !$0.isEmpty }.joined(separator: " — "))**")
        if !report.theme.isEmpty {
            lines += ["", "\(words.theme)\(words.colon)\(words.quoted(report.theme))"]
        }
        lines += ["", figures(report, language), ""]
        lines += agenda(report, language)
        for territory in report.territories {
            lines += [""] + section(territory, of: report, language)
        }
        let generated = "\(language.longDate(dateOf(report.generatedAtMs, report))) \(words.at) \(language.time(report.generatedAtMs, in: report.timeZone))"
        lines += ["", "---", "", "*\(words.generated) \(generated) (\(report.timeZone)).*", ""]
        return lines.joined(separator: "\n")
    }

    private static func figures(_ report: EventReport, _ language: ReportLanguage) -> String {
        let words = language.words
        let ideas = report.territories.reduce(0) { $0 + $1.ideas.count }
        let teams = Set(report.territories.flatMap(\.teams)).count
        let retained = report.territories.reduce(0) { $0 + ($1.synthesis?.retained.count ?? 0) }
        let parts = [words.count(report.territories.count, words.territoryWord), words.count(teams, words.teamWord),
                     words.count(ideas, words.ideaWord), words.count(retained, words.retainedWord)]
        return "*\(words.figures)\(words.colon)\(parts.joined(separator: ", ")).*"
    }

    private static func agenda(_ report: EventReport, _ language: ReportLanguage) -> [String] {
        let words = language.words
        var lines = ["## \(words.agenda)", "",
                     "| \(words.phase) | \(words.planned) | \(words.actual) | \(words.duration) | \(words.drift) |",
                     "|---|---|---|---|---|"]
        for phase in report.agenda {
            let actual: String
            let duration: String
            if let start = phase.startMs, let end = phase.endMs {
                actual = "\(language.time(start, in: report.timeZone, onDate: report.date)) – \(language.time(end, in: report.timeZone, onDate: report.date))"
                duration = language.minutes(Double(end - start) / 60_000)
            } else if let start = phase.startMs {
                actual = "\(language.time(start, in: report.timeZone, onDate: report.date)) – …"
                duration = language.minutes(phase.plannedMinutes)
            } else {
                actual = words.notStarted
                duration = language.minutes(phase.plannedMinutes)
            }
            lines.append("| \(phase.number). \(cell(phase.name)) | \(phase.plannedStart ?? "—") | \(actual) | \(duration) | \(phase.startMs == nil ? "—" : language.drift(phase.driftMs)) |")
        }
        return lines
    }

    private static func section(_ territory: EventReport.Territory, of report: EventReport, _ language: ReportLanguage) -> [String] {
        let words = language.words
        let colon = words.colon
        var lines = ["## \(territory.name)", ""]
        let role = territory.representativeRole.isEmpty ? "" : ", \(territory.representativeRole)"
        lines += ["*\(words.representative)\(colon)\(territory.representative)\(role)*", ""]
        lines += ["### \(words.challenge)\(colon)\(territory.challengeTitle)", ""]
        if !territory.challengeContext.isEmpty { lines += [territory.challengeContext, ""] }
        var facts: [String] = []
        if !territory.themes.isEmpty { facts.append("\(words.themes)\(colon)\(territory.themes.joined(separator: ", "))") }
        if !territory.teams.isEmpty { facts.append("\(words.teams)\(colon)\(territory.teams.joined(separator: ", "))") }
        if !facts.isEmpty { lines += [facts.joined(separator: " · "), ""] }

        lines += ["### \(words.synthesis)", ""]
        if let synthesis = territory.synthesis {
            if !synthesis.summary.isEmpty { lines += [synthesis.summary, ""] }
            if !synthesis.retained.isEmpty {
                lines += ["**\(words.retainedIdeas)**", ""]
                for (index, idea) in synthesis.retained.enumerated() {
                    let pitch = idea.pitch.isEmpty ? "" : " \(oneLine(idea.pitch))"
                    lines.append("\(index + 1). **\(idea.title)** — *\(idea.team)*.\(pitch)")
                    if !idea.reason.isEmpty { lines.append("   \(words.why)\(colon)\(oneLine(idea.reason))") }
                }
                lines.append("")
            }
            if !synthesis.nextSteps.isEmpty { lines += ["**\(words.nextSteps)** \(synthesis.nextSteps)", ""] }
            lines.append(synthesis.cosignedBy.map { "*\(words.cosignedBy) \($0).*" } ?? "*\(words.notCosigned)*")
        } else {
            lines.append("*\(words.noSynthesis)*")
        }
        lines += [""] + ranking(territory, of: report, language)
        return lines
    }

    private static func ranking(_ territory: EventReport.Territory, of report: EventReport, _ language: ReportLanguage) -> [String] {
        let words = language.words
        var lines = ["### \(words.ranking)", ""]
        let ranked = territory.ideas.filter { $0.rank != nil }
        guard !ranked.isEmpty else { return lines + ["*\(words.noScores)*"] }
        let scale = report.rubric.map { " \($0.scaleMin)–\($0.scaleMax)" } ?? ""
        lines += ["*\(words.rankingNote)\(scale).*", ""]
        let showVotes = report.votesFinal
        var header = "| \(words.rank) | \(words.idea) | \(words.team) | \(words.normalized) | \(words.rawMean) | \(words.scores) |"
        var rule = "|---:|---|---|---:|---:|---:|"
        if showVotes {
            header += " \(words.votes) |"
            rule += "---:|"
        }
        lines += [header, rule]
        for idea in ranked {
            let rank = idea.tied ? "=\(idea.rank ?? 0)" : "\(idea.rank ?? 0)"
            var row = "| \(rank) | \(cell(idea.title)) | \(cell(idea.team)) | \(language.decimal(idea.normalized ?? 0)) | \(language.decimal(idea.rawMean ?? 0)) | \(idea.scores) |"
            if showVotes { row += " \(idea.votes ?? 0) |" }
            lines.append(row)
        }
        let ties = Dictionary(grouping: ranked.filter(\.tied), by: { $0.rank ?? 0 }).sorted { $0.key < $1.key }
        if !ties.isEmpty {
            lines.append("")
            for (rank, ideas) in ties {
                lines.append("*\(words.tiedAt) \(rank)\(words.colon)\(ideas.map(\.title).joined(separator: ", ")).*")
            }
        }
        let unscored = territory.ideas.filter { $0.rank == nil }
        if !unscored.isEmpty {
            lines += ["", "*\(words.otherIdeas)\(words.colon)\(unscored.map(\.title).joined(separator: ", ")).*"]
        }
        return lines
    }

    /// A table cell: pipes escaped, on one line.
    private static func cell(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "|", with: "\\|")
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func dateOf(_ millis: Int64, _ report: EventReport) -> String {
        let text = ReportLanguage.en.time(millis, in: report.timeZone, onDate: "")
        return String(text.prefix(10))
    }
}
