/// Who may run the audience vote and read its tally. Casting a vote needs
/// no principal at all: the voter code is the credential.
extension Access {
    /// Admin, or the event's organiser: they print the codes and hand them out.
    public static func mayIssueVoterCodes(_ p: Principal, event: String) -> Bool {
        mayManageEvent(p, event: event)
    }

    /// Live to admin and the event's organiser (they watch the vote come in);
    /// to every token of the event once it has finished, when the result is public.
    public static func mayReadVoteTally(_ p: Principal, event: String, finished: Bool) -> Bool {
        mayManageEvent(p, event: event) || (finished && mayReadEvent(p, event: event))
    }
}
