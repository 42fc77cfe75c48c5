import HackProtocol
import Testing

@Suite("Status codes")
struct StatusCodeTests {
    /// gRPC's canonical codes (grpc/doc/statuscodes.md), in order.
    static let grpcCodes: [(number: Int, name: String)] = [
        (0, "OK"), (1, "CANCELLED"), (2, "UNKNOWN"), (3, "INVALID_ARGUMENT"),
        (4, "DEADLINE_EXCEEDED"), (5, "NOT_FOUND"), (6, "ALREADY_EXISTS"),
        (7, "PERMISSION_DENIED"), (8, "RESOURCE_EXHAUSTED"), (9, "FAILED_PRECONDITION"),
        (10, "ABORTED"), (11, "OUT_OF_RANGE"), (12, "UNIMPLEMENTED"), (13, "INTERNAL"),
        (14, "UNAVAILABLE"), (15, "DATA_LOSS"), (16, "UNAUTHENTICATED"),
    ]

    @Test func everyCodeHasGRPCNameAndNumber() throws {
        #expect(StatusCode.allCases.count == 17)
        #expect(StatusCode.allCases.map(\.rawValue) == Array(0...16))
        for (number, name) in Self.grpcCodes {
            let code = try #require(StatusCode(rawValue: number))
            #expect(code.name == name, "code \(number)")
            #expect(code.rawValue == number)
        }
    }

    @Test func unknownNumbersGetAPlaceholderName() {
        #expect(StatusCode.UNRECOGNIZED(17).name == "CODE_17")
    }

    @Test func protocolErrorDescriptionStartsWithTheName() {
        let error = RPCError(.resourceExhausted, "frame too big")
        #expect(error.description == "RESOURCE_EXHAUSTED: frame too big")
        #expect(error == RPCError(.resourceExhausted, "frame too big"))
    }
}
