import Foundation
import HackProtocol
import SwiftProtobuf

/// Maps method names to handlers. Handlers are registered with the typed
/// method constants of HackProtocol, so a handler cannot be bound to the
/// wrong message types; decoding and status mapping happen here, once.
final class MethodRouter: CallDispatcher {
    private typealias Handler = (_ payload: Data, _ call: ServerCall) -> Void
    private var handlers: [String: Handler] = [:]

    /// Names of every registered method, sorted.
    var methodNames: [String] { handlers.keys.sorted() }

    /// A unary method answered at once from memory.
    func unary<Request, Response>(
        _ method: UnaryMethod<Request, Response>,
        _ body: @escaping (Request) throws(RPCError) -> Response
    ) {
        register(method.name) { (request: Request, call) in
            do throws(RPCError) {
                call.succeed(try body(request))
            } catch {
                call.fail(error)
            }
        }
    }

    /// A unary method answered later, e.g. once its write is committed.
    func unary<Request, Response>(
        _ method: UnaryMethod<Request, Response>,
        deferred body: @escaping (Request, _ reply: @escaping (Result<Response, RPCError>) -> Void) -> Void
    ) {
        register(method.name) { (request: Request, call) in
            body(request) { result in
                switch result {
                case .success(let response): call.succeed(response)
                case .failure(let error): call.fail(error)
                }
            }
        }
    }

    /// A server-streaming method: the handler keeps the call and sends items.
    func serverStream<Request, Response>(
        _ method: ServerStreamMethod<Request, Response>,
        _ body: @escaping (Request, ServerCall) -> Void
    ) {
        register(method.name, body)
    }

    func dispatch(_ request: Hack_V1_Request, call: ServerCall) {
        guard let handler = handlers[request.method] else {
            call.fail(RPCError(.unimplemented, "unknown method \"\(request.method)\""))
            return
        }
        handler(request.payload, call)
    }

    private func register<Request: SwiftProtobuf.Message>(
        _ name: String, _ body: @escaping (Request, ServerCall) -> Void
    ) {
        precondition(handlers[name] == nil, "method \(name) registered twice")
        handlers[name] = { payload, call in
            let request: Request
            do {
                request = try Request(serializedBytes: payload)
            } catch {
                call.fail(RPCError(.invalidArgument, "payload is not a valid \(Request.protoMessageName)"))
                return
            }
            body(request, call)
        }
    }
}
