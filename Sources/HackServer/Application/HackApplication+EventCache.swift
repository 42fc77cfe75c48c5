import HackDomain
import HackProtocol

/// `Events/Get` is the most asked question (every screen, every poll) and
/// its answer is the same for every caller allowed to ask: it is encoded
/// once per event, committed state and millisecond (the run in it is as of
/// that millisecond), and the bytes are served to the rest.
struct EncodedEventCache {
    private struct Entry {
        let version: UInt64
        let at: Millis
        let bytes: [UInt8]
    }

    private var entries: [String: Entry] = [:]

    mutating func bytes(slug: String, version: UInt64, at now: Millis,
                         encode: () throws(RPCError) -> [UInt8]) throws(RPCError) -> [UInt8] {
        if let entry = entries[slug], entry.version == version, entry.at == now { return entry.bytes }
        let bytes = try encode()
        entries[slug] = Entry(version: version, at: now, bytes: bytes)
        return bytes
    }
}

extension HackApplication {
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
