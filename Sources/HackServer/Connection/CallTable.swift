import HackProtocol

/// The calls open on one connection, by id: what the socket's handler and
/// the fuzzer's connection start, end and cancel alike. Cancelling is left
/// to the owner, after the call has left the table: a cancelled call may
/// come back to finish, and must find itself gone.
struct CallTable {
    private var calls = CallIdMap<ServerCall>()
    /// What the connection's HELLO proved, shared by its calls.
    let verified = VerifiedCredential()

    var count: Int { calls.count }
    var isEmpty: Bool { calls.isEmpty }
    var ids: Set<UInt32> { calls.keys }

    func isOpen(_ callId: UInt32) -> Bool { calls.contains(callId) }

    /// Opens call `callId` for `request`, answering through `output`.
    mutating func open(_ callId: UInt32, _ request: CallRequest, connectionMetadata: [String: String],
                       output: CallOutput) -> ServerCall {
        let call = ServerCall(callId: callId, method: request.method, metadata: request.metadata,
                              connectionMetadata: connectionMetadata, verified: verified, output: output)
        calls.set(call, for: callId)
        return call
    }

    /// Removes `call` if it is still the open call of its id; false when
    /// it was cancelled or its id now names a newer call.
    mutating func close(_ call: ServerCall) -> Bool {
        guard let open = calls[call.callId], open === call else { return false }
        calls.removeValue(for: call.callId)
        return true
    }

    /// Removes call `callId`, for the owner to cancel.
    mutating func remove(_ callId: UInt32) -> ServerCall? {
        calls.removeValue(for: callId)
    }

    /// Removes every call, for the owner to cancel.
    mutating func removeAll() -> [ServerCall] {
        calls.removeAll()
    }
}
