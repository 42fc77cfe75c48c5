import SwiftProtobuf

/// A request message made only of singular strings and unsigned integers
/// (most requests: a slug, an id, a few texts), decoded by hand in one pass.
///
/// SwiftProtobuf checks a string's UTF-8 one scalar at a time, then the
/// standard library checks it again while making the `String`: for an
/// idea's 400 bytes of text that was 12% of a durable write's instructions.
/// Here the usual encoding (each field with its own wire type) is read
/// straight from the bytes, strings checked once by the standard library's
/// validator; anything else (unknown fields, mismatched wire types, invalid
/// UTF-8, varints of 10 bytes, truncation) goes to the generated decoder,
/// which decides it. The result is the generated decoder's for every input:
/// a differential test holds each conforming message to it.
public protocol FlatDecodable: SwiftProtobuf.Message {
    /// Sets one field read from the wire; false for a number or a wire type
    /// the message does not have (the generated decoder then decides).
    mutating func setFlat(_ field: FlatFields.Field) -> Bool

    /// The message `bytes` hold, exactly as `init(serializedBytes:)` decides.
    /// Each conformance answers with `decodingFlat(_:)`, so the call is
    /// compiled for its own type: the server reaches it through an
    /// existential, where the generic code would look its types up at run
    /// time (two thirds of a small request's decoding).
    static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self
}

extension FlatDecodable {
    /// `decodeFlat` as the server's decoder of this message (`PayloadDecoder`),
    /// made once per method.
    static func payloadDecoder(recent: RecentStrings?) -> (UnsafeRawBufferPointer) throws -> Self {
        { try decodeFlat($0, recent: recent) }
    }
}

/// The fields of a message's bytes, one at a time: a number with a varint
/// or a UTF-8 string (length-delimited). Not generic, so a conforming
/// message's `setFlat` takes them without runtime type lookups.
public struct FlatFields {
    public enum Value {
        case varint(UInt64)
        case string(String)
    }

    public typealias Field = (number: UInt64, value: Value)

    private var reader: WireReader
    private let recent: RecentStrings?
    /// The bytes held something else than varints and UTF-8 strings.
    private(set) var failed = false

    init(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings? = nil) {
        reader = WireReader(bytes)
        self.recent = recent
    }

    /// The next field; nil at the end, or when the bytes hold something else.
    mutating func next() -> Field? {
        guard !reader.isAtEnd, !failed else { return nil }
        switch reader.varint() {
        case let tag? where tag & 7 == 0:
            if let value = reader.varint() { return (tag >> 3, .varint(value)) }
        case let tag? where tag & 7 == 2:
            if let field = reader.lengthDelimited(),
               let string = recent.map({ $0.string(field) }) ?? WireReader.string(field) {
                return (tag >> 3, .string(string))
            }
        default:
            break
        }
        failed = true
        return nil
    }
}

extension FlatDecodable {
    /// `decodeFlat(_:)`'s body: the usual encoding by hand, anything else by
    /// the generated decoder.
    @inline(__always)
    public static func decodingFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        if let message = usual(bytes, recent: recent) { return message }
        return try Self(serializedBytes: Array(bytes))
    }

    /// The usual encoding, read by hand; nil for anything else.
    @inline(__always)
    static func usual(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings? = nil) -> Self? {
        var fields = FlatFields(bytes, recent: recent)
        var message = Self()
        while let field = fields.next() {
            guard message.setFlat(field) else { return nil }
        }
        return fields.failed ? nil : message
    }
}

/// How the server decodes a method's request payload: by hand for
/// `FlatDecodable` messages (their short strings shared through `recent`),
/// by the generated decoder for the others. Chosen once, when the method is
/// registered.
public enum PayloadDecoder {
    public static func of<Request: SwiftProtobuf.Message>(
        _ type: Request.Type, recent: RecentStrings? = nil
    ) -> (UnsafeRawBufferPointer) throws -> Request {
        guard let flat = type as? any FlatDecodable.Type else {
            return { try Request(serializedBytes: Array($0)) }
        }
        return flatDecoder(flat, as: type, recent: recent)
    }

    /// `Flat` is `Request` (`of` found it conforming): the decoder's type is
    /// cast once here, not each message it decodes.
    private static func flatDecoder<Flat: FlatDecodable, Request>(
        _ flat: Flat.Type, as request: Request.Type, recent: RecentStrings?
    ) -> (UnsafeRawBufferPointer) throws -> Request {
        Flat.payloadDecoder(recent: recent) as! (UnsafeRawBufferPointer) throws -> Request
    }
}
