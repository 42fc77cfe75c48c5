import Foundation

/// The languages reports are written in, with the words and number, date
/// and time forms each uses.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    case fr
    case en

    /// 3.75 → "3,75" in French, "3.75" in English; two decimals.
    func decimal(_ value: Double, digits: Int = 2) -> String {
        let text = String(format: "%.\(digits)f", value)
        let signed = text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
        return self == .fr ? signed.replacingOccurrences(of: ".", with: ",") : signed
    }

    /// "mardi 10 octobre 2017" / "Tuesday 10 October 2017", from "YYYY-MM-DD".
    func longDate(_ isoDate: String) -> String {
        let parts = isoDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return isoDate }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weekday = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
            .map { calendar.component(.weekday, from: $0) } ?? 1
        let day = self == .fr && parts[2] == 1 ? "1er" : "\(parts[2])"
        return "\(weekdays[weekday - 1]) \(day) \(months[parts[1] - 1]) \(parts[0])"
    }

    /// "14:05" in `timeZone`; with the day first when it is not `onDate` ("YYYY-MM-DD").
    func time(_ millis: Int64, in timeZone: String, onDate: String? = nil) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute],
                                            from: Date(timeIntervalSince1970: Double(millis) / 1000))
        let clock = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        guard let onDate, onDate != day else { return clock }
        return "\(day) \(clock)"
    }

    /// A duration in whole minutes: "1 h 55 min", "45 min".
    func minutes(_ minutes: Double) -> String {
        let total = Int(minutes.rounded())
        let (hours, rest) = (total / 60, total % 60)
        if hours == 0 { return "\(rest) min" }
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
    }

    /// Drift against the plan: "à l'heure"/"on time" within a minute, else "+3 min" / "−2 min".
    func drift(_ millis: Int64?) -> String {
        guard let millis else { return "—" }
        let minutes = Int((Double(millis) / 60_000).rounded())
        if minutes == 0 { return words.onTime }
        return minutes > 0 ? "+\(self.minutes(Double(minutes)))" : "−\(self.minutes(Double(-minutes)))"
    }

    private var weekdays: [String] {
        switch self {
        case .fr: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
        case .en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        }
    }

    private var months: [String] {
        switch self {
        case .fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        case .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        }
    }

    var words: ReportWords { self == .fr ? .french : .english }
}

/// Every fixed phrase of a report, per language.
struct ReportWords: Sendable {
    /// French sets a (non-breaking) space before a colon; English does not.
    let colon: String
    let at: String
    let theme, agenda, phase, planned, actual, duration, drift, onTime, notStarted: String
    let representative, challenge, themes, teams, synthesis, retainedIdeas, why, nextSteps: String
    let cosignedBy, notCosigned, noSynthesis, ranking, rankingNote, rank, idea, team, normalized, rawMean, scores, votes: String
    let tiedAt, noScores, otherIdeas, generated, figures: String
    let territoryWord, challengeWord, teamWord, ideaWord, retainedWord: (singular: String, plural: String)
    let phaseKinds: [String: String]

    static let french = ReportWords(
        colon: "\u{00A0}: ", at: "à", theme: "Thème", agenda: "Le déroulé", phase: "Étape", planned: "Prévu", actual: "Réel", duration: "Durée",
        drift: "Écart", onTime: "à l'heure", notStarted: "—",
        representative: "Représentant du territoire", challenge: "Le défi", themes: "Thèmes", teams: "Équipes",
        synthesis: "La synthèse", retainedIdeas: "Les idées retenues", why: "Pourquoi", nextSteps: "Et après ?",
        cosignedBy: "Synthèse co-signée par", notCosigned: "Synthèse non co-signée par le territoire.",
        noSynthesis: "Pas de synthèse publiée pour ce territoire.", ranking: "Le classement du jury",
        rankingNote: "Scores normalisés par juré (un juré sévère et un juré généreux pèsent autant) ; moyenne brute sur l'échelle",
        rank: "Rang", idea: "Idée", team: "Équipe", normalized: "Score normalisé", rawMean: "Moyenne brute", scores: "Notes",
        votes: "Votes du public", tiedAt: "Ex æquo au rang", noScores: "Aucune idée n'a été notée.",
        otherIdeas: "Non notées", generated: "Rapport établi par hackd le", figures: "En chiffres",
        territoryWord: ("territoire", "territoires"), challengeWord: ("défi", "défis"), teamWord: ("équipe", "équipes"),
        ideaWord: ("idée", "idées"), retainedWord: ("idée retenue", "idées retenues"),
        phaseKinds: ["intro": "introduction", "hack": "hack", "synthesis": "synthèse", "break": "pause",
                     "restitution": "restitution", "custom": "étape"])

    static let english = ReportWords(
        colon: ": ", at: "at", theme: "Theme", agenda: "How the day ran", phase: "Phase", planned: "Planned", actual: "Actual", duration: "Duration",
        drift: "Drift", onTime: "on time", notStarted: "—",
        representative: "Territory representative", challenge: "The challenge", themes: "Themes", teams: "Teams",
        synthesis: "The synthesis", retainedIdeas: "Retained ideas", why: "Why", nextSteps: "Next steps",
        cosignedBy: "Synthesis co-signed by", notCosigned: "Synthesis not co-signed by the territory.",
        noSynthesis: "No synthesis was published for this territory.", ranking: "The jury's ranking",
        rankingNote: "Scores normalised per juror (a harsh and a generous juror weigh the same); raw mean on the scale",
        rank: "Rank", idea: "Idea", team: "Team", normalized: "Normalised score", rawMean: "Raw mean", scores: "Scores",
        votes: "Audience votes", tiedAt: "Tied at rank", noScores: "No idea was scored.",
        otherIdeas: "Not scored", generated: "Report produced by hackd on", figures: "In figures",
        territoryWord: ("territory", "territories"), challengeWord: ("challenge", "challenges"), teamWord: ("team", "teams"),
        ideaWord: ("idea", "ideas"), retainedWord: ("retained idea", "retained ideas"),
        phaseKinds: ["intro": "introduction", "hack": "hack", "synthesis": "synthesis", "break": "break",
                     "restitution": "restitution", "custom": "step"])

    /// « texte » in French, “text” in English.
    func quoted(_ text: String) -> String {
        at == "à" ? "«\u{00A0}\(text)\u{00A0}»" : "“\(text)”"
    }

    func count(_ n: Int, _ word: (singular: String, plural: String)) -> String {
        "\(n) \(n == 1 ? word.singular : word.plural)"
    }
}
