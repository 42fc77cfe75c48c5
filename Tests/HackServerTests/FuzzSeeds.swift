import Foundation
import HackDomain
import HackProtocol
import SwiftProtobuf
@testable import HackServer

/// One input of the committed fuzz corpus (`Tests/Fuzz/corpus/NAME`), built
/// with the real encoder, and what the server must answer to it: the seeds
/// reach every service, the authenticated paths (through the harness's
/// HELLO), and each row of the bad input catalog that one connection shows.
struct FuzzSeed: Sendable {
    let name: String
    let input: FuzzInput
    /// The status of each call's RESPONSE; calls left out get none (open streams, cancelled calls).
    let responses: [UInt32: StatusCode]
    let goAway: StatusCode?

    init(_ name: String, _ hello: FuzzInput.Hello, readSize: Int = .max, shutsDownMidway: Bool = false, _ frames: [Frame],
         responses: [UInt32: StatusCode] = [:], goAway: StatusCode? = nil, trailing: [UInt8] = []) {
        self.name = name
        input = FuzzInput(hello: hello, readSize: readSize, shutsDownMidway: shutsDownMidway,
                          stream: frames.flatMap(FrameEncoder.encode) + trailing)
        self.responses = responses
        self.goAway = goAway
    }
}

/// Frames the seeds are made of, built with the generated messages and the real encoder.
extension FuzzSeed {
    static let slug = DemoScenario.eventSlug

    /// A REQUEST frame for `method` with `payload`.
    static func call<Request, Response>(_ id: UInt32, _ method: UnaryMethod<Request, Response>, _ payload: Request,
                                         timeoutMs: UInt32 = 0) -> Frame {
        request(id, method.name, try! payload.serializedBytes(), timeoutMs: timeoutMs)
    }

    static func watch(_ id: UInt32, tickIntervalMs: UInt32 = 0) -> Frame {
        request(id, Methods.Events.watch.name, try! Hack_V1_WatchEventRequest.with {
            $0.slug = slug
            $0.tickIntervalMs = tickIntervalMs
        }.serializedBytes())
    }

    static func request(_ id: UInt32, _ method: String, _ payload: [UInt8], timeoutMs: UInt32 = 0) -> Frame {
        Frame(kind: .request, callId: id, message: Hack_V1_Request.with {
            $0.method = method
            $0.payload = Data(payload)
            $0.timeoutMs = timeoutMs
        })
    }

    static func hello(version: UInt32 = ProtocolVersion.current) -> Frame {
        Frame(kind: .hello, message: Hack_V1_Hello.with { $0.protocolVersion = version; $0.clientName = "seed" })
    }

    static let ping = Frame(kind: .ping, message: Hack_V1_Ping.with { $0.opaque = 42 })
    static let getEvent = Hack_V1_GetEventRequest.with { $0.slug = slug }
}

extension FuzzSeed {
    static let all: [FuzzSeed] = calls + streams + badInput

