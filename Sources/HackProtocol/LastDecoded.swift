import Foundation

/// The message decoded last and the bytes it came from: clients repeat
/// the same request (a screen polling its event, a countdown), and a
/// message handed out again for the same bytes is not parsed once more.
/// Only short bytes are kept (a slug, an id; a REQUEST without a token of
/// its own): comparing them costs a fraction of parsing them. A value, and
/// so is the message handed out: the caller's own copy.
public struct LastDecoded<Message> {
    /// Longer bytes (an idea's text) are parsed each time: they seldom come back.
    public let maxBytes: Int
    private var bytes: [UInt8] = []
    private var message: Message?

    public init(maxBytes: Int = 64) {
        self.maxBytes = maxBytes
    }

    /// The message kept, if `field` holds the bytes it came from.
    public func message(for field: UnsafeRawBufferPointer) -> Message? {
        guard let message, field.count == bytes.count else { return nil }
        let same = bytes.withUnsafeBytes { kept in
            kept.isEmpty || memcmp(kept.baseAddress!, field.baseAddress!, kept.count) == 0
        }
        return same ? message : nil
    }

    /// Keeps `message`, decoded from `field`, unless `field` is too long to keep.
    public mutating func remember(_ message: Message, for field: UnsafeRawBufferPointer) {
        guard field.count <= maxBytes else { return }
        bytes = Array(field)
        self.message = message
    }
}
