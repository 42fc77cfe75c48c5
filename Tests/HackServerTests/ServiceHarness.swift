import Foundation
import HackDomain
import HackProtocol
import HackStorage
import HackTransport
import SwiftProtobuf
import Testing
@testable import HackServer

/// The server's application core on a real loop and a real SQLite file,
/// with calls dispatched straight to the router: no socket involved.
final class ServiceHarness: CallOutput {
    let template: DemoTemplate
    let server: InProcessServer
    /// The demo tokens, by the role's name and then its scope.
    var tokens: [IssuedSecret] { template.tokens }
    var loop: EventLoop { server.loop }
    var store: HackStore { server.store }
    var app: HackApplication { server.app }
    var router: MethodRouter { server.router }
    var runClock: RunClock { server.runClock }
    /// 2017-10-10 09:00 UTC at the start.
    var clock: ManualClock { server.clock }
    private var finished: [UInt32: Frame] = [:]
    private(set) var streamed: [UInt32: [Frame]] = [:]
    private var nextCallId: UInt32 = 1

    init() throws {
        template = try DemoTemplate()
        server = try template.makeServer()
    }

    /// The secret of the first demo token of `role` (and scope, if given).
    func secret(_ role: String, scope: String? = nil) -> String {
        template.secret(role, scope: scope)!
    }

    /// Closes the loop (which must close cleanly) and removes the files.
    func close() throws {
        try server.close()
        template.remove()
    }

    /// Starts calls without running the loop; returns their ids. `token`
    /// defaults to the demo organiser's; nil sends none.
    func start<Request, Response>(_ method: UnaryMethod<Request, Response>, _ request: Request,
                                  token: String?? = .none) throws -> UInt32 {
        try start(name: method.name, payload: request.serializedBytes(), token: token)
    }

    func start(name: String, payload: [UInt8], token: String?? = .none) -> UInt32 {
        let callId = nextCallId
        nextCallId += 1
        let presented = token ?? secret("organiser")
        let metadata = presented.map { ["authorization": "Bearer \($0)"] } ?? [:]
        let answer = payload.withUnsafeBytes {
            router.dispatch(CallRequest(method: name, metadata: metadata), payload: $0, connectionMetadata: { [:] },
                            verified: VerifiedCredential(), open: { ServerCall(callId: callId, output: self) })
        }
        if let answer { finished[callId] = answer.frame(callId: callId) }
        return callId
    }

    /// Runs the loop until every started call has its final frame. A guard
    /// timer keeps the loop alive meanwhile (the commit hook alone does not)
    /// and turns a hang into a failure.
    func runUntilFinished(_ callIds: [UInt32]) {
        runLoop(until: { callIds.allSatisfy { self.finished[$0] != nil } }, "calls \(callIds) did not finish within 10 s")
    }

    /// Runs the loop until `done` holds (checked after each turn, at least
    /// every millisecond), 10 s at most: a hang becomes a failure.
    func runLoop(until done: () -> Bool, _ failure: String = "the loop did not get there within 10 s") {
        let guardTimer = loop.makeTimer()
        var timedOut = false
        loop.updateTime()
        guardTimer.start(afterMs: 10_000) { [loop] in
            timedOut = true
            loop.stop()
        }
        let poll = loop.makeTimer()
        poll.start(afterMs: 1, repeatMs: 1) { [loop] in loop.stop() }
        while !timedOut, !done() { loop.run() }
        poll.close()
        guardTimer.close()
        if timedOut { Issue.record(Comment(rawValue: failure)) }
    }

    /// Moves the manual clock, lets the run clock record what fell due, and
    /// runs the loop until it is committed (what the timers do in hackd).
    func advanceClock(by millis: Int64) {
        clock.advance(by: millis)
        runClock.advanceDue()
        runLoop(until: { self.app.committer.isIdle })
    }

    /// The items streamed so far on a call, decoded.
    func items(_ callId: UInt32) throws -> [Hack_V1_EventUpdate] {
        try (streamed[callId] ?? []).map { try Hack_V1_EventUpdate(serializedBytes: $0.body) }
    }

    func response(_ callId: UInt32) throws -> Hack_V1_Response {
        runUntilFinished([callId])
        return try #require(finished[callId]).decodeBody(as: Hack_V1_Response.self)
    }

    /// One unary call, start to finish: the response or the error status.
    func call<Request, Response>(_ method: UnaryMethod<Request, Response>, _ request: Request,
                                 token: String?? = .none) throws -> Result<Response, RPCError> {
        let answer = try response(start(method, request, token: token))
        guard answer.status == .ok else { return .failure(RPCError(answer.status, answer.message)) }
        return .success(try Response(serializedBytes: answer.payload))
    }

    /// A one-day event of a one-hour hack, created by the admin.
    func createWorkshop(slug: String, name: String) throws {
        _ = try call(Methods.Events.create, .with {
            $0.slug = slug
            $0.name = name
            $0.timeZone = "Europe/Paris"
            $0.date = "2026-11-21"
            $0.agenda = [.with { $0.kind = .hack; $0.durationMs = 3_600_000 }]
        }, token: secret("admin")).get()
    }

    /// An observer token of the demo event, issued by the admin, expiring a
    /// minute from now on the manual clock.
    func issueVisitorToken() throws -> Hack_V1_IssuedToken {
        try #require(call(Methods.Tokens.issue, .with {
            $0.name = "Visiteur d'un jour"
            $0.role = .observer
            $0.eventSlug = "parcours-france-2017"
            $0.expiresAtMs = clock.now() + 60_000
        }).value)
    }

    /// Starts the demo event now and skips its introduction: ideas may be
    /// posted (the hack phase runs for 115 minutes of the manual clock).
    func startHackPhase() throws {
        try runDemo(toPhase: 1)
    }

    /// Starts the demo event if it has not started, then skips phases until
    /// phase `index` (0-based: 1 hack, 2 synthesis, 3 break, 4 restitution) is current.
    func runDemo(toPhase index: UInt32) throws {
        let slug = DemoScenario.eventSlug
        var run = try call(Methods.Events.get, .with { $0.slug = slug }).get().run
        if run.status == .draft || run.status == .ready {
            run = try call(Methods.Events.start, .with { $0.slug = slug }).get().run
        }
        while run.phaseIndex < index, run.status == .running || run.status == .paused {
            let current = run.phaseIndex
            run = try call(Methods.Events.skip, .with { $0.slug = slug; $0.phaseNumber = current + 1 }).get().run
        }
    }

    func write(kind: FrameKind, callId: UInt32, encodedBody: [UInt8]) {
        streamed[callId, default: []].append(Frame(kind: kind, callId: callId, body: encodedBody))
        loop.stop()
    }

    func finish(_ call: ServerCall, with answer: CallAnswer) {
        finished[call.callId] = answer.frame(callId: call.callId)
        loop.stop()
    }
}

extension Result {
    var value: Success? { try? get() }
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
