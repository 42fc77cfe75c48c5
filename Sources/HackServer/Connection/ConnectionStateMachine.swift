import HackProtocol

/// The protocol rules of one connection, as a pure state machine: each
/// received frame goes in, the action to take comes out. It owns no socket
/// and no timer (time is handed in), so every rule of docs/PROTOCOL.md is
/// testable on its own.
struct ConnectionStateMachine {
    enum State: Equatable {
        case awaitingHello
        case active
        case closed
    }

    enum Action: Equatable {
        /// Nothing to do.
        case none
        /// Write this frame.
        case send(Frame)
        /// Open call `callId` with this request.
        case startCall(callId: UInt32, request: CallRequest)
        /// The client cancelled an open call: release it, answer nothing.
        case cancelCall(callId: UInt32)
        /// Write this GOAWAY, then close the connection.
        case goAway(Frame)
    }

    private(set) var state: State = .awaitingHello
    /// The calls kept open by their methods, to answer later (a commit, a stream).
    private var openCalls = CallIdMap<Void>()
    /// The call whose start the owner is running (0: none): answered at
    /// once (`finishCall`), or kept open by its method (`keepOpen`). Most
    /// calls are answered as they start, before the next frame is read:
    /// they never enter `openCalls`.
    private var startingCallId: UInt32 = 0
    /// The ids of the calls in flight (for checks).
    var openCallIds: Set<UInt32> { openCalls.keys }
    /// Shutdown has begun: no new call starts, and the connection says
    /// GOAWAY once its calls in flight are done.
    private(set) var isDraining = false
    private var keepalive: KeepaliveState
    /// What the client sent in HELLO (e.g. its token), for every call.
    private(set) var helloMetadata: [String: String] = [:]
    /// The method of the last REQUEST, by its shared name (`Methods.sharedName`):
    /// the next request, usually for the same, reuses the string.
    private var lastMethod = ""
    /// The last REQUEST body read and what it held: a client repeating a
    /// call sends the same body (the call id is in the frame's header), and
    /// it is compared, not read again. Bodies with a token of their own fit.
    private var lastRequest = LastDecoded<CallRequest>(maxBytes: 256)
    /// The highest call id accepted, reported in GOAWAY.
    private(set) var lastAcceptedCallId: UInt32 = 0
    let welcome: Hack_V1_Welcome
    /// From `welcome.limits`, read once: a message getter copies the limits.
    let maxConcurrentCalls: Int

    init(welcome: Hack_V1_Welcome, policy: ConnectionPolicy = ConnectionPolicy(), openedAt now: UInt64 = 0) {
        self.welcome = welcome
        maxConcurrentCalls = Int(welcome.limits.maxConcurrentCalls)
        keepalive = KeepaliveState(policy: policy, openedAt: now)
    }

    /// A frame from the peer, at loop time `now`.
    mutating func received(_ frame: Frame, at now: UInt64) -> Action {
        frame.body.withUnsafeBytes { received(FrameView(kind: frame.kind, callId: frame.callId, body: $0), at: now) }
    }

    /// A frame from the peer read in place, at loop time `now`: what a
    /// connection hands over, its body not copied.
    mutating func received(_ frame: FrameView, at now: UInt64) -> Action {
        guard state != .closed else { return .none }
        keepalive.frameReceived(at: now)
        if frame.kind == .ping, let tooMany = keepalive.pingReceived(at: now) {
            return goAway(tooMany)
        }
        switch state {
        case .closed:
            return .none
        case .awaitingHello:
            return receivedBeforeHandshake(frame)
        case .active:
            return receivedWhileActive(frame, at: now)
        }
    }

    /// The byte stream broke a framing rule: the connection cannot go on.
    mutating func framingFailed(_ error: RPCError) -> Action {
        guard state != .closed else { return .none }
        return goAway(error)
    }

    /// The server ends the connection (shutdown, idle, slow peer).
    mutating func close(_ error: RPCError) -> Action {
        guard state != .closed else { return .none }
        return goAway(error)
    }

    /// What the clock makes due at `now`: a keepalive PING, or closing a
    /// connection that is idle, silent after a PING, or never said HELLO.
    mutating func tick(at now: UInt64) -> Action {
        guard state != .closed else { return .none }
        switch keepalive.due(at: now, handshaken: state == .active, callsInFlight: !openCalls.isEmpty) {
        case .nothing:
            return .none
        case .ping(let opaque):
            var ping = Hack_V1_Ping()
            ping.opaque = opaque
            return .send(Frame(kind: .ping, message: ping))
        case .close(let reason):
            return goAway(reason)
        }
    }

    /// The owner's method keeps the call being started open, to answer it
    /// later: it is in flight until `finishCall` or the client's CANCEL.
    /// After a `.startCall`, the owner calls this or `finishCall` before
    /// handing in the next frame.
    mutating func keepOpen(_ callId: UInt32) {
        guard callId == startingCallId else { return }  // answered already
        startingCallId = 0
        openCalls.set((), for: callId)
    }

    /// Marks a call finished by the server. False when the call is no longer
    /// open (cancelled, or the connection closed): its answer must be dropped.
    mutating func finishCall(_ callId: UInt32, at now: UInt64) -> Bool {
        if callId == startingCallId {
            startingCallId = 0
            return true
        }
        guard openCalls.removeValue(for: callId) != nil else { return false }
        if openCalls.isEmpty { keepalive.callActivity(at: now) }
        return true
    }

