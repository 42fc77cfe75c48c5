import Foundation
import HackProtocol
import Testing
@testable import HackServer

/// The protocol rules of docs/PROTOCOL.md, one frame at a time, no socket.
struct ConnectionStateMachineTests {
    private func machine(maxCalls: UInt32 = 2) -> ConnectionStateMachine {
        var welcome = Hack_V1_Welcome()
        welcome.protocolVersion = 1
        welcome.limits.maxConcurrentCalls = maxCalls
        welcome.limits.maxFrameBytes = 1024
        return ConnectionStateMachine(welcome: welcome)
    }

    private func hello(version: UInt32 = 1) -> Frame {
        var hello = Hack_V1_Hello()
        hello.protocolVersion = version
        hello.clientName = "test"
        return Frame(kind: .hello, message: hello)
    }

    private func request(_ callId: UInt32, method: String = "hack.v1.Events/List") -> Frame {
        var request = Hack_V1_Request()
        request.method = method
        return Frame(kind: .request, callId: callId, message: request)
    }

    private func goAwayBody(_ action: ConnectionStateMachine.Action) throws -> Hack_V1_GoAway {
        guard case .goAway(let frame) = action else {
            Issue.record("expected GOAWAY, got \(action)")
            return Hack_V1_GoAway()
        }
        return try frame.decodeBody(as: Hack_V1_GoAway.self)
    }

    private func responseBody(_ action: ConnectionStateMachine.Action) throws -> Hack_V1_Response {
        guard case .send(let frame) = action, frame.kind == .response else {
            Issue.record("expected RESPONSE, got \(action)")
            return Hack_V1_Response()
        }
        return try frame.decodeBody(as: Hack_V1_Response.self)
    }

    @Test func helloIsAnsweredWithWelcome() throws {
        var machine = machine()
        guard case .send(let frame) = machine.received(hello(), at: 0) else {
            Issue.record("no WELCOME")
            return
        }
        #expect(frame.kind == .welcome)
        let welcome = try frame.decodeBody(as: Hack_V1_Welcome.self)
        #expect(welcome.protocolVersion == 1)
        #expect(welcome.limits.maxConcurrentCalls == 2)
        #expect(machine.state == .active)
    }

    @Test func unsupportedVersionIsRefusedAsUnimplemented() throws {
        var machine = machine()
        let goAway = try goAwayBody(machine.received(hello(version: 7), at: 0))
        #expect(goAway.status == .unimplemented)
        #expect(goAway.message.contains("7"))
        #expect(machine.state == .closed)
    }

    @Test func requestBeforeHelloIsAFailedPrecondition() throws {
        var machine = machine()
        let goAway = try goAwayBody(machine.received(request(1), at: 0))
        #expect(goAway.status == .failedPrecondition)
        #expect(goAway.message.contains("HELLO"))
    }

    @Test func pingIsAnsweredBeforeAndAfterTheHandshake() {
        var machine = machine()
        let ping = Frame(kind: .ping, body: [8, 42])
        let early = machine.received(ping, at: 0)
        #expect(early == .send(Frame(kind: .pong, body: [8, 42])))
        _ = machine.received(hello(), at: 0)
        let later = machine.received(ping, at: 0)
        #expect(later == .send(Frame(kind: .pong, body: [8, 42])))
    }

    @Test func requestsOpenCallsUpToTheLimit() throws {
        var machine = machine(maxCalls: 2)
        _ = machine.received(hello(), at: 0)
        guard case .startCall(1, let first) = machine.receivedKeepingOpen(request(1), at: 0) else {
            Issue.record("call 1 not started")
            return
        }
        #expect(first.method == "hack.v1.Events/List")
        guard case .startCall(2, _) = machine.receivedKeepingOpen(request(2), at: 0) else {
            Issue.record("call 2 not started")
            return
        }
        let refused = try responseBody(machine.received(request(3), at: 0))
        #expect(refused.status == .resourceExhausted)
        #expect(machine.openCallIds == [1, 2])
        let finished = machine.finishCall(1, at: 0)
        #expect(finished)
        guard case .startCall(3, _) = machine.received(request(3), at: 0) else {
            Issue.record("call 3 not started after call 1 ended")
            return
        }
    }