    /// Unary calls of every service, as the role allowed to make them (or not).
    static let calls: [FuzzSeed] = [
        FuzzSeed("hello-health-ping", .fromStream, [hello(), call(1, Methods.Health.check, .init()), ping],
                 responses: [1: .ok]),
        FuzzSeed("anonymous-reflection", .anonymous, [call(1, Methods.Reflection.listServices, .init())], responses: [1: .ok]),
        FuzzSeed("anonymous-events-list", .anonymous, [call(1, Methods.Events.list, .init())], responses: [1: .unauthenticated]),
        FuzzSeed("anonymous-votes-cast", .anonymous, [call(1, Methods.Votes.cast, .with {
            $0.eventSlug = slug; $0.code = "K7MQ-4XTP-9HRW"; $0.challengeID = 1; $0.ideaID = 1
        })], responses: [1: .failedPrecondition]),
        FuzzSeed("organiser-events", .role("organiser"), [
            call(1, Methods.Events.list, .init()), call(2, Methods.Events.get, getEvent),
            call(3, Methods.Events.get, .with { $0.slug = "nope" }, timeoutMs: 1),
        ], responses: [1: .ok, 2: .ok, 3: .permissionDenied]),
        FuzzSeed("organiser-run-controls", .role("organiser"), [
            call(1, Methods.Events.start, .with { $0.slug = slug }),
            call(2, Methods.Events.extend, .with { $0.slug = slug; $0.deltaMs = 600_000 }),
            call(3, Methods.Events.pause, .with { $0.slug = slug }),
            call(4, Methods.Events.resume, .with { $0.slug = slug }),
            call(5, Methods.Events.skip, .with { $0.slug = slug; $0.phaseNumber = 1 }),
        ], responses: [1: .ok, 2: .ok, 3: .ok, 4: .ok, 5: .ok]),
        FuzzSeed("organiser-schedule", .role("organiser"), [call(1, Methods.Events.schedule, .with {
            $0.slug = slug; $0.startAtMs = DemoTemplate.startTime + 3_600_000
        })], responses: [1: .ok]),
        FuzzSeed("organiser-teams", .role("organiser"), [
            call(1, Methods.Teams.create, .with {
                $0.challengeID = 1; $0.name = "Équipe « Fuzz »"; $0.members = [.with { $0.name = "Zoé"; $0.role = "dev" }]
            }),
            call(2, Methods.Teams.list, .with { $0.eventSlug = slug }),
        ], responses: [1: .ok, 2: .ok]),
        FuzzSeed("organiser-tokens-audit", .role("organiser"), [
            call(1, Methods.Tokens.issue, .with { $0.name = "Presse"; $0.role = .observer; $0.eventSlug = slug }),
            call(2, Methods.Tokens.list, .with { $0.eventSlug = slug }),
            call(3, Methods.Audit.list, .with { $0.eventSlug = slug; $0.limit = 5 }),
            call(4, Methods.Tokens.whoAmI, .init()),
        ], responses: [1: .ok, 2: .ok, 3: .ok, 4: .ok]),
        FuzzSeed("organiser-reports-votes", .role("organiser"), [
            call(1, Methods.Reports.export, .with { $0.eventSlug = slug }),
            call(2, Methods.Votes.issueCodes, .with { $0.eventSlug = slug; $0.count = 3 }),
            call(3, Methods.Votes.tally, .with { $0.eventSlug = slug }),
        ], responses: [1: .ok, 2: .ok, 3: .ok]),
        FuzzSeed("admin-stats-unknown-event", .role("admin"), [
            call(1, Methods.Server.stats, .init()), call(2, Methods.Events.get, .with { $0.slug = "nope" }),
        ], responses: [1: .ok, 2: .notFound]),
        FuzzSeed("team-ideas", .role("team"), [
            call(1, Methods.Ideas.create, .with { $0.teamID = 1; $0.title = "Idée « Égalité »"; $0.pitch = "Saint-Omer" }),
            call(2, Methods.Ideas.list, .with { $0.eventSlug = slug }),
        ], responses: [1: .failedPrecondition, 2: .ok]),
        FuzzSeed("juror-judging", .role("juror"), [
            call(1, Methods.Judging.getRubric, .with { $0.eventSlug = slug }),
            call(2, Methods.Judging.progress, .with { $0.eventSlug = slug }),
            call(3, Methods.Judging.rankings, .with { $0.eventSlug = slug }),
        ], responses: [1: .ok, 2: .ok, 3: .permissionDenied]),
        FuzzSeed("moderator-syntheses", .role("moderator"), [
            call(1, Methods.Syntheses.list, .with { $0.eventSlug = slug }),
            call(2, Methods.Syntheses.save, .with { $0.challengeID = 1; $0.summary = "Synthèse" }),
        ], responses: [1: .ok, 2: .failedPrecondition]),
        FuzzSeed("observer-territory-create", .role("observer"), [call(1, Methods.Territories.create, .with {
            $0.slug = "lille"; $0.name = "Lille"
        })], responses: [1: .permissionDenied]),
        FuzzSeed("territory-challenges", .role("territory"), [
            call(1, Methods.Challenges.list, .with { $0.eventSlug = slug }),
            call(2, Methods.Territories.list, .with { $0.eventSlug = slug }),
        ], responses: [1: .ok, 2: .ok]),
    ]

    /// Streams, cancels, deadlines and reads split every which way.
    static let streams: [FuzzSeed] = [
        FuzzSeed("organiser-watch-cancel", .role("organiser"), [
            watch(1), Frame(kind: .cancel, callId: 1), watch(2, tickIntervalMs: 100), call(3, Methods.Events.get, getEvent),
        ], responses: [3: .ok]),
        FuzzSeed("organiser-watch-then-write", .role("organiser"), [watch(1), call(2, Methods.Events.start, .with { $0.slug = slug })],
                 responses: [2: .ok]),
        // The limit on calls in flight, reached with writes waiting for their
        // commit: 100 changes in one group (other seeds keep streams open).
        FuzzSeed("organiser-101-pending-writes", .role("organiser"), (1...101).map { id in
            call(id, Methods.Tokens.issue, .with { $0.name = "Presse \(id)"; $0.role = .observer; $0.eventSlug = slug })
        }, responses: Dictionary(uniqueKeysWithValues: (1...100).map { ($0, .ok) } + [(101, .resourceExhausted)])),
        FuzzSeed("reads-of-1-byte", .role("organiser"), readSize: 1, [call(1, Methods.Events.list, .init()), ping],
                 responses: [1: .ok]),
        FuzzSeed("reads-of-8-bytes", .fromStream, readSize: 8, [hello(), call(7, Methods.Health.check, .init())],
                 responses: [7: .ok]),
        FuzzSeed("cancel-unknown-then-ping", .role("organiser"), [Frame(kind: .cancel, callId: 9), ping]),
        FuzzSeed("max-call-id", .role("organiser"), [call(.max, Methods.Events.get, getEvent)], responses: [.max: .ok]),
        // Shutdown once half the bytes are in, a write in flight: the calls
        // after it are refused but for Health/Check (NOT_SERVING); once the
        // write is answered, GOAWAY.
        FuzzSeed("shutdown-with-a-write-in-flight", .role("organiser"), shutsDownMidway: true, [
            call(1, Methods.Events.start, .with { $0.slug = slug }), call(2, Methods.Events.get, getEvent),
            call(3, Methods.Events.get, getEvent), call(4, Methods.Health.check, .init()), ping,
        ], responses: [1: .ok, 2: .unavailable, 3: .unavailable, 4: .ok], goAway: .unavailable),
        // Shutdown ends the watch, the last call in flight: GOAWAY at once, the rest is not read.
        FuzzSeed("shutdown-ends-a-watch", .role("organiser"), shutsDownMidway: true, [
            watch(1), ping, call(2, Methods.Events.get, getEvent), call(3, Methods.Events.get, getEvent),
        ], responses: [1: .unavailable], goAway: .unavailable),
    ]
}
