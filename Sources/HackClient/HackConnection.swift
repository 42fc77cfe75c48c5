import HackProtocol
import SwiftProtobuf

/// A client connection to hackd: handshake on open, then calls one at a
/// time. Used by hackctl and the end-to-end tests.
public final class HackConnection {
    public let address: ServerAddress
    /// What the server announced in its WELCOME.
    public private(set) var welcome = Hack_V1_Welcome()
    private let socket: BlockingSocket
    private var decoder = FrameDecoder()
    private var nextCallId: UInt32 = 1
    private var nextPingOpaque: UInt64 = 0

    /// Connects and says HELLO; `token`, when given, is presented for every
    /// call of the connection (metadata `authorization: Bearer <token>`).
    public init(to address: ServerAddress, clientName: String, token: String? = nil) throws(ClientError) {
        self.address = address
        socket = try BlockingSocket(connectingTo: address)
        var hello = Hack_V1_Hello()
        hello.protocolVersion = ProtocolVersion.current
        hello.clientName = clientName
        if let token { hello.metadata["authorization"] = "Bearer \(token)" }
        try send(Frame(kind: .hello, message: hello))
        let frame = try nextConnectionOrCallFrame(callId: 0)
        switch frame.kind {
        case .welcome:
            welcome = try decode(Hack_V1_Welcome.self, from: frame)
            decoder = FrameDecoder(maxFrameBytes: max(welcome.limits.maxFrameBytes, FrameDecoder.defaultMaxFrameBytes))
        default:
            throw ClientError(.internal, "expected WELCOME, got \(frame.kind.name)")
        }
    }

    /// Calls a unary method and returns its response, or throws the
    /// server's status and message.
    public func call<Request, Response>(
        _ method: UnaryMethod<Request, Response>, _ request: Request, timeoutMs: UInt32 = 0
    ) throws(ClientError) -> Response {
        let callId = try open(method.name, request, timeoutMs: timeoutMs)
        let frame = try nextConnectionOrCallFrame(callId: callId)
        guard frame.kind == .response else {
            throw ClientError(.internal, "expected RESPONSE for call \(callId), got \(frame.kind.name)")
        }
        let response = try decode(Hack_V1_Response.self, from: frame)
        guard response.status == .ok else { throw ClientError(response.status, response.message) }
        do {
            return try Response(serializedBytes: response.payload)
        } catch {
            throw ClientError(.internal, "the server's answer is not a valid \(Response.protoMessageName)")
        }
    }

    /// Calls a server-streaming method; `onItem` returns false to cancel.
    /// Returns when the stream ends with OK or is cancelled; throws its
    /// status otherwise.
    public func stream<Request, Response>(
        _ method: ServerStreamMethod<Request, Response>, _ request: Request, timeoutMs: UInt32 = 0,
        onItem: (Response) throws(ClientError) -> Bool
    ) throws(ClientError) {
        let callId = try open(method.name, request, timeoutMs: timeoutMs)
        while true {
            let frame = try nextConnectionOrCallFrame(callId: callId)
            switch frame.kind {
            case .message:
                let item = try decode(Response.self, from: frame)
                if try !onItem(item) {
                    try send(Frame(kind: .cancel, callId: callId))
                    return
                }
            case .response:
                let end = try decode(Hack_V1_Response.self, from: frame)
                guard end.status == .ok else { throw ClientError(end.status, end.message) }
                return
            default:
                throw ClientError(.internal, "unexpected \(frame.kind.name) frame in stream \(callId)")
            }
        }
    }

    public func close() { socket.close() }

    /// Sends a PING and waits for its PONG: the connection and the server's
    /// loop are alive. Mind `welcome.limits.minPingIntervalMs` between two.
    public func ping() throws(ClientError) {
        nextPingOpaque &+= 1
        var ping = Hack_V1_Ping()
        ping.opaque = nextPingOpaque
        try send(Frame(kind: .ping, message: ping))
        while true {
            let frame = try nextConnectionOrCallFrame(callId: 0)
            guard frame.kind == .pong else { continue }
            if try decode(Hack_V1_Ping.self, from: frame).opaque == nextPingOpaque { return }
        }
    }

    private func open(_ method: String, _ request: some SwiftProtobuf.Message, timeoutMs: UInt32) throws(ClientError) -> UInt32 {
        let callId = nextCallId
        nextCallId = nextCallId == UInt32.max ? 1 : nextCallId + 1
        var envelope = Hack_V1_Request()
        envelope.method = method
        envelope.timeoutMs = timeoutMs
        do {
            envelope.payload = try request.serializedBytes()
        } catch {
            throw ClientError(.invalidArgument, "cannot encode \(type(of: request).protoMessageName)")
        }
        try send(Frame(kind: .request, callId: callId, message: envelope))
        return callId
    }

    /// The next frame for `callId` (or for the connection when 0),
    /// answering PINGs and turning a GOAWAY into an error on the way.
    private func nextConnectionOrCallFrame(callId: UInt32) throws(ClientError) -> Frame {
        while true {
            let frame = try nextFrame()
            switch frame.kind {
            case .ping:
                try send(Frame(kind: .pong, body: frame.body))
            case .goaway:
                let goAway = try decode(Hack_V1_GoAway.self, from: frame)
                socket.close()
                throw ClientError(goAway.status == .ok ? .unavailable : goAway.status, goAway.message)
            default:
                if frame.callId == callId { return frame }
            }
        }
    }

    private func nextFrame() throws(ClientError) -> Frame {
        while true {
            do {
                if let frame = try decoder.next() { return frame }
            } catch {
                throw ClientError(error.status, "bad frame from server: \(error.message)")
            }
            try socket.receive(into: &decoder)
        }
    }

    private func send(_ frame: Frame) throws(ClientError) {
        try socket.send(FrameEncoder.encode(frame))
    }

    private func decode<M: SwiftProtobuf.Message>(_ type: M.Type, from frame: Frame) throws(ClientError) -> M {
        do {
            return try frame.decodeBody(as: type)
        } catch {
            throw ClientError(.internal, error.message)
        }
    }
}
