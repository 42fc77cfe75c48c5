/// Who the caller is: the record of the token it presented (never its secret).
/// The server builds one only for an active token (`TokenRecord.isActive(at:)`),
/// so the rules below need not look at revocation or expiry. A class: it
/// goes from the connection to every rule a call checks, and handing on a
/// reference is one retain where copying the record is one per field.
public final class Principal: Sendable, Equatable {
    public let token: TokenRecord

    public init(token: TokenRecord) {
        self.token = token
    }

    public var grant: Grant { token.grant }

    public static func == (lhs: Principal, rhs: Principal) -> Bool {
        lhs === rhs || lhs.token == rhs.token
    }
}

/// Who may do what: every access rule in one place, pure and total, so the
/// server's method table calls them and tests can read them as a table.
/// Each returns true when the principal may. Two rules hold throughout:
/// admin may everything (it is the server's owner), and an organiser may
/// everything within its own event (it runs the day) but nothing outside it.
public enum Access {
    /// Admin only: an event is the root of every other scope, so only the server-wide role makes one.
    public static func mayCreateEvent(_ p: Principal) -> Bool {
        isAdmin(p)
    }

    /// Admin, or that event's organiser: update the event, create challenges, create and rename teams.
    public static func mayManageEvent(_ p: Principal, event: String) -> Bool {
        isAdmin(p) || (p.grant.role == .organiser && p.grant.eventSlug == event)
    }

    /// Admin or any organiser: territories are server-wide and outlive events,
    /// and an organiser must be able to add the territories posing its challenges.
    public static func mayManageTerritories(_ p: Principal) -> Bool {
        isAdmin(p) || p.grant.role == .organiser
    }

    /// Any grant on the event (and admin): the event, agenda, territories, challenges and team list
    /// are what every participant needs to find their way; ideas are guarded separately.
    public static func mayReadEvent(_ p: Principal, event: String) -> Bool {
        isAdmin(p) || p.grant.eventSlug == event
    }

    /// Organiser of its event, or the moderator of its territory in its event:
    /// the moderator runs that territory's table and keeps its challenge up to date.
    public static func mayUpdateChallenge(_ p: Principal, _ c: Challenge) -> Bool {
        mayManageEvent(p, event: c.eventSlug)
            || (p.grant.role == .moderator && p.grant.eventSlug == c.eventSlug && p.grant.territorySlug == c.territorySlug)
    }

    /// Organiser of its event, or a member of that team: a team keeps its own name and roster.
    public static func mayUpdateTeam(_ p: Principal, _ t: Team) -> Bool {
        mayManageEvent(p, event: t.eventSlug) || isMember(p, of: t)
    }

    /// Organiser of the team's event, or a member of that team: a team writes only its own ideas.
    public static func mayCreateIdea(_ p: Principal, team: Team) -> Bool {
        mayManageEvent(p, event: team.eventSlug) || isMember(p, of: team)
    }

    /// Organiser, or a member of the idea's team. `team` must be the idea's team;
    /// given another, the answer is no (a mismatched lookup must not open a door).
    public static func mayUpdateIdea(_ p: Principal, _ i: Idea, team: Team) -> Bool {
        guard team.id == i.teamId else { return false }
        return mayManageEvent(p, event: team.eventSlug) || isMember(p, of: team)
    }

    /// Nothing is public before restitution (a later issue), so an idea is read only by:
    /// its event's organiser; its team; the moderator and the representative of the
    /// challenge's territory (they synthesise it); a juror assigned to its challenge
    /// (a juror's own team's idea included: the conflict only bars scoring, see
    /// `conflictOfInterest`). Observers and other teams: no.
    /// `team` and `challenge` must be the idea's; given others, the answer is no.
    public static func mayReadIdea(_ p: Principal, _ i: Idea, team: Team, challenge: Challenge) -> Bool {
        guard team.id == i.teamId, challenge.id == i.challengeId, team.eventSlug == challenge.eventSlug else {
            return false
        }
        if mayManageEvent(p, event: challenge.eventSlug) || isMember(p, of: team) { return true }
        guard p.grant.eventSlug == challenge.eventSlug else { return false }
        switch p.grant.role {
        case .moderator, .territory: return p.grant.territorySlug == challenge.territorySlug
        case .juror: return p.grant.challengeIds.contains(i.challengeId)
        case .admin, .organiser, .team, .observer: return false
        }
    }

    /// Admin: any grant. Organiser: any grant on its own event except admin —
    /// co-organisers included, so the day never waits on the server's owner;
    /// an admin grant would escape the event, so it stays with admins.
    public static func mayIssueToken(_ p: Principal, grant: Grant) -> Bool {
        if isAdmin(p) { return true }
        return p.grant.role == .organiser && grant.role != .admin && grant.eventSlug == p.grant.eventSlug
    }

    /// Whoever could issue the token may revoke it (an organiser its own token too: stepping down is allowed).
    public static func mayRevokeToken(_ p: Principal, _ token: TokenRecord) -> Bool {
        mayIssueToken(p, grant: token.grant)
    }

    /// Admin: one event's tokens or all (nil). Organiser: its own event's only; tokens name people.
    public static func mayReadTokens(_ p: Principal, event: String?) -> Bool {
        if isAdmin(p) { return true }
        guard let event else { return false }
        return mayManageEvent(p, event: event)
    }

    /// Same as tokens: the audit log names who did what, so only those who run the event read it.
    /// nil (the server-wide log, territories included) is admin only.
    public static func mayReadAudit(_ p: Principal, event: String?) -> Bool {
        mayReadTokens(p, event: event)
    }

    /// A juror scoring an idea of their own team: they may read it but not score it
    /// (for the later scoring issue). Only a juror grant with a team can conflict.
    public static func conflictOfInterest(juror: Principal, idea: Idea) -> Bool {
        guard juror.grant.role == .juror, let teamId = juror.grant.teamId else { return false }
        return teamId == idea.teamId
    }

    // MARK: Building blocks

    private static func isAdmin(_ p: Principal) -> Bool {
        p.grant.role == .admin
    }

    /// A team token of that team (in that team's event, which a valid grant implies; checked anyway).
    private static func isMember(_ p: Principal, of team: Team) -> Bool {
        p.grant.role == .team && p.grant.teamId == team.id && p.grant.eventSlug == team.eventSlug
    }
}
