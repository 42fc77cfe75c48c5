import HackProtocol
import HackTransport
import Logging

/// Starts calls: the server's method router, seen from a connection.
protocol CallDispatcher: AnyObject {
    /// Runs the method `request` names with its `payload` (valid during the
    /// call only: the method decodes its message from it first), its caller
    /// authenticated from the request's metadata, then what the connection
    /// has `verified` before and the connection's (HELLO's), asked for only
    /// when needed. Returns the
    /// answer when the call ends at once (answered from memory, or
    /// refused); otherwise it has taken a call from `open`, and answers
    /// through it later.
    func dispatch(_ request: CallRequest, payload: UnsafeRawBufferPointer, connectionMetadata: () -> [String: String],
                  verified: VerifiedCredential, open: () -> ServerCall) -> CallAnswer?
}

/// Joins one TCP connection to the protocol: bytes in through the frame
/// decoder and the state machine, actions out to the socket and the router.
final class ConnectionHandler: CallOutput {
    private let connection: TCPConnection
    private var machine: ConnectionStateMachine
    private var decoder: FrameDecoder
    private let calls: CallTable
    /// Held strongly (the router holds no connection): an unowned reference
    /// would be checked and retained on every call.
    private let dispatcher: CallDispatcher
    private let loop: EventLoop
    private let policy: ConnectionPolicy
    private let logger: Logger
    /// What this turn produced for the peer, written at its end (`TurnWrites`);
    /// handed back after each write: an idle connection holds no buffer.
    private var output: OutputBuffer?
    private let turnWrites: TurnWrites
    private var isWriteScheduled = false
    /// Loop time of the read being handled: a call's deadline counts from it.
    private var readAt: UInt64 = 0
    /// Called once the connection is closed, to forget it.
    var onClosed: ((ConnectionHandler) -> Void)?

    init(connection: TCPConnection, welcome: Hack_V1_Welcome, policy: ConnectionPolicy,
         dispatcher: CallDispatcher, turnWrites: TurnWrites, loop: EventLoop, logger: Logger) {
        self.connection = connection
        self.turnWrites = turnWrites
        self.machine = ConnectionStateMachine(welcome: welcome, policy: policy, openedAt: loop.now)
        self.policy = policy
        self.decoder = FrameDecoder(maxFrameBytes: welcome.limits.maxFrameBytes)
        self.dispatcher = dispatcher
        self.loop = loop
        calls = CallTable(loop: loop)
        var logger = logger
        logger[metadataKey: "peer"] = "\(connection.peer)"
        self.logger = logger
    }

    var peer: String { connection.peer }
    var openCallCount: Int { calls.count }

    func start() {
        connection.onRead = { [unowned self] bytes in self.received(bytes) }
        connection.onClose = { [unowned self] error in self.closed(error) }
        connection.lingerMs = policy.keepaliveTimeoutMs
        connection.startReading()
    }

    /// Ends the connection with a GOAWAY naming why (shutdown, limits).
    func goAway(_ error: RPCError) {
        perform(machine.close(error))
    }

    /// The end of shutdown's grace period: GOAWAY if not said yet (calls in
    /// flight lose their answers), then the connection is reset at once.
    func abort(_ error: RPCError) {
        goAway(error)
        connection.reset()
    }

    /// Shutdown: lets the calls in flight finish, then says GOAWAY.
    func startDraining() {
        perform(machine.startDraining())
    }

    /// The server's periodic look: keepalive PINGs, idle and silent peers.
    func sweep(now: UInt64) {
        perform(machine.tick(at: now))
    }

    func write(kind: FrameKind, callId: UInt32, encodedBody body: [UInt8]) {
        send(Frame(kind: kind, callId: callId, body: body))
    }

    /// A call's final frame: written only while the call is still open.
    func finish(_ call: ServerCall, with answer: CallAnswer) {
        guard calls.close(call) else { return }
        end(call.callId, with: answer)
    }

    /// Writes the final frame of call `callId`, open in the state machine.
    private func end(_ callId: UInt32, with answer: CallAnswer) {
        guard machine.finishCall(callId, at: loop.now) else { return }
        switch answer {
        case .success(let payload):
            emit { FrameEncoder.appendSuccessResponse(callId: callId, payload: payload, to: $0) }
        case .failure, .endOfStream:
            send(answer.frame(callId: callId))
        }
        if machine.isDraining { perform(machine.goAwayIfDrained()) }
    }

    private func send(_ frame: Frame) {
        emit { FrameEncoder.append(frame, to: $0) }
    }

    /// Adds to what the peer gets at the end of this loop turn.
    private func emit(_ encode: (OutputBuffer) -> Void) {
        if output == nil { output = turnWrites.takeBuffer() }
        encode(output.unsafelyUnwrapped)
        if !isWriteScheduled {
            isWriteScheduled = true
            turnWrites.schedule(self)
        }
    }

    /// The end of the turn (or a GOAWAY): everything produced leaves in one write.
    func writeOutput() {
        isWriteScheduled = false
        guard let output else { return }
        self.output = nil
        connection.write(output.bytes)  // what the kernel does not take now is copied and queued
        turnWrites.recycle(output)
        enforceUnreadLimit()
    }

    /// Holds the peer to the limit on unread bytes: past it, nothing more is
    /// produced for this connection and it is closed.
    private func enforceUnreadLimit() {
        let unread = connection.bufferedWriteBytes
        if unread > policy.maxBufferedBytes, machine.state != .closed {
            logger.info("closing a connection that does not read", metadata: ["unsent_bytes": "\(unread)"])
            goAway(RPCError(.resourceExhausted,
                "the client is not reading: \(unread) bytes unsent exceed the limit of \(policy.maxBufferedBytes) bytes"))
        }
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        readAt = loop.now
        decoder.append(bytes)
        do {
            guard machine.state != .closed else { return }
            try decoder.forEachFrame { frame in
                perform(machine.received(frame, at: loop.now), frameBody: frame.body)
                return machine.state != .closed
            }
        } catch {
            logger.info("closing connection: \(error)")
            perform(machine.framingFailed(error))
        }
    }

    /// `frameBody`: the body of the frame received that led to `action`,
    /// where a call it starts finds its payload.
    private func perform(_ action: consuming ConnectionStateMachine.Action,
                         frameBody: UnsafeRawBufferPointer = .init(start: nil, count: 0)) {
        switch consume action {
        case .none:
            break
        case .send(let frame):
            send(frame)
        case .startCall(let callId, let request):
            startCall(callId, request, frameBody: frameBody)
        case .cancelCall(let callId):
            calls.remove(callId)?.cancelled()
        case .goAway(let frame):
            send(frame)  // after the answers not yet written, in the same write
            writeOutput()
            cancelAllCalls()
            connection.close()
        }
    }

    private func startCall(_ callId: UInt32, _ request: CallRequest, frameBody: UnsafeRawBufferPointer) {
        var elapsedMs: UInt64 = 0
        if request.timeoutMs > 0 {
            loop.updateTime()
            elapsedMs = loop.now &- readAt
        }
        if let answer = calls.start(callId, request, frameBody: frameBody, connectionMetadata: { machine.helloMetadata },
                                    elapsedMs: elapsedMs, dispatcher: dispatcher, output: self) {
            end(callId, with: answer)
        } else {
            machine.keepOpen(callId)  // its method answers later
        }
    }

    private func cancelAllCalls() {
        for call in calls.removeAll() { call.cancelled() }
    }

    private func closed(_ error: TransportError?) {
        if let error { logger.debug("connection closed: \(error)") }
        cancelAllCalls()
        onClosed?(self)
    }
}
