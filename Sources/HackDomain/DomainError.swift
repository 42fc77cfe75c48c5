/// Why a command was refused. The message names the field and the rule
/// (e.g. `name: must not be empty`) so a client can show it as is.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Mirrors the gRPC status codes the server maps these to.
    public enum Kind: Sendable, Equatable {
        case invalidArgument
        case notFound
        case alreadyExists
        case failedPrecondition
    }

    public let kind: Kind
    /// The wire name of the offending field (e.g. `agenda[1].duration_ms`), when there is one.
    public let field: String?
    public let message: String

    public init(kind: Kind, field: String?, message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String { message }

    /// An input breaks a rule: the message reads `field: rule`.
    static func invalid(_ field: String, _ rule: String) -> DomainError {
        DomainError(kind: .invalidArgument, field: field, message: "\(field): \(rule)")
    }

    /// A referenced resource is missing: the message reads `<what> not found`.
    static func notFound(_ field: String, _ what: String) -> DomainError {
        DomainError(kind: .notFound, field: field, message: "\(what) not found")
    }

    /// The request is well formed but the resource's state forbids it (e.g. revoking twice).
    static func failedPrecondition(_ field: String, _ message: String) -> DomainError {
        DomainError(kind: .failedPrecondition, field: field, message: message)
    }

    static func alreadyExists(_ field: String, _ message: String) -> DomainError {
        DomainError(kind: .alreadyExists, field: field, message: message)
    }
}
