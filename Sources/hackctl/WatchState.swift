import Foundation
import HackProtocol

/// What a watcher knows of an event: the items of an Events/Watch stream
/// folded into values, with the server clock of the last item anchored to
/// the local monotonic clock so countdowns do not drift between items.
struct WatchState {
    /// One thing that happened, as a line of text.
    struct Change: Equatable {
        var atMs: Int64
        var text: String
        /// A transition of the run (rebuilt from its history on a new snapshot).
        var ofRun = false
    }

    /// How many changes the live view lists.
    static let recentLimit = 6

    var event = Hack_V1_Event()
    var territoryNames: [String: String] = [:]
    var challenges: [UInt64: Hack_V1_Challenge] = [:]
    var teams: [UInt64: Hack_V1_Team] = [:]
    var ideaCounts: [UInt64: Hack_V1_ChallengeIdeaCount] = [:]
    /// The latest changes, oldest first, at most `recentLimit`.
    var recent: [Change] = []
    var hasSnapshot = false
    /// The server clock of the last item, and the local monotonic time (ns) it arrived at.
    var serverTimeMs: Int64 = 0
    var receivedAtNs: UInt64 = 0
    /// Why the stream is down while it is ("reconnecting…"); nil when it is up.
    var connectionProblem: String?

    /// The server clock now: that of the last item plus the local time since it came.
    func serverNow(localNs: UInt64) -> Int64 {
        serverTimeMs + Int64(clamping: (localNs >= receivedAtNs ? localNs - receivedAtNs : 0) / 1_000_000)
    }

    /// Folds `update` in; returns what changed, one line each (none for
    /// ticks and counts, which only refresh the view).
    mutating func apply(_ update: Hack_V1_EventUpdate, receivedAtNs: UInt64) -> [Change] {
        serverTimeMs = update.serverTimeMs
        self.receivedAtNs = receivedAtNs
        connectionProblem = nil
        let at = update.serverTimeMs
        var changes: [Change] = []
        switch update.update {
        case .snapshot(let snapshot):
            apply(snapshot)
            let summary = RunView.summary(event).joined(separator: ", ")
            let counts = [Text.count(snapshot.territories.count, "territory", "territories"), Text.count(snapshot.challenges.count, "challenge"),
                          Text.count(snapshot.teams.count, "team"), Text.count(snapshot.ideas.count, "idea")].joined(separator: ", ")
            return [Change(atMs: at, text: "watching \(event.slug) \"\(event.name)\": \(summary); \(counts)")]
        case .event(let changed):
            var changed = changed
            if !changed.hasRun { changed.run = event.run }
            event = changed
            changes = [Change(atMs: at, text: "event \(event.slug) \"\(event.name)\" updated")]
        case .challenge(let challenge):
            let verb = challenges[challenge.id] == nil ? "posed" : "updated"
            challenges[challenge.id] = challenge
            changes = [Change(atMs: at, text: "challenge #\(challenge.id) \"\(challenge.title)\" \(verb) by \(territoryName(challenge.territorySlug))")]
        case .team(let team):
            let verb = teams[team.id] == nil ? "joined" : "updated on"
            teams[team.id] = team
            changes = [Change(atMs: at, text: "team \"\(team.name)\" \(verb) \(challengeName(team.challengeID))")]
        case .idea(let idea):
            let what = idea.revision <= 1 ? "posted" : "revised (r\(idea.revision))"
            changes = [Change(atMs: at, text: "idea \"\(idea.title)\" \(what) by \(teamName(idea.teamID))")]
        case .run(let run):
            event.run = run.run
            changes = run.transitions.map { Change(atMs: $0.atMs, text: RunView.describe($0, in: event), ofRun: true) }
        case .tick(let tick):
            event.run.status = tick.status
            event.run.phaseIndex = tick.phaseIndex
            event.run.phaseEndsAtMs = tick.phaseEndsAtMs
            event.run.remainingMs = tick.remainingMs
            event.run.asOfMs = at
        case .ideaCounts(let counts):
            ideaCounts = Dictionary(counts.challenges.map { ($0.challengeID, $0) }, uniquingKeysWith: { $1 })
        case .synthesis(let synthesis):
            changes = [Change(atMs: at, text: "synthesis of \(challengeName(synthesis.challengeID)) saved (r\(synthesis.revision))"
                + (synthesis.signedRevision == synthesis.revision ? ", co-signed by \(synthesis.signedBy)" : ""))]
        case .publication(let publication):
            changes = [Change(atMs: at, text: "restitution: \(Text.count(publication.syntheses.count, "synthesis", "syntheses")) and "
                + "\(Text.count(publication.retainedIdeas.count, "retained idea")) are public")]
        case nil:
            break
        }
        remember(changes)
        return changes
    }

