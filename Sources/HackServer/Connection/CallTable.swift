import HackProtocol
import HackTransport

/// The calls open on one connection, by id: what the socket's handler and
/// the fuzzer's connection start, end and cancel alike. Cancelling is left
/// to the owner, after the call has left the table: a cancelled call may
/// come back to finish, and must find itself gone. A class: a call's
/// method may end it (or another) while it is being started.
final class CallTable {
    private var calls = CallIdMap<ServerCall>()
    /// Where deadline timers come from.
    private let loop: EventLoop
    /// What the connection's HELLO proved, shared by its calls.
    let verified = VerifiedCredential()

    init(loop: EventLoop) {
        self.loop = loop
    }

    var count: Int { calls.count }
    var isEmpty: Bool { calls.isEmpty }
    var ids: Set<UInt32> { calls.keys }

    func isOpen(_ callId: UInt32) -> Bool { calls.contains(callId) }

    /// Starts call `callId` through `dispatcher`; `frameBody` is the body of
    /// the REQUEST frame it was read from (its payload is there), and
    /// `elapsedMs` of its deadline are already gone (it waited behind the
    /// other frames of its read). Returns its answer when there is one at
    /// once: its method answered from memory, it was refused, or its
    /// deadline had already passed (work past its deadline is refused, not
    /// started). Otherwise the call is open here, its deadline armed, and it
    /// answers later through `output`. `connectionMetadata` (HELLO's) is
    /// asked for only when the credential must be read from it again.
    func start(_ callId: UInt32, _ request: CallRequest, frameBody: UnsafeRawBufferPointer,
               connectionMetadata: () -> [String: String], elapsedMs: UInt64,
               dispatcher: CallDispatcher, output: CallOutput) -> CallAnswer? {
        let timeout = request.timeoutMs
        if timeout > 0, elapsedMs >= UInt64(timeout) { return .failure(.deadlineExceeded(afterMs: timeout)) }
        return request.withPayload(inBody: frameBody) { payload in
            dispatcher.dispatch(request, payload: payload, connectionMetadata: connectionMetadata,
                                verified: verified) {
                let call = ServerCall(callId: callId, output: output)
                calls.set(call, for: callId)
                if timeout > 0 {
                    call.armDeadline(afterMs: UInt64(timeout) - elapsedMs, exceeded: .deadlineExceeded(afterMs: timeout),
                                     makeTimer: loop.makeTimer)
                }
                return call
            }
        }
    }

    /// Removes `call` if it is still the open call of its id; false when
    /// it was cancelled or its id now names a newer call.
    func close(_ call: ServerCall) -> Bool {
        guard let open = calls[call.callId], open === call else { return false }
        calls.removeValue(for: call.callId)
        return true
    }

    /// Removes call `callId`, for the owner to cancel.
    func remove(_ callId: UInt32) -> ServerCall? {
        calls.removeValue(for: callId)
    }

    /// Removes every call, for the owner to cancel.
    func removeAll() -> [ServerCall] {
        calls.removeAll()
    }
}
