import HackProtocol
import SwiftProtobuf

/// A method's request decoder: the hand or generated decoder chosen once
/// (`PayloadDecoder`), and the method's last request kept for the same
/// bytes (`LastDecoded`): clients repeat their requests (polls,
/// countdowns), and a repeated one is compared, not decoded.
final class RequestDecoder<Request: SwiftProtobuf.Message> {
    private let decodeRequest: (UnsafeRawBufferPointer) throws -> Request
    private var last = LastDecoded<Request>()

    init(recent: RecentStrings) {
        decodeRequest = PayloadDecoder.of(Request.self, recent: recent)
    }

    /// The request message; INVALID_ARGUMENT when the payload is not one.
    func decode(_ payload: UnsafeRawBufferPointer) throws(RPCError) -> Request {
        if let known = last.message(for: payload) { return known }
        do {
            let request = try decodeRequest(payload)
            last.remember(request, for: payload)
            return request
        } catch {
            throw RPCError(.invalidArgument, "payload is not a valid \(Request.protoMessageName)")
        }
    }
}