    /// A snapshot replaces everything but the changes seen so far: those of
    /// the run are rebuilt from its history, which also covers the time the
    /// stream was down.
    private mutating func apply(_ snapshot: Hack_V1_EventSnapshot) {
        event = snapshot.event
        territoryNames = Dictionary(snapshot.territories.map { ($0.slug, $0.name) }, uniquingKeysWith: { $1 })
        challenges = Dictionary(snapshot.challenges.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        teams = Dictionary(snapshot.teams.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        ideaCounts = Dictionary(snapshot.ideaCounts.challenges.map { ($0.challengeID, $0) }, uniquingKeysWith: { $1 })
        let history = event.run.history.suffix(Self.recentLimit).map { Change(atMs: $0.atMs, text: RunView.describe($0, in: event), ofRun: true) }
        let others = recent.filter { !$0.ofRun }
        recent = []
        remember((others + history).sorted { $0.atMs < $1.atMs })
        hasSnapshot = true
    }

    private mutating func remember(_ changes: [Change]) {
        recent = Array((recent + changes).suffix(Self.recentLimit))
    }

    func territoryName(_ slug: String) -> String { territoryNames[slug] ?? slug }

    /// "challenge «Title»", or "challenge #3" when unknown.
    func challengeName(_ id: UInt64) -> String {
        challenges[id].map { "challenge \"\($0.title)\"" } ?? "challenge #\(id)"
    }

    func teamName(_ id: UInt64) -> String {
        teams[id].map { "team \"\($0.name)\"" } ?? "team #\(id)"
    }
}

/// The countdown and progress of a run at a moment, computed on the client
/// from the last item's server clock, so they move between items.
extension WatchState {
    /// Time left in the current phase (running, paused) or before the start (ready).
    func remainingMs(at now: Int64) -> Int64? {
        let run = event.run
        switch run.status {
        case .running: return max(0, run.phaseEndsAtMs - now)
        case .paused: return max(0, run.remainingMs)
        case .ready: return max(0, run.scheduledStartMs - now)
        default: return nil
        }
    }

    /// Each phase's duration as it runs (extensions included).
    var phaseDurations: [Int64] {
        event.agenda.enumerated().map { index, phase in
            index < event.run.phases.count && event.run.phases[index].durationMs > 0
                ? event.run.phases[index].durationMs : Int64(clamping: phase.durationMs)
        }
    }

    /// How much of the current phase and of the whole agenda has run, 0 to 1.
    func progress(at now: Int64) -> (phase: Double, agenda: Double) {
        let durations = phaseDurations
        let total = durations.reduce(0, +)
        let index = Int(event.run.phaseIndex)
        switch event.run.status {
        case .finished:
            return (1, 1)
        case .running, .paused:
            guard index < durations.count, durations[index] > 0, total > 0 else { return (0, 0) }
            let elapsed = min(max(durations[index] - (remainingMs(at: now) ?? 0), 0), durations[index])
            let before = durations[..<index].reduce(0, +)
            return (Double(elapsed) / Double(durations[index]), Double(before + elapsed) / Double(total))
        default:
            return (0, 0)
        }
    }

    /// When the last phase is projected to end, and how far that is from
    /// its plan (nil when the agenda plans no end).
    func projectedEnd(at now: Int64) -> (atMs: Int64, driftMs: Int64?)? {
        let run = event.run
        let index = Int(run.phaseIndex)
        let durations = phaseDurations
        guard run.status == .running || run.status == .paused, index < durations.count, let remaining = remainingMs(at: now) else {
            return nil
        }
        let end = now + remaining + durations[(index + 1)...].reduce(0, +)
        guard let last = run.phases.last, last.plannedStartMs != 0, let phase = event.agenda.last else { return (end, nil) }
        return (end, end - (last.plannedStartMs + Int64(clamping: phase.durationMs)))
    }
}
