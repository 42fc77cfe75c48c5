/// A length-delimited protobuf field written by hand, for messages composed
/// from parts encoded apart: byte for byte what SwiftProtobuf writes for
/// the same field (tests hold both users to that).
public enum WireField {
    /// The bytes field 1–15 takes with `count` bytes of contents: tag, length, contents.
    public static func lengthDelimitedSize(contents count: Int) -> Int {
        lengthDelimitedPrefixSize(contents: count) + count
    }

    /// The bytes before the contents: the tag (one byte) and the varint length.
    public static func lengthDelimitedPrefixSize(contents count: Int) -> Int {
        1 + varintSize(UInt64(count))
    }

    /// Appends field `number` (1–15, so its tag is one byte) holding `contents`.
    public static func appendLengthDelimited(_ number: UInt8, _ contents: [UInt8], to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(byteCount: 11, alignment: 1) { prefix in
            let size = storeLengthDelimitedPrefix(number, contents: contents.count, at: prefix.baseAddress!)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: prefix[..<size]))
        }
        bytes.append(contentsOf: contents)
    }

    /// Stores the tag of field `number` (1–15) and the varint `count` at
    /// `start`, which has room for `lengthDelimitedPrefixSize(contents:)`
    /// bytes; returns how many it wrote.
    @discardableResult
    public static func storeLengthDelimitedPrefix(_ number: UInt8, contents count: Int,
                                                  at start: UnsafeMutableRawPointer) -> Int {
        precondition((1...15).contains(number), "field \(number) has a tag of more than one byte")
        start.storeBytes(of: number << 3 | 2, as: UInt8.self)  // wire type 2: length-delimited
        var offset = 1
        var length = UInt64(count)
        while length >= 0x80 {
            start.storeBytes(of: UInt8(truncatingIfNeeded: length) | 0x80, toByteOffset: offset, as: UInt8.self)
            offset += 1
            length >>= 7
        }
        start.storeBytes(of: UInt8(length), toByteOffset: offset, as: UInt8.self)
        return offset + 1
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
