import HackProtocol
import HackTransport
import Logging

/// Starts calls: the server's method router, seen from a connection.
protocol CallDispatcher: AnyObject {
    func dispatch(_ request: Hack_V1_Request, call: ServerCall)
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
    private let logger: Logger
    /// Called once the connection is closed, to forget it.
    var onClosed: ((ConnectionHandler) -> Void)?

    init(connection: TCPConnection, welcome: Hack_V1_Welcome, dispatcher: CallDispatcher,
         loop: EventLoop, logger: Logger) {
        self.connection = connection
        self.machine = ConnectionStateMachine(welcome: welcome)
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
        connection.startReading()
    }

    /// Ends the connection with a GOAWAY naming why (shutdown, limits).
    func goAway(_ error: RPCError) {
        perform(machine.close(error))
    }

    func write(kind: FrameKind, callId: UInt32, encodedBody body: [UInt8]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Frame.headerSize + body.count)
        FrameEncoder.appendHeader(kind: kind, callId: callId, bodyCount: body.count, to: &bytes)
        bytes.append(contentsOf: body)
        connection.write(bytes)
    }

    /// A call's final frame: written only while the call is still open.
    func finish(_ call: ServerCall, with frame: Frame) {
        guard calls[call.callId] === call else { return }
        calls[call.callId] = nil
        if machine.finishCall(call.callId) {
            connection.write(FrameEncoder.encode(frame))
        }
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        decoder.append(bytes)
        do {
            while machine.state != .closed, let frame = try decoder.next() {
                perform(machine.received(frame))
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
            connection.write(FrameEncoder.encode(frame))
        case .startCall(let callId, let request):
            startCall(callId, request)
        case .cancelCall(let callId):
            calls.removeValue(forKey: callId)?.cancelled()
        case .goAway(let frame):
            connection.write(FrameEncoder.encode(frame))
            cancelAllCalls()
            connection.close()
        }
    }

    private func startCall(_ callId: UInt32, _ request: Hack_V1_Request) {
        let call = ServerCall(callId: callId, method: request.method, metadata: request.metadata,
                              connectionMetadata: machine.helloMetadata, output: self)
        calls[callId] = call
        if request.timeoutMs > 0 {
            call.armDeadline(afterMs: request.timeoutMs, timer: loop.makeTimer())
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
