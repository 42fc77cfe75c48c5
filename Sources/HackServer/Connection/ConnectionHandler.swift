import HackProtocol
import HackTransport
import Logging

/// Starts calls: the server's method router, seen from a connection.
protocol CallDispatcher: AnyObject {
    func dispatch(_ request: CallRequest, call: ServerCall)
}

/// Joins one TCP connection to the protocol: bytes in through the frame
/// decoder and the state machine, actions out to the socket and the router.
final class ConnectionHandler: CallOutput {
    private let connection: TCPConnection
    private var machine: ConnectionStateMachine
    private var decoder: FrameDecoder
    private var calls: [UInt32: ServerCall] = [:]
    private unowned let dispatcher: CallDispatcher
    private let loop: EventLoop
    private let policy: ConnectionPolicy
    private let logger: Logger
    /// Where the answers of one read gather while its frames are handled
    /// (the loop's, shared: see `ReadOutput`).
    private let readOutput: ReadOutput
    private var isHandlingRead = false
    /// Loop time of the read being handled: a call's deadline counts from it.
    private var readAt: UInt64 = 0
    private let verified = VerifiedCredential()
    /// Called once the connection is closed, to forget it.
    var onClosed: ((ConnectionHandler) -> Void)?

    init(connection: TCPConnection, welcome: Hack_V1_Welcome, policy: ConnectionPolicy,
         dispatcher: CallDispatcher, readOutput: ReadOutput, loop: EventLoop, logger: Logger) {
        self.connection = connection
        self.readOutput = readOutput
        self.machine = ConnectionStateMachine(welcome: welcome, policy: policy, openedAt: loop.now)
        self.policy = policy
        self.decoder = FrameDecoder(maxFrameBytes: welcome.limits.maxFrameBytes)
        self.dispatcher = dispatcher
        self.loop = loop
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
        guard let open = calls.removeValue(forKey: call.callId) else { return }
        guard open === call else {
            calls[call.callId] = open  // the id now names a newer call
            return
        }
        if machine.finishCall(call.callId, at: loop.now) {
            switch answer {
            case .success(let payload):
                emit { FrameEncoder.appendSuccessResponse(callId: call.callId, payload: payload, to: &$0) }
            case .frame(let frame):
                send(frame)
            }
            perform(machine.goAwayIfDrained())
        }
    }

    private func send(_ frame: Frame) {
        emit { FrameEncoder.append(frame, to: &$0) }
    }

    /// Writes, or while the frames of one read are being handled, gathers:
    /// the answers to pipelined calls leave in one write.
    private func emit(_ encode: (inout [UInt8]) -> Void) {
        if isHandlingRead {
            encode(&readOutput.bytes)
            return
        }
        var bytes: [UInt8] = []
        encode(&bytes)
        connection.write(bytes)
        enforceUnreadLimit()
    }

    /// The end of a read: what it gathered leaves in one write.
    private func finishRead() {
        guard isHandlingRead else { return }
        isHandlingRead = false
        guard !readOutput.bytes.isEmpty else { return }
        connection.write(readOutput.bytes)  // what the kernel does not take now is copied
        readOutput.clear()
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
        isHandlingRead = true
        defer { finishRead() }
        do {
            while machine.state != .closed, let frame = try decoder.next() {
                perform(machine.received(frame, at: loop.now))
            }
        } catch {
            logger.info("closing connection: \(error)")
            perform(machine.framingFailed(error))
        }
    }

    private func perform(_ action: ConnectionStateMachine.Action) {
        switch action {
        case .none:
            break
        case .send(let frame):
            send(frame)
        case .startCall(let callId, let request):
            startCall(callId, request)
        case .cancelCall(let callId):
            calls.removeValue(forKey: callId)?.cancelled()
        case .goAway(let frame):
            send(frame)  // during a read: after the answers gathered so far, in the same write
            finishRead()
            cancelAllCalls()
            connection.close()
        }
    }

    private func startCall(_ callId: UInt32, _ request: CallRequest) {
        let call = ServerCall(callId: callId, method: request.method, metadata: request.metadata,
                              connectionMetadata: machine.helloMetadata, verified: verified, output: self)
        calls[callId] = call
        if request.timeoutMs > 0 {
            loop.updateTime()
            guard call.armDeadline(afterMs: request.timeoutMs, elapsedMs: loop.now &- readAt, makeTimer: loop.makeTimer) else {
                return
            }
        }
        dispatcher.dispatch(request, call: call)
    }

    private func cancelAllCalls() {
        let open = calls.values
        calls.removeAll()
        for call in open { call.cancelled() }
    }

    private func closed(_ error: TransportError?) {
        if let error { logger.debug("connection closed: \(error)") }
        cancelAllCalls()
        onClosed?(self)
    }
}
