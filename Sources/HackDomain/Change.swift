/// What a decided command changes: full snapshots, so storage can upsert
/// them and watchers can forward them without reading the state again.
///
/// `ideaCreated(idea)` is revision 1 (at `idea.createdAt`); `ideaUpdated(idea)`
/// is revision `idea.revision` (at `idea.updatedAt`), and the one before it
/// becomes an earlier revision.
/// `tokenRevoked(token)` carries the whole record with `revokedAt` set.
/// `runChanged` carries the whole run and the transitions that made it.
public enum Change: Sendable, Equatable {
    case eventCreated(Event)
    case eventUpdated(Event)
    case territoryCreated(Territory)
    case territoryUpdated(Territory)
    case challengeCreated(Challenge)
    case challengeUpdated(Challenge)
    case teamCreated(Team)
    case teamUpdated(Team)
    case ideaCreated(Idea)
    case ideaUpdated(Idea)
    case tokenIssued(TokenRecord)
    case tokenRevoked(TokenRecord)
    /// The run after `transitions`, which are appended to its history (in order).
    case runChanged(eventSlug: String, run: EventRun, transitions: [RunTransition])
    /// New voter codes of one event, with consecutive ids.
    case voterCodesIssued(eventSlug: String, codes: [VoterCode])
    case voteCast(Vote)
    /// The event's whole rubric.
    case rubricSet(Rubric)
    /// A juror's score of an idea, new (revision 1) or replacing theirs.
    case ideaScored(Score)
    /// The synthesis after a save: its `revision` is recorded (at `updatedAt`).
    case synthesisSaved(Synthesis)
    /// The synthesis after a co-signature of `signedRevision` (its latest).
    case synthesisCoSigned(Synthesis)
}
