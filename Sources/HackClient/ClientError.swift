import HackProtocol

/// The one error of the client: a status (the server's, or UNAVAILABLE /
/// INTERNAL for local failures) and a message a person can act on.
public struct ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: StatusCode
    public let message: String

    public init(_ status: StatusCode, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.name): \(message)" }
}
