/// Who may write, co-sign and read a territory's synthesis.
extension Access {
    /// Organiser of its event, or the moderator of its territory in its event: the
    /// moderator runs the territory's table and writes what it retains.
    public static func maySaveSynthesis(_ p: Principal, _ c: Challenge) -> Bool {
        mayManageEvent(p, event: c.eventSlug) || holdsTerritory(p, .moderator, of: c)
    }

    /// Admin, or the representative of its territory: the co-signature is the territory's
    /// own word, so not even the organiser gives it.
    public static func mayCoSignSynthesis(_ p: Principal, _ c: Challenge) -> Bool {
        p.grant.role == .admin || holdsTerritory(p, .territory, of: c)
    }

    /// Before restitution a synthesis is the territory's work in progress: its event's
    /// organiser, its moderator and its representative read it. Once published (restitution
    /// has begun, `published` is asked only when it matters) any token of the event does.
    public static func mayReadSynthesis(_ p: Principal, _ c: Challenge, published: () -> Bool) -> Bool {
        if mayManageEvent(p, event: c.eventSlug) || holdsTerritory(p, .moderator, of: c) || holdsTerritory(p, .territory, of: c) {
            return true
        }
        return mayReadEvent(p, event: c.eventSlug) && published()
    }

    private static func holdsTerritory(_ p: Principal, _ role: Role, of c: Challenge) -> Bool {
        p.grant.role == role && p.grant.eventSlug == c.eventSlug && p.grant.territorySlug == c.territorySlug
    }
}
