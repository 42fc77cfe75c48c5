import Foundation
import HackClient
import HackProtocol
import SwiftProtobuf
import Testing

/// A hand-driven protocol peer on a RawSocket: sends any frame or bytes,
/// reads the server's frames one by one. For tests of what the server does
/// with input no well-behaved client would send.
final class RawPeer {
    let socket: RawSocket
    private var decoder = FrameDecoder()
    /// True once the server has closed the connection.
    private(set) var isClosed = false

    init(_ hackd: HackdProcess, receiveBufferBytes: Int32? = nil) throws {
        socket = try RawSocket(connectingTo: hackd.address, receiveBufferBytes: receiveBufferBytes)
    }

    func send(bytes: [UInt8]) throws { try socket.send(bytes) }

    func send(_ frame: Frame) throws { try socket.send(FrameEncoder.encode(frame)) }

    /// HELLO (with the organiser's token when given), then the WELCOME.
    @discardableResult
    func handshake(token: String? = nil) throws -> Hack_V1_Welcome {
        var hello = Hack_V1_Hello()
        hello.protocolVersion = ProtocolVersion.current
        hello.clientName = "raw-peer"
        if let token { hello.metadata = ["authorization": "Bearer \(token)"] }
        try send(Frame(kind: .hello, message: hello))
        let welcome = try #require(try nextFrame(), "no WELCOME: the server closed")
        #expect(welcome.kind == .welcome)
        return try welcome.decodeBody(as: Hack_V1_Welcome.self)
    }

    /// A REQUEST frame for `method` carrying `payload` as is.
    static func request(callId: UInt32, method: String, payload: [UInt8], timeoutMs: UInt32 = 0) -> Frame {
        var request = Hack_V1_Request()
        request.method = method
        request.payload = Data(payload)
        request.timeoutMs = timeoutMs
        return Frame(kind: .request, callId: callId, message: request)
    }

    func call<Request, Response>(_ callId: UInt32, _ method: UnaryMethod<Request, Response>, _ message: Request) throws {
        try send(Self.request(callId: callId, method: method.name, payload: try message.serializedBytes()))
    }

    func call<Request, Response>(_ callId: UInt32, _ method: ServerStreamMethod<Request, Response>, _ message: Request) throws {
        try send(Self.request(callId: callId, method: method.name, payload: try message.serializedBytes()))
    }

    /// The next frame from the server; nil once it has closed.
    func nextFrame() throws -> Frame? {
        while true {
            if let frame = try decoder.next() { return frame }
            guard !isClosed else { return nil }
            let bytes = try #require(socket.receive(), "the server neither answered nor closed")
            if bytes.isEmpty { isClosed = true } else { decoder.append(bytes) }
        }
    }

    /// The next frame if the server sends one within `seconds`, else nil.
    func nextFrameOrTimeout(seconds: Double) throws -> Frame? {
        if let frame = try decoder.next() { return frame }
        guard socket.isReadable(within: seconds) else { return nil }
        return try nextFrame()
    }

    /// Reads until the RESPONSE of `callId`, skipping other frames (stream items).
    func response(_ callId: UInt32) throws -> Hack_V1_Response {
        while let frame = try nextFrame() {
            if frame.kind == .response, frame.callId == callId { return try frame.decodeBody(as: Hack_V1_Response.self) }
            if frame.kind == .goaway {
                let goAway = try frame.decodeBody(as: Hack_V1_GoAway.self)
                throw HarnessError("GOAWAY \(goAway.status.name) \"\(goAway.message)\" while waiting for call \(callId)")
            }
        }
        throw HarnessError("the server closed before answering call \(callId)")
    }

    /// Reads to the end of the connection; the last frame must be a GOAWAY,
    /// and nothing may follow it. `closingFirst`: half-closes our side first
    /// (false to wait for the server to close on its own, e.g. a timeout).
    func goAwayThenClose(closingFirst: Bool = true) throws -> Hack_V1_GoAway {
        if closingFirst { socket.shutdownWrite() }
        var last: Frame?
        while let frame = try nextFrame() { last = frame }
        #expect(decoder.bufferedBytes == 0, "the server closed in the middle of a frame")
        let frame = try #require(last, "the server closed without a GOAWAY")
        #expect(frame.kind == .goaway, "last frame: \(frame.kind.name)")
        return try frame.decodeBody(as: Hack_V1_GoAway.self)
    }
}

/// A well-behaved client, connected before the misbehaving one, that must be
/// served as if nothing had happened.
struct Bystander {
    let connection: HackConnection
    let hackd: HackdProcess

    init(_ hackd: HackdProcess) throws {
        self.hackd = hackd
        connection = try hackd.connect("bystander")
        #expect(try listsTheDemoEvent(connection))
    }

    /// Still served on its own connection, and new connections are accepted.
    func expectUnaffected(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try listsTheDemoEvent(connection), sourceLocation: sourceLocation)
        #expect(try listsTheDemoEvent(try hackd.connect("newcomer")), sourceLocation: sourceLocation)
    }

    private func listsTheDemoEvent(_ connection: HackConnection) throws -> Bool {
        try connection.call(Methods.Events.list, Hack_V1_ListEventsRequest()).events.map(\.slug) == [Demo.eventSlug]
    }
}
