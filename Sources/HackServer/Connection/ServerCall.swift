import HackProtocol
import HackTransport
import SwiftProtobuf

/// A response message of type `Message`, encoded: typed, so a handler
/// cannot answer a method with another method's message.
struct EncodedResponse<Message: SwiftProtobuf.Message> {
    let bytes: [UInt8]
}

/// How a call ends. A success carries its payload alone, so a connection
/// writes the RESPONSE frame around it straight into its output.
enum CallAnswer: Equatable {
    case success(payload: [UInt8])
    case frame(Frame)

    /// The RESPONSE frame of call `callId` (for outputs that keep frames).
    func frame(callId: UInt32) -> Frame {
        switch self {
        case .success(let payload):
            Frame(kind: .response, callId: callId, body: FrameEncoder.successResponseBody(payload: payload))
        case .frame(let frame):
            frame
        }
    }
}

/// Where a call's frames go: its connection, or a recorder in tests, so
/// handlers run without sockets.
protocol CallOutput: AnyObject {
    /// Writes a frame of an open call (a stream item).
    func write(kind: FrameKind, callId: UInt32, encodedBody: [UInt8])
    /// Writes the call's final frame, if the call is still open there.
    func finish(_ call: ServerCall, with answer: CallAnswer)
}

/// One call in flight on a connection, as a handler sees it: the way to
/// answer, and a hook for when the client cancels or goes away.
///
/// Answers after the end of the call (cancelled, deadline passed, connection
/// closed) are dropped, so a handler never needs to know why.
final class ServerCall {
    let callId: UInt32
    let method: String
    /// The request's metadata, then the connection's (from HELLO): a call's
    /// own entries win.
    let metadata: [String: String]
    let connectionMetadata: [String: String]
    private weak var output: CallOutput?
    /// Set by stream handlers to release what the stream holds.
    var onCancel: (() -> Void)?
    private(set) var isFinished = false
    private var deadlineTimer: LoopTimer?

    /// The connection's memory of the credential it last proved.
    let verified: VerifiedCredential?

    init(callId: UInt32, method: String, metadata: [String: String] = [:],
         connectionMetadata: [String: String] = [:], verified: VerifiedCredential? = nil, output: CallOutput) {
        self.callId = callId
        self.method = method
        self.metadata = metadata
        self.connectionMetadata = connectionMetadata
        self.verified = verified
        self.output = output
    }

    /// Ends a unary call with its response.
    func succeed(_ response: some SwiftProtobuf.Message) {
        let payload: [UInt8]
        do {
            payload = try response.serializedBytes()
        } catch {
            fail(RPCError(.internal, "cannot encode \(type(of: response).protoMessageName)"))
            return
        }
        succeed(encodedPayload: payload)
    }

    /// Ends a unary call with its response, already encoded.
    func succeed(encodedPayload payload: [UInt8]) {
        finish(.success(payload: payload))
    }

    /// Ends the call (unary or stream) with an error status.
    func fail(_ error: RPCError) {
        finish(.frame(ConnectionStateMachine.response(callId: callId, error)))
    }

    /// Ends a stream with OK.
    func endStream() {
        finish(.frame(Frame(kind: .response, callId: callId, message: Hack_V1_Response())))
    }

    /// Sends one stream item whose body is already encoded, so that one
    /// encode serves every watcher.
    func send(encodedItem body: [UInt8]) {
        guard !isFinished, let output else { return }
        output.write(kind: .message, callId: callId, encodedBody: body)
    }

    func send(item: some SwiftProtobuf.Message) {
        guard let body: [UInt8] = try? item.serializedBytes() else { return }
        send(encodedItem: body)
    }

    /// Starts the call's deadline, `elapsedMs` of it already gone (the call
    /// waited behind the other frames of its read): when it passes first,
    /// the call fails with DEADLINE_EXCEEDED and its late answer is dropped.
    /// False when nothing is left: the call is answered DEADLINE_EXCEEDED at
    /// once and must not start (work already past its deadline is refused).
    func armDeadline(afterMs timeout: UInt32, elapsedMs: UInt64 = 0, makeTimer: () -> LoopTimer) -> Bool {
        let exceeded = RPCError(.deadlineExceeded, "deadline of \(timeout) ms exceeded")
        guard elapsedMs < UInt64(timeout) else {
            fail(exceeded)
            return false
        }
        let timer = makeTimer()
        deadlineTimer = timer
        timer.start(afterMs: UInt64(timeout) - elapsedMs) { [weak self] in self?.fail(exceeded) }
        return true
    }

    /// The call ended without an answer: cancelled, or its connection closed.
    func cancelled() {
        guard !isFinished else { return }
        isFinished = true
        releaseResources()
    }

    private func finish(_ answer: CallAnswer) {
        guard !isFinished else { return }
        isFinished = true
        releaseResources()
        output?.finish(self, with: answer)
    }

    private func releaseResources() {
        deadlineTimer?.close()
        deadlineTimer = nil
        let cancel = onCancel
        onCancel = nil
        cancel?()
    }
}
