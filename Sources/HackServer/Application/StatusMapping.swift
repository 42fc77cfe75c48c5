import HackDomain
import HackProtocol

/// The one place where domain failures become wire statuses.
extension RPCError {
    init(_ error: DomainError) {
        let status: StatusCode = switch error.kind {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .failedPrecondition: .failedPrecondition
        }
        self.init(status, error.message)
    }

    /// A write the database refused: nothing was acknowledged. The cause is
    /// logged, not sent: it may name tables and SQL.
    static let commitFailed = RPCError(.internal, "the write could not be committed; nothing was saved")

    static func invalid(_ field: String, _ rule: String) -> RPCError {
        RPCError(.invalidArgument, "\(field): \(rule)")
    }
}
