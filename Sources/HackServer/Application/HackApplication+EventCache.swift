import HackDomain
import HackProtocol

/// `Events/Get` is the most asked question (every screen, every poll) and
/// its answer is the same for every caller allowed to ask: it is encoded
/// once per event, committed state and millisecond (the run in it is as of
/// that millisecond), and the bytes are served to the rest.
final class EncodedEventCache {
    private struct Entry {
        let slug: String
        let version: UInt64
        let at: Millis
        let bytes: [UInt8]
    }

    private var entries: [String: Entry] = [:]
    /// The last one encoded: usually the one asked for (a programme runs
    /// one event at a time), found by comparing the slug instead of hashing it.
    private var latest: Entry?

    /// The bytes encoded for this event, committed state and millisecond, if any.
    func cached(slug: String, version: UInt64, at now: Millis) -> [UInt8]? {
        let entry = latest?.slug == slug ? latest : entries[slug]
        guard let entry, entry.version == version, entry.at == now else { return nil }
        return entry.bytes
    }

    func bytes(slug: String, version: UInt64, at now: Millis,
                         encode: () throws(RPCError) -> [UInt8]) throws(RPCError) -> [UInt8] {
        if let bytes = cached(slug: slug, version: version, at: now) { return bytes }
        let bytes = try encode()
        let entry = Entry(slug: slug, version: version, at: now, bytes: bytes)
        entries[slug] = entry
        latest = entry
        return bytes
    }
}

extension HackApplication {
    /// `Events/Get` for `caller`. A cached answer proves the event exists in
    /// the committed state, so a caller the access rule admits is served
    /// from it without looking the event up; any other case (not cached,
    /// refused, absent) takes the full path and its exact answer.
    func encodedEvent(slug: String, for caller: Caller) throws(RPCError) -> EncodedResponse<Hack_V1_Event> {
        let now = clock.now()
        if Access.mayReadEvent(caller.principal, event: slug),
           let bytes = eventCache.cached(slug: slug, version: committedVersion, at: now) {
            return EncodedResponse(bytes: bytes)
        }
        return try encodedEvent(caller.readableEvent(slug, in: committed), at: now)
    }

    /// The event as `Events/Get` answers it, with its run as of `now`, encoded.
    func encodedEvent(_ event: Event, at now: Millis) throws(RPCError) -> EncodedResponse<Hack_V1_Event> {
        let bytes = try eventCache.bytes(slug: event.slug, version: committedVersion, at: now) { () throws(RPCError) in
            do {
                return try Hack_V1_Event(event, in: committed, at: now).serializedBytes()
            } catch {
                throw RPCError(.internal, "cannot encode hack.v1.Event")
            }
        }
        return EncodedResponse(bytes: bytes)
    }
}
