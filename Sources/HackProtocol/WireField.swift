/// A length-delimited protobuf field written by hand, for messages composed
/// from parts encoded apart: byte for byte what SwiftProtobuf writes for
/// the same field (tests hold both users to that).
public enum WireField {
    /// The bytes field 1–15 takes with `count` bytes of contents: tag, length, contents.
    public static func lengthDelimitedSize(contents count: Int) -> Int {
        1 + varintSize(UInt64(count)) + count
    }

    /// Appends field `number` (1–15, so its tag is one byte) holding `contents`.
    public static func appendLengthDelimited(_ number: UInt8, _ contents: [UInt8], to bytes: inout [UInt8]) {
        precondition((1...15).contains(number), "field \(number) has a tag of more than one byte")
        bytes.append(number << 3 | 2)  // wire type 2: length-delimited
        var length = UInt64(contents.count)
        while length >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: contents)
    }

    private static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var rest = value >> 7
        while rest > 0 {
            size += 1
            rest >>= 7
        }
        return size
    }
}
