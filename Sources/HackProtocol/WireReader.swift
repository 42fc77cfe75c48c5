import Foundation

/// Reads protobuf wire values from bytes; nil where the bytes do not hold one.
struct WireReader {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// At most 9 bytes (63 bits): longer ones, rare and odd, are left to
    /// the generated decoder.
    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 63 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func lengthDelimited() -> UnsafeRawBufferPointer? {
        lengthDelimitedRange().map { UnsafeRawBufferPointer(rebasing: bytes[$0]) }
    }

    /// Where a length-delimited field's contents are in the bytes.
    mutating func lengthDelimitedRange() -> Range<Int>? {
        guard let length = varint(), length <= UInt64(bytes.count - index) else { return nil }
        let start = index
        index += Int(length)
        return start..<index
    }

    /// The bytes are `string`'s UTF-8.
    static func equal(_ field: UnsafeRawBufferPointer, _ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { known in
            known.count == field.count
                && (known.isEmpty || memcmp(known.baseAddress!, field.baseAddress!, known.count) == 0)
        } ?? false
    }

    /// The field's text; nil unless it is valid UTF-8. `String(decoding:)`
    /// checks the bytes with the standard library's validator and replaces
    /// what is not UTF-8, so the bytes were valid exactly when the string's
    /// UTF-8 is the field, byte for byte (a `memcmp`). Cheaper than
    /// `String(validating:)` (generic) or a scalar-by-scalar check.
    static func string(_ field: UnsafeRawBufferPointer) -> String? {
        let string = String(decoding: field, as: UTF8.self)
        return equal(field, string) ? string : nil
    }
}
