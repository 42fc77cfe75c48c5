/// The short strings requests carried last (slugs, codes, names), kept to
/// be handed out again: most calls name the same few events and teams, and
/// a string handed out again is not made, checked and freed once more per
/// call, and compares equal to itself by its pointer. Long texts (an idea's
/// body) are made each time: they seldom come back.
///
/// Not thread-safe: one per server loop (the method router's).
public final class RecentStrings {
    /// Longer strings are not kept.
    public static let maxLength = 64
    /// How many are kept; the oldest makes room.
    public static let capacity = 8

    private var strings: [String] = []
    private var oldest = 0
    /// The string held elsewhere for a text, if any (the server's state: an
    /// event's slug), kept instead of the one just made: the state's and the
    /// calls' strings are then one, and compare by their pointers.
    private let known: (String) -> String?

    public init(known: @escaping (String) -> String? = { _ in nil }) {
        self.known = known
        strings.reserveCapacity(Self.capacity)
    }

    /// The number of strings kept (for checks).
    public var count: Int { strings.count }

    /// The field's text, the string kept for it if there is one; nil unless
    /// it is valid UTF-8 (as `WireReader.string`).
    func string(_ field: UnsafeRawBufferPointer) -> String? {
        guard field.count <= Self.maxLength else { return WireReader.string(field) }
        for known in strings where WireReader.equal(field, known) { return known }
        guard var made = WireReader.string(field) else { return nil }
        if let held = known(made), WireReader.equal(field, held) { made = held }  // the same bytes, not only equal text
        if strings.count < Self.capacity {
            strings.append(made)
        } else {
            strings[oldest] = made
            oldest = (oldest + 1) % Self.capacity
        }
        return made
    }
}
