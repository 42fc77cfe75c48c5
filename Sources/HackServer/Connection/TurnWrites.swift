import HackProtocol
import HackTransport

/// Connections write what they have to say once per loop turn, after the
/// turn's I/O callbacks, as Redis does before it sleeps: the answers to one
/// client's pipelined calls leave in one write, and a client is woken once
/// per turn rather than once per answer (on loopback every write wakes the
/// reader; waking a sleeping one cost more than the answer itself).
final class TurnWrites {
    private var hook: TurnHook?
    private var scheduled: [ConnectionHandler] = []
    /// Emptied output buffers of earlier turns. A connection hands its
    /// buffer back once written (an idle connection holds none) and the next
    /// to speak takes one, rather than each answer allocating, growing and
    /// freeing a buffer of its own. At most `maxSpares` of them, none larger
    /// than `maxSpareBytes`: a large report's buffer is freed.
    private var spares: [OutputBuffer] = []
    static let maxSpares = 64
    static let maxSpareBytes = 64 * 1024

    init(loop: EventLoop) {
        hook = loop.onEveryTurn { [unowned self] in self.flush() }
    }

    /// `handler` writes its output at the end of this turn.
    func schedule(_ handler: ConnectionHandler) {
        if scheduled.isEmpty { hook?.requestTurn() }
        scheduled.append(handler)
    }

    /// An empty buffer for a connection's output, with room from earlier turns.
    func takeBuffer() -> OutputBuffer {
        spares.popLast() ?? OutputBuffer()
    }

    /// Takes back a written buffer, which its connection no longer holds.
    func recycle(_ buffer: OutputBuffer) {
        if spares.count < Self.maxSpares, buffer.capacity <= Self.maxSpareBytes {
            buffer.removeAll()
            spares.append(buffer)
        }
    }

    func close() {
        flush()
        hook?.close()
        hook = nil
    }

    private func flush() {
        guard !scheduled.isEmpty else { return }
        let due = scheduled
        scheduled.removeAll(keepingCapacity: true)
        for handler in due { handler.writeOutput() }
    }
}
