import HackProtocol
import Testing
@testable import HackServer

/// The clock rules of a connection (docs/PROTOCOL.md, "Keepalive" and the
/// *connection* limits), driven with loop times handed in: no waiting.
struct KeepaliveTests {
    private static let policy: ConnectionPolicy = {
        var policy = ConnectionPolicy()
        policy.idleTimeoutMs = 1_000
        policy.keepaliveIntervalMs = 300
        policy.keepaliveTimeoutMs = 200
        policy.minPingIntervalMs = 100
        policy.maxPingStrikes = 2
        return policy
    }()

    private func machine(openedAt: UInt64 = 0) -> ConnectionStateMachine {
        var welcome = Hack_V1_Welcome()
        welcome.protocolVersion = 1
        welcome.limits.maxConcurrentCalls = 10
        welcome.limits.maxFrameBytes = 1024
        return ConnectionStateMachine(welcome: welcome, policy: Self.policy, openedAt: openedAt)
    }

    private let hello = Frame(kind: .hello, message: Hack_V1_Hello.with { $0.protocolVersion = 1 })
    private let ping = Frame(kind: .ping, message: Hack_V1_Ping.with { $0.opaque = 7 })

    private func request(_ callId: UInt32, method: String = "hack.v1.Events/Watch") -> Frame {
        Frame(kind: .request, callId: callId, message: Hack_V1_Request.with { $0.method = method })
    }

    private func goAway(_ action: ConnectionStateMachine.Action) -> Hack_V1_GoAway? {
        guard case .goAway(let frame) = action else { return nil }
        return try? frame.decodeBody(as: Hack_V1_GoAway.self)
    }

    @Test("no HELLO within the keepalive timeout: GOAWAY DEADLINE_EXCEEDED")
    func handshakeTimeout() {
        var machine = machine(openedAt: 5_000)
        #expect(machine.tick(at: 5_199) == .none)
        let closed = goAway(machine.tick(at: 5_200))
        #expect(closed?.status == .deadlineExceeded)
        #expect(closed?.message == "no HELLO within 200 ms of connecting")
    }

    @Test("idle: no call in flight for the idle timeout, PINGs or not")
    func idleTimeout() {
        var machine = machine()
        _ = machine.received(hello, at: 10)
        _ = machine.received(ping, at: 500)  // a PING keeps nothing open
        #expect(machine.tick(at: 999) == .none)
        let closed = goAway(machine.tick(at: 1_000))
        #expect(closed?.status == .unavailable)
        #expect(closed?.message == "idle: no call for 1000 ms")
        #expect(machine.state == .closed)
    }

    @Test("calls answered as they start keep the connection from being idle")
    func callsAnsweredAtOnceAreActivity() {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        for at: UInt64 in [600, 1_200, 1_800] {
            guard case .startCall(let callId, _) = machine.received(request(UInt32(at), method: "hack.v1.Events/Get"), at: at) else {
                Issue.record("call at \(at) not started")
                return
            }
            let answered = machine.finishCall(callId, at: at)
            #expect(answered)
            #expect(machine.tick(at: at + 500) == .none, "the last call came 500 ms ago")
        }
        #expect(goAway(machine.tick(at: 2_799)) == nil)
        #expect(goAway(machine.tick(at: 2_800))?.message == "idle: no call for 1000 ms")
    }

    @Test("the idle time starts again when the last call ends")
    func idleCountsFromTheLastCall() {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        _ = machine.receivedKeepingOpen(request(1, method: "hack.v1.Events/List"), at: 900)
        #expect(machine.tick(at: 1_150) == .none, "a call in flight is not idle")
        let finished1 = machine.finishCall(1, at: 1_250)
        #expect(finished1)
        #expect(goAway(machine.tick(at: 2_249)) == nil)
        #expect(goAway(machine.tick(at: 2_250))?.message == "idle: no call for 1000 ms")
    }