    /// Shutdown: calls in flight may finish, new ones are refused (but for
    /// `Health/Check`, which answers NOT_SERVING); GOAWAY once none is left.
    mutating func startDraining() -> Action {
        guard state != .closed else { return .none }
        isDraining = true
        return goAwayIfDrained()
    }

    /// GOAWAY when draining and the last call has ended.
    mutating func goAwayIfDrained() -> Action {
        guard isDraining, state != .closed, openCalls.isEmpty else { return .none }
        return goAway(Self.shuttingDown)
    }

    static let shuttingDown = RPCError(.unavailable, "the server is shutting down")

    private mutating func receivedBeforeHandshake(_ frame: FrameView) -> Action {
        switch frame.kind {
        case .hello:
            let hello: Hack_V1_Hello
            do {
                hello = try frame.decodeBody(as: Hack_V1_Hello.self)
            } catch {
                return goAway(error)
            }
            guard ProtocolVersion.supported.contains(hello.protocolVersion) else {
                let spoken = ProtocolVersion.supported.map(String.init).joined(separator: ", ")
                return goAway(RPCError(.unimplemented,
                    "protocol version \(hello.protocolVersion) is not supported; this server speaks \(spoken)"))
            }
            state = .active
            helloMetadata = hello.metadata
            return .send(Frame(kind: .welcome, message: welcome))
        case .ping:
            return pong(frame)
        default:
            return goAway(RPCError(.failedPrecondition, "expected HELLO first, got \(frame.kind.name)"))
        }
    }

    private mutating func receivedWhileActive(_ frame: FrameView, at now: UInt64) -> Action {
        switch frame.kind {
        case .request:
            return receivedRequest(frame, at: now)
        case .cancel:
            guard openCalls.removeValue(for: frame.callId) != nil else { return .none }
            if openCalls.isEmpty { keepalive.callActivity(at: now) }
            return .cancelCall(callId: frame.callId)
        case .ping:
            return pong(frame)
        case .pong:
            return .none
        case .hello:
            return goAway(RPCError(.failedPrecondition, "HELLO was already received on this connection"))
        case .message:
            // No method takes a client stream: a client's stream item has no call to go to.
            return goAway(RPCError(.invalidArgument, "MESSAGE frames are sent by the server only: no method takes a client stream"))
        default:
            return goAway(RPCError(.invalidArgument, "\(frame.kind.name) frames are sent by the server only"))
        }
    }

    private mutating func receivedRequest(_ frame: FrameView, at now: UInt64) -> Action {
        assert(startingCallId == 0, "call \(startingCallId) was started, then neither kept open nor finished")
        let callId = frame.callId
        guard callId != 0 else {
            return goAway(RPCError(.invalidArgument, "REQUEST with call id 0"))
        }
        guard !openCalls.contains(callId) else {
            return goAway(RPCError(.invalidArgument, "call id \(callId) is already in flight"))
        }
        var request: CallRequest
        if let known = lastRequest.message(for: frame.body) {
            request = known
        } else {
            do {
                request = try CallRequest(decoding: frame.body, knownMethod: lastMethod)  // the same name: `lastMethod` itself
                if request.method != lastMethod {
                    lastMethod = Methods.sharedName(request.method)
                    request.method = lastMethod
                }
            } catch {
                return .send(Self.response(callId: callId, error))
            }
            lastRequest.remember(request, for: frame.body)
        }
        if isDraining, request.method != Methods.Health.check.name {
            return .send(Self.response(callId: callId, Self.shuttingDown))
        }
        guard openCalls.count < maxConcurrentCalls else {
            return .send(Self.response(callId: callId, RPCError(.resourceExhausted,
                "more than \(maxConcurrentCalls) concurrent calls on one connection")))
        }
        startingCallId = callId
        keepalive.callActivity(at: now)
        lastAcceptedCallId = max(lastAcceptedCallId, callId)
        return .startCall(callId: callId, request: request)
    }

    /// A PONG echoes the PING's body, so the body must be a valid Ping:
    /// echoed blindly, bytes that are not one would come back as a PONG that
    /// no client can decode (found by the fuzzer).
    private mutating func pong(_ ping: FrameView) -> Action {
        do {
            _ = try ping.decodeBody(as: Hack_V1_Ping.self)
        } catch {
            return goAway(error)
        }
        return .send(Frame(kind: .pong, body: Array(ping.body)))
    }

    private mutating func goAway(_ error: RPCError) -> Action {
        state = .closed
        startingCallId = 0
        _ = openCalls.removeAll()
        return .goAway(Self.goAwayFrame(lastCallId: lastAcceptedCallId, error))
    }

    /// A GOAWAY frame naming why the connection ends.
    static func goAwayFrame(lastCallId: UInt32, _ error: RPCError) -> Frame {
        var body = Hack_V1_GoAway()
        body.lastCallID = lastCallId
        body.status = error.status
        body.message = error.message
        return Frame(kind: .goaway, message: body)
    }

    /// A RESPONSE frame that ends `callId` with an error.
    static func response(callId: UInt32, _ error: RPCError) -> Frame {
        var body = Hack_V1_Response()
        body.status = error.status
        body.message = error.message
        return Frame(kind: .response, callId: callId, message: body)
    }
}