    /// Two connections' requests, read from their own bytes, name their
    /// method by the one string the router holds too: a comparison of the
    /// names is then a comparison of two pointers.
    @Test func methodNamesReadFromTheWireAreTheSharedOnes() throws {
        let shared = Methods.Events.get.name
        for connection in 1...2 {
            var machine = machine()
            _ = machine.received(hello(), at: 0)
            for callId: UInt32 in 1...2 {
                let name = String(decoding: Array(shared.utf8), as: UTF8.self)  // a string of its own
                guard case .startCall(_, let started) = machine.received(request(callId, method: name), at: 0) else {
                    Issue.record("connection \(connection): call \(callId) not started")
                    return
                }
                #expect(sameStorage(started.method, shared), "connection \(connection), call \(callId)")
                _ = machine.finishCall(callId, at: 0)
            }
        }
        #expect(Methods.sharedName("hack.v1.Nothing/Here") == "hack.v1.Nothing/Here")
    }

    private func sameStorage(_ one: String, _ other: String) -> Bool {
        withUnsafeBytes(of: one) { a in withUnsafeBytes(of: other) { b in a.elementsEqual(b) } }
    }

    @Test func reusingACallIdInFlightEndsTheConnection() throws {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        _ = machine.receivedKeepingOpen(request(5), at: 0)
        let goAway = try goAwayBody(machine.received(request(5), at: 0))
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.lastCallID == 5)
    }

    /// Most calls are answered as they start: they are never in flight, so
    /// their id may come again at once and they take none of the limit.
    @Test func aCallAnsweredAsItStartsIsNotInFlight() throws {
        var machine = machine(maxCalls: 1)
        _ = machine.received(hello(), at: 0)
        for _ in 1...3 {
            guard case .startCall(7, _) = machine.received(request(7), at: 0) else {
                Issue.record("call 7 not started")
                return
            }
            let answered = machine.finishCall(7, at: 0)
            #expect(answered)
            let again = machine.finishCall(7, at: 0)
            #expect(!again, "a call is answered once")
            #expect(machine.openCallIds.isEmpty)
        }
        // Its method kept it, and answered it before its start was over: not in flight either.
        guard case .startCall(8, _) = machine.received(request(8), at: 0) else {
            Issue.record("call 8 not started")
            return
        }
        let answeredEarly = machine.finishCall(8, at: 0)
        #expect(answeredEarly)
        machine.keepOpen(8)
        #expect(machine.openCallIds.isEmpty)
        // One kept open takes the limit.
        _ = machine.receivedKeepingOpen(request(9), at: 0)
        #expect(machine.openCallIds == [9])
        #expect(try responseBody(machine.received(request(10), at: 0)).status == .resourceExhausted)
    }

    /// A client repeating a call sends the same REQUEST body (its id is in
    /// the header): it is the same request again. Any byte changed (the
    /// payload, the deadline, metadata, the method; each also in a body of
    /// the same length) is read afresh, and a malformed body is refused in between.
    @Test func aRepeatedRequestBodyIsTheSameRequestAndAChangedOneIsReadAfresh() throws {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        let get = Methods.Events.get.name
        let first = Hack_V1_Request.with { $0.method = get; $0.payload = Data([0x0A, 0x01, 0x41]) }
        let requests: [Hack_V1_Request] = [
            first, first,
            .with { $0.method = get; $0.payload = Data([0x0A, 0x01, 0x42]) },  // the same length
            .with { $0.method = get; $0.payload = Data([0x0A, 0x01, 0x41]); $0.timeoutMs = 500 },
            .with { $0.method = get; $0.payload = Data([0x0A, 0x01, 0x41]); $0.timeoutMs = 600 },
            .with { $0.method = get; $0.payload = Data([0x0A, 0x01, 0x41]); $0.metadata = ["authorization": "Bearer x"] },
            .with { $0.method = get; $0.payload = Data([0x0A, 0x01, 0x41]); $0.metadata = ["authorization": "Bearer y"] },
            .with { $0.method = "hack.v1.Events/Put"; $0.payload = Data([0x0A, 0x01, 0x41]) },  // the same length again
            .with { $0.method = Methods.Events.list.name },
            first,
        ]
        for (index, request) in requests.enumerated() {
            let callId = UInt32(index + 1)
            let frame = Frame(kind: .request, callId: callId, message: request)
            guard case .startCall(callId, let started) = machine.received(frame, at: 0) else {
                Issue.record("call \(callId) not started")
                return
            }
            let payload = frame.body.withUnsafeBytes { started.withPayload(inBody: $0) { Array($0) } }
            #expect(started.method == request.method, "call \(callId)")
            #expect(started.metadata == request.metadata, "call \(callId)")
            #expect(started.timeoutMs == request.timeoutMs, "call \(callId)")
            #expect(payload == Array(request.payload), "call \(callId)")
            _ = machine.finishCall(callId, at: 0)
            let malformed = Frame(kind: .request, callId: 100 + callId, body: [0xFF, 0xFF, 0xFF])
            #expect(try responseBody(machine.received(malformed, at: 0)).status == .invalidArgument)
        }
    }

    @Test func callIdZeroIsRefused() throws {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        #expect(try goAwayBody(machine.received(request(0), at: 0)).status == .invalidArgument)
    }

    @Test func malformedRequestBodyFailsOnlyThatCall() throws {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        let answer = try responseBody(machine.received(Frame(kind: .request, callId: 9, body: [0xFF, 0xFF, 0xFF]), at: 0))
        #expect(answer.status == .invalidArgument)
        #expect(machine.state == .active)
        #expect(machine.openCallIds.isEmpty)
    }

    @Test func cancelEndsAnOpenCallAndIgnoresUnknownOnes() {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        _ = machine.receivedKeepingOpen(request(4), at: 0)
        let cancel = machine.received(Frame(kind: .cancel, callId: 4), at: 0)
        #expect(cancel == .cancelCall(callId: 4))
        let again = machine.received(Frame(kind: .cancel, callId: 4), at: 0)
        #expect(again == .none)
        let stillOpen = machine.finishCall(4, at: 0)
        #expect(!stillOpen, "a cancelled call's late answer is dropped")
    }

    @Test(arguments: [FrameKind.welcome, .response, .message, .goaway])
    func serverOnlyFramesFromTheClientEndTheConnection(kind: FrameKind) throws {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        let goAway = try goAwayBody(machine.received(Frame(kind: kind, callId: 1), at: 0))
        #expect(goAway.status == .invalidArgument)
        #expect(goAway.message.contains(kind.name))
    }

    @Test func secondHelloEndsTheConnection() throws {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        #expect(try goAwayBody(machine.received(hello(), at: 0)).status == .failedPrecondition)
    }

    @Test func nothingHappensAfterClose() {
        var machine = machine()
        _ = machine.received(hello(), at: 0)
        _ = machine.close(RPCError(.unavailable, "bye"))
        let late = machine.received(request(1), at: 0)
        #expect(late == .none)
        let again = machine.close(RPCError(.unavailable, "again"))
        #expect(again == .none)
    }
}

extension ConnectionStateMachine {
    /// A frame handed in as a connection does when the call it starts stays
    /// open (its method answers later, as a write or a stream does).
    mutating func receivedKeepingOpen(_ frame: Frame, at now: UInt64) -> Action {
        let action = received(frame, at: now)
        if case .startCall(let callId, _) = action { keepOpen(callId) }
        return action
    }
}
