import HackProtocol
import HackTransport
import SwiftProtobuf

/// A response message of type `Message`, encoded: typed, so a handler
/// cannot answer a method with another method's message.
struct EncodedResponse<Message: SwiftProtobuf.Message> {
    let bytes: [UInt8]
}

/// How a call ends. A success carries its payload alone, so a connection
/// writes the RESPONSE frame around it straight into its output; the call
/// id is the connection's to add.
enum CallAnswer: Equatable {
    case success(payload: [UInt8])
    case failure(RPCError)
    /// A server stream's end, status OK.
    case endOfStream

    /// The success answering with `response`; INTERNAL if it cannot be encoded.
    static func success(encoding response: some SwiftProtobuf.Message) -> CallAnswer {
        do {
            return .success(payload: try response.serializedBytes())
        } catch {
            return .failure(RPCError(.internal, "cannot encode \(type(of: response).protoMessageName)"))
        }
    }

    /// The RESPONSE frame of call `callId` (for outputs that keep frames).
    func frame(callId: UInt32) -> Frame {
        switch self {
        case .success(let payload):
            Frame(kind: .response, callId: callId, body: FrameEncoder.successResponseBody(payload: payload))
        case .failure(let error):
            ConnectionStateMachine.response(callId: callId, error)
        case .endOfStream:
            Frame(kind: .response, callId: callId, message: Hack_V1_Response())
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

/// One call in flight on a connection, as a handler that answers later sees
/// it (a write waiting for its commit, a stream): the way to answer, and a
/// hook for when the client cancels or goes away. Methods that answer at
/// once from memory never get one (`MethodRouter`).
///
/// Answers after the end of the call (cancelled, deadline passed, connection
/// closed) are dropped, so a handler never needs to know why.
final class ServerCall {
    let callId: UInt32
    private weak var output: CallOutput?
    /// Set by stream handlers to release what the stream holds.
    var onCancel: (() -> Void)?
    private(set) var isFinished = false
    private var deadlineTimer: LoopTimer?

    init(callId: UInt32, output: CallOutput) {
        self.callId = callId
        self.output = output
    }

    /// Ends a unary call with its response.
    func succeed(_ response: some SwiftProtobuf.Message) {
        finish(.success(encoding: response))
    }

    /// Ends the call (unary or stream) with an error status.
    func fail(_ error: RPCError) {
        finish(.failure(error))
    }

    /// Ends a stream with OK.
    func endStream() {
        finish(.endOfStream)
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

    /// Starts the call's deadline, `afterMs` from now: when it passes first,
    /// the call fails with DEADLINE_EXCEEDED and its late answer is dropped.
    func armDeadline(afterMs remaining: UInt64, exceeded: RPCError, makeTimer: () -> LoopTimer) {
        let timer = makeTimer()
        deadlineTimer = timer
        timer.start(afterMs: remaining) { [weak self] in self?.fail(exceeded) }
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

extension RPCError {
    /// A call's deadline of `timeout` ms passed before its answer. Made only
    /// when it is needed: a call answered at once never formats it.
    static func deadlineExceeded(afterMs timeout: UInt32) -> RPCError {
        RPCError(.deadlineExceeded, "deadline of \(timeout) ms exceeded")
    }
}
