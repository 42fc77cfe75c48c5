/// A call's failure as the peer sees it: a status and a message a person can
/// act on. Frame decoding, handshake checks and request handling all throw
/// it, so every failure reaches the wire the same way.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: StatusCode
    public let message: String

    public init(_ status: StatusCode, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.name): \(message)" }
}
