import HackProtocol
import HackTransport

/// One connection's protocol glue without a socket, for the fuzzer: bytes go
/// through the real `FrameDecoder` and `ConnectionStateMachine`, calls to
/// the real router, and every frame the server writes comes back here to be
/// checked against the rules of docs/PROTOCOL.md.
///
/// It does what `ConnectionHandler` does with a read, an action and a
/// call's answer (`received`, `perform`, `startCall`, `finish`), its calls
/// in the same `CallTable` (with the credential they proved), minus the socket (so
/// no writing once per loop turn (`TurnWrites`), no unread-bytes
/// limit) and the logging: keep the two in step.
/// Time is the loop's, as there; the keepalive sweep is not run (an input
/// lasts milliseconds, the shortest keepalive timer seconds).
final class FuzzConnection: CallOutput {
    private var machine: ConnectionStateMachine
    private var decoder: FrameDecoder
    private let calls: CallTable
    private unowned let router: MethodRouter
    private let loop: EventLoop
    /// Open calls of unary methods: each must be answered once the loop is idle.
    private var unanswered: Set<UInt32> = []
    /// Stream item bodies already decoded: a watcher's snapshot is big, and
    /// the same for every watcher of the connection.
    private var decodedItems: Set<[UInt8]> = []
    /// True once a GOAWAY was written: the socket would be closing.
    private(set) var wentAway = false
    /// What the peer saw: the status of each call's RESPONSE, the GOAWAY's,
    /// and the rules broken so far.
    private(set) var outcome = FuzzOutcome()

    init(welcome: Hack_V1_Welcome, policy: ConnectionPolicy, router: MethodRouter, loop: EventLoop) {
        machine = ConnectionStateMachine(welcome: welcome, policy: policy, openedAt: loop.now)
        decoder = FrameDecoder(maxFrameBytes: welcome.limits.maxFrameBytes)
        self.router = router
        self.loop = loop
        calls = CallTable(loop: loop)
    }

    /// Calls of unary methods still waiting for their answer.
    var unansweredCallIds: Set<UInt32> { unanswered }
    var isDraining: Bool { machine.isDraining }
    var hasOpenCalls: Bool { !calls.isEmpty }

    /// One read from the socket.
    func received(_ bytes: ArraySlice<UInt8>) {
        guard !wentAway else { return }
        bytes.withUnsafeBytes { decoder.append($0) }
        do {
            guard machine.state != .closed else { return }
            try decoder.forEachFrame { frame in
                perform(machine.received(frame, at: loop.now), frameBody: frame.body)
                return machine.state != .closed
            }
        } catch {
            perform(machine.framingFailed(error))
        }
    }

    /// Shutdown: calls in flight may finish, then GOAWAY.
    func startDraining() {
        perform(machine.startDraining())
    }

    /// The peer closed the connection: every call still open is cancelled.
    func peerClosed() {
        cancelAllCalls()
    }

    func write(kind: FrameKind, callId: UInt32, encodedBody body: [UInt8]) {
        check(kind == .message, "a stream item was written as \(kind.name)")
        check(calls.isOpen(callId), "MESSAGE for call \(callId), which is not open")
        checkBody(Frame(kind: kind, callId: callId, body: body))
    }

    func finish(_ call: ServerCall, with answer: CallAnswer) {
        guard calls.close(call) else { return }
        end(call.callId, with: answer)
    }

    private func end(_ callId: UInt32, with answer: CallAnswer) {
        unanswered.remove(callId)
        if machine.finishCall(callId, at: loop.now) {
            checkBody(answer.frame(callId: callId))
            perform(machine.goAwayIfDrained())
        }
        checkCallsAgree()
    }

    private func perform(_ action: ConnectionStateMachine.Action,
                         frameBody: UnsafeRawBufferPointer = .init(start: nil, count: 0)) {
        switch action {
        case .none:
            break
        case .send(let frame):
            check([.welcome, .ping, .pong, .response].contains(frame.kind), "the state machine sent \(frame.kind.name)")
            check(frame.kind != .response || !calls.isOpen(frame.callId),
                  "a refusal RESPONSE for call \(frame.callId), which is open")
            checkBody(frame)
        case .startCall(let callId, let request):
            check(!calls.isOpen(callId), "call \(callId) started twice")
            check(calls.count < machine.maxConcurrentCalls, "more calls open than the limit")
            startCall(callId, request, frameBody: frameBody)
        case .cancelCall(let callId):
            unanswered.remove(callId)
            calls.remove(callId)?.cancelled()
        case .goAway(let frame):
            check(frame.kind == .goaway, "a GOAWAY action carried \(frame.kind.name)")
            checkBody(frame)
            wentAway = true
            cancelAllCalls()
        }
        checkCallsAgree()
    }

    private func startCall(_ callId: UInt32, _ request: CallRequest, frameBody: UnsafeRawBufferPointer) {
        if !Methods.all.contains(where: { $0.name == request.method && $0.isServerStream }) {
            unanswered.insert(callId)
        }
        if let answer = calls.start(callId, request, frameBody: frameBody, connectionMetadata: { machine.helloMetadata },
                                    elapsedMs: 0, dispatcher: router, output: self) {
            end(callId, with: answer)
        } else {
            machine.keepOpen(callId)  // its method answers later
        }
    }

    private func cancelAllCalls() {
        unanswered.removeAll()
        for call in calls.removeAll() { call.cancelled() }
    }

    /// The connection's calls and the state machine's open calls are the same set.
    private func checkCallsAgree() {
        guard machine.state != .closed else { return }
        check(calls.ids == machine.openCallIds,
              "open calls \(calls.ids.sorted()) but the state machine has \(machine.openCallIds.sorted())")
    }

    /// A written frame: nothing after GOAWAY, and a body that decodes as its kind's message.
    private func checkBody(_ frame: Frame) {
        check(!wentAway, "\(frame.kind.name) written after GOAWAY")
        do {
            switch frame.kind {
            case .welcome: _ = try frame.decodeBody(as: Hack_V1_Welcome.self)
            case .ping, .pong: _ = try frame.decodeBody(as: Hack_V1_Ping.self)
            case .goaway: outcome.goAway = try frame.decodeBody(as: Hack_V1_GoAway.self).status
            case .message:
                if decodedItems.insert(frame.body).inserted { _ = try frame.decodeBody(as: Hack_V1_EventUpdate.self) }
            case .response:
                let response = try frame.decodeBody(as: Hack_V1_Response.self)
                outcome.responses[frame.callId] = response.status
                check(response.status != .internal, "call \(frame.callId) failed INTERNAL: \(response.message)")
                check(StatusCode.allCases.contains(response.status), "call \(frame.callId): unknown status \(response.status)")
            default: check(false, "the server wrote a \(frame.kind.name) frame")
            }
        } catch {
            check(false, "\(error)")
        }
    }

    func check(_ condition: Bool, _ violation: @autoclosure () -> String) {
        if !condition { outcome.violations.append(violation()) }
    }
}

/// What one fuzz input did, as the peer and the harness saw it.
package struct FuzzOutcome: Sendable, Equatable {
    /// The status of the last RESPONSE of each call id.
    package var responses: [UInt32: StatusCode] = [:]
    /// The status of the GOAWAY, if the server sent one.
    package var goAway: StatusCode?
    /// The rules the server broke, as sentences: empty when it stayed consistent.
    package var violations: [String] = []
}
