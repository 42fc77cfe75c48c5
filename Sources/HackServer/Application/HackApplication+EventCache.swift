import HackDomain
import HackProtocol

/// `Events/Get` is the most asked question (every screen, every poll) and
/// its answer is the same for every caller allowed to ask: it is encoded
/// once per event, committed state and millisecond (the run in it is as of
/// that millisecond), and the bytes are served to the rest.
///
/// Only the run changes from one millisecond to the next, and it is the
/// message's last field: the fields before it are encoded once per committed
/// state and the run's encoding is appended to them, byte for byte what
/// encoding the whole message writes (a test holds it to that).
final class EncodedEventCache {
    /// A class: looking one up is one retain, not one per field.
    private final class Entry {
        let slug: String
        let version: UInt64
        /// Every field but the run, as of `version`.
        let head: [UInt8]
        let at: Millis
        let bytes: [UInt8]

        init(slug: String, version: UInt64, head: [UInt8], at: Millis, bytes: [UInt8]) {
            self.slug = slug
            self.version = version
            self.head = head
            self.at = at
            self.bytes = bytes
        }
    }

    private var entries: [String: Entry] = [:]
    /// The last one encoded: usually the one asked for (a programme runs
    /// one event at a time), found by comparing the slug instead of hashing it.
    private var latest: Entry?

    /// The bytes encoded for this event, committed state and millisecond, if any.
    func cached(slug: String, version: UInt64, at now: Millis) -> [UInt8]? {
        guard let entry = entry(slug), entry.version == version, entry.at == now else { return nil }
        return entry.bytes
    }

    /// `head`: the message without its run; `run`: the run, field `runField`.
    func bytes(slug: String, version: UInt64, at now: Millis, runField: UInt8,
               head: () throws -> [UInt8], run: () throws -> [UInt8]) rethrows -> [UInt8] {
        let known = entry(slug)
        if let known, known.version == version, known.at == now { return known.bytes }
        let headBytes = if let known, known.version == version { known.head } else { try head() }
        let runBytes = try run()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headBytes.count + WireField.lengthDelimitedSize(contents: runBytes.count))
        bytes.append(contentsOf: headBytes)
        WireField.appendLengthDelimited(runField, runBytes, to: &bytes)
        let entry = Entry(slug: slug, version: version, head: headBytes, at: now, bytes: bytes)
        entries[slug] = entry
        latest = entry
        return bytes
    }

    private func entry(_ slug: String) -> Entry? {
        latest?.slug == slug ? latest : entries[slug]
    }
}

extension HackApplication {
    /// `hack.v1.Event.run`: the last field of the message.
    static let eventRunField: UInt8 = 11

    /// `Events/Get` for `caller`. A cached answer proves the event exists in
    /// the committed state, so a caller the access rule admits is served
    /// from it without looking the event up; any other case (not cached,
    /// refused, absent) takes the full path and its exact answer.
    func encodedEvent(slug: String, for caller: Caller) throws(RPCError) -> EncodedResponse<Hack_V1_Event> {
        let now = caller.now
        if Access.mayReadEvent(caller.principal, event: slug),
           let bytes = eventCache.cached(slug: slug, version: committedVersion, at: now) {
            return EncodedResponse(bytes: bytes)
        }
        return try encodedEvent(caller.readableEvent(slug, in: committed), at: now, askedAs: slug)
    }

    /// The event as `Events/Get` answers it, with its run as of `now`,
    /// encoded. `askedSlug` (the event's slug, as the caller's request held
    /// it) is the cache's key: the next callers' requests hold the same
    /// string (`RecentStrings`), and find the entry comparing two pointers.
    func encodedEvent(_ event: Event, at now: Millis,
                      askedAs askedSlug: String) throws(RPCError) -> EncodedResponse<Hack_V1_Event> {
        let state = committed
        do {
            let bytes = try eventCache.bytes(
                slug: askedSlug, version: committedVersion, at: now, runField: Self.eventRunField,
                head: { try Hack_V1_Event(event, territorySlugs: state.territorySlugs(eventSlug: event.slug)).serializedBytes() },
                run: { try Hack_V1_EventRun(of: event, in: state, at: now).serializedBytes() })
            return EncodedResponse(bytes: bytes)
        } catch {
            throw RPCError(.internal, "cannot encode hack.v1.Event")
        }
    }
}
