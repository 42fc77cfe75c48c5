/// The answers to the frames of the read being handled, gathered to leave in
/// one write. One connection handles a read at a time on the loop, so one
/// buffer serves them all: no allocation per read, and a connection holds no
/// buffer between reads. Only the connection handling a read touches it.
final class ReadOutput {
    var bytes: [UInt8] = []

    /// Empties it; a buffer grown past 64 KiB by a large answer is let go.
    func clear() {
        bytes.removeAll(keepingCapacity: bytes.capacity <= 64 * 1024)
    }
}
