/// Bytes gathered for a peer, written in place: frames are stored straight
/// into its memory. A `[UInt8]` grows only by appending, with a uniqueness
/// and capacity check per append; a server's answer cost ~340 instructions
/// of that around the copy of its bytes (docs/BENCHMARKS.md). A class: a
/// connection and its loop's pool of spare buffers pass it around, never
/// copy it.
public final class OutputBuffer {
    public private(set) var count = 0
    public private(set) var capacity = 0
    private var storage: UnsafeMutableRawPointer?

    public init(capacity: Int = 0) {
        if capacity > 0 { grow(to: capacity) }
    }

    deinit {
        storage?.deallocate()
    }

    public var isEmpty: Bool { count == 0 }

    /// The bytes gathered: valid until the buffer next changes.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage, count: count)
    }

    /// Appends `size` bytes that `store` writes at the pointer it is given;
    /// it must write all of them (the buffer does not check).
    @inline(__always)
    public func append(size: Int, _ store: (UnsafeMutableRawPointer) -> Void) {
        guard size > 0 else { return }
        reserve(size)
        store(storage.unsafelyUnwrapped + count)
        count += size
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        append(size: bytes.count) { $0.copyMemory(from: source, byteCount: bytes.count) }
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Empties the buffer, keeping its memory for what comes next.
    public func removeAll() {
        count = 0
    }

    /// Room for `extra` more bytes in one allocation, growing geometrically
    /// (an exact fit per frame would copy a batch over and over).
    public func reserve(_ extra: Int) {
        let needed = count + extra
        if needed > capacity { grow(to: max(needed, 2 * capacity)) }
    }

    private func grow(to newCapacity: Int) {
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        if let storage {
            grown.copyMemory(from: storage, byteCount: count)
            storage.deallocate()
        }
        storage = grown
        capacity = newCapacity
    }
}