    @Test("a silent connection with a call in flight is PINGed, then closed if nothing comes back")
    func keepalivePingUnanswered() throws {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        _ = machine.receivedKeepingOpen(request(1), at: 0)
        #expect(machine.tick(at: 299) == .none)
        guard case .send(let frame) = machine.tick(at: 300) else {
            Issue.record("expected a PING at 300 ms")
            return
        }
        #expect(frame.kind == .ping)
        #expect(try frame.decodeBody(as: Hack_V1_Ping.self).opaque == 1)
        #expect(machine.tick(at: 499) == .none, "one PING at a time")
        let closed = goAway(machine.tick(at: 500))
        #expect(closed?.status == .unavailable)
        #expect(closed?.message == "keepalive: nothing received within 200 ms of a PING")
        #expect(closed?.lastCallID == 1)
    }

    @Test("any frame answers the PING; the next one comes after another silent interval")
    func keepalivePingAnswered() {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        _ = machine.receivedKeepingOpen(request(1), at: 0)
        _ = machine.tick(at: 300)
        _ = machine.received(Frame(kind: .pong, message: Hack_V1_Ping.with { $0.opaque = 1 }), at: 350)
        #expect(machine.tick(at: 600) == .none)
        guard case .send(let second) = machine.tick(at: 650) else {
            Issue.record("expected a second PING at 650 ms")
            return
        }
        #expect((try? second.decodeBody(as: Hack_V1_Ping.self).opaque) == 2)
    }

    @Test("too_many_pings: the strike past the allowed ones closes with RESOURCE_EXHAUSTED")
    func tooManyPings() {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        #expect(machine.received(ping, at: 0) != .none)    // first: answered
        #expect(machine.received(ping, at: 10) != .none)   // strike 1
        #expect(machine.received(ping, at: 20) != .none)   // strike 2
        let closed = goAway(machine.received(ping, at: 30))  // strike 3
        #expect(closed?.status == .resourceExhausted)
        #expect(closed?.message == "too_many_pings: more than 2 PINGs less than 100 ms apart")
    }

    @Test("a well-spaced PING wipes the strikes out")
    func spacedPingsAreFine() {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        var at: UInt64 = 0
        for _ in 0..<10 {
            #expect(goAway(machine.received(ping, at: at)) == nil)
            #expect(goAway(machine.received(ping, at: at + 1)) == nil)  // one strike
            at += 150
        }
    }

    @Test("draining: calls in flight finish, new ones are refused but Health/Check, GOAWAY once none is left")
    func draining() throws {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        _ = machine.receivedKeepingOpen(request(3, method: "hack.v1.Teams/Create"), at: 0)
        #expect(machine.startDraining() == .none)
        guard case .send(let refusal) = machine.received(request(4, method: "hack.v1.Events/List"), at: 1) else {
            Issue.record("expected a refusal of call 4")
            return
        }
        let response = try refusal.decodeBody(as: Hack_V1_Response.self)
        #expect(response.status == .unavailable)
        #expect(response.message == "the server is shutting down")
        guard case .startCall(5, _) = machine.receivedKeepingOpen(request(5, method: Methods.Health.check.name), at: 1) else {
            Issue.record("Health/Check must still be answered while draining")
            return
        }
        let finished3 = machine.finishCall(3, at: 2)
        #expect(finished3)
        #expect(machine.goAwayIfDrained() == .none, "call 5 is still in flight")
        let finished5 = machine.finishCall(5, at: 3)
        #expect(finished5)
        let closed = goAway(machine.goAwayIfDrained())
        #expect(closed?.status == .unavailable)
        #expect(closed?.lastCallID == 5)
    }

    @Test("draining a connection with nothing in flight says GOAWAY at once")
    func drainingIdle() {
        var machine = machine()
        _ = machine.received(hello, at: 0)
        #expect(goAway(machine.startDraining())?.message == "the server is shutting down")
    }

    @Test("the sweep runs often enough for the shortest timer, at most once a second")
    func sweepInterval() {
        #expect(Self.policy.sweepIntervalMs == 50)
        #expect(ConnectionPolicy().sweepIntervalMs == 1_000)
        var off = ConnectionPolicy()
        off.idleTimeoutMs = 0; off.keepaliveIntervalMs = 0; off.keepaliveTimeoutMs = 0
        #expect(off.sweepIntervalMs == 1_000)
    }
}
