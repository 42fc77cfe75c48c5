import HackTransport

/// Connections write what they have to say once per loop turn, after the
/// turn's I/O callbacks, as Redis does before it sleeps: the answers to one
/// client's pipelined calls leave in one write, and a client is woken once
/// per turn rather than once per answer (on loopback every write wakes the
/// reader; waking a sleeping one cost more than the answer itself).
final class TurnWrites {
    private var hook: TurnHook?
    private var scheduled: [ConnectionHandler] = []

    init(loop: EventLoop) {
        hook = loop.onEveryTurn { [unowned self] in self.flush() }
    }

    /// `handler` writes its output at the end of this turn.
    func schedule(_ handler: ConnectionHandler) {
        if scheduled.isEmpty { hook?.requestTurn() }
        scheduled.append(handler)
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
