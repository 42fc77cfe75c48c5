/// Every limit on user input, in one place so the rules, their messages and
/// their tests agree. Lengths count Unicode scalars: clients count them
/// alike, and unlike grapheme clusters one cannot hide unbounded bytes.
public enum InputLimits {
    /// Slugs are stable keys in URLs and on disk: `^[a-z0-9]+(-[a-z0-9]+)*$`.
    public static let slugLength: ClosedRange<Int> = 1...64
    /// Names and titles: one line, shown in lists.
    public static let nameMaxLength = 200
    /// Venue, theme and a person's role: short single-line text, may be empty.
    public static let shortTextMaxLength = 200
    /// A challenge's context: a few paragraphs.
    public static let contextMaxLength = 2_000
    /// An idea's pitch: a few paragraphs.
    public static let pitchMaxLength = 2_000
    /// An idea's body: a full write-up.
    public static let bodyMaxLength = 20_000
    /// Themes tag a challenge; a few suffice.
    public static let themesMaxCount = 20
    public static let themeMaxLength = 64
    /// Hackathon teams are small.
    public static let membersMaxCount = 20
    /// Teams of one event: a national programme's largest day, with room.
    public static let teamsPerEventMax = 500
    /// Ideas one team posts: many drafts, but not a flood.
    public static let ideasPerTeamMax = 100
    /// An agenda lists at least one phase.
    public static let agendaPhaseCount: ClosedRange<Int> = 1...50
    /// A phase lasts at least 1 ms and at most a day.
    public static let phaseDurationMs: ClosedRange<Int64> = 1...86_400_000
    /// Transitions in one event's run (controls and phase changes): a day has dozens.
    public static let runTransitionsMax = 1_000
    /// Watch ticks: often enough for a countdown, never a flood.
    public static let tickIntervalMs: ClosedRange<UInt32> = 100...60_000
    /// Voter codes issued by one call: a print run of cards.
    public static let voterCodesPerCall: ClosedRange<Int> = 1...5_000
    /// Voter codes of one event: a large audience, with room.
    public static let voterCodesPerEventMax = 20_000
    /// A typed voter code: 12 symbols, with room for dashes and spaces.
    public static let voterCodeInputMaxLength = 64
    /// Criteria of a rubric: enough to judge, few enough to score in an hour.
    public static let rubricCriteriaCount: ClosedRange<Int> = 1...10
    /// A criterion's key, `[a-z0-9-]`: what scores name it by.
    public static let criterionKeyMaxLength = 32
    /// A criterion's weight in the total.
    public static let criterionWeight: ClosedRange<Int> = 1...100
    /// A criterion's description: a sentence or two for the jurors.
    public static let criterionDescriptionMaxLength = 500
    /// A rubric's highest value (its lowest is below it, at least 0).
    public static let scaleMax = 100
    /// A synthesis's summary: a page or two.
    public static let synthesisSummaryMaxLength = 10_000
    /// A synthesis's next steps: a few paragraphs.
    public static let synthesisNextStepsMaxLength = 5_000
    /// Ideas one synthesis retains: the best few, with room.
    public static let retainedIdeasMax = 20
    /// Why an idea is retained: a paragraph.
    public static let retainedReasonMaxLength = 2_000
    /// Saves of one synthesis in an hour's work: many, but not a flood.
    public static let synthesisRevisionsMax = 500
}
