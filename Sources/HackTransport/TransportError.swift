import CLibUV

/// The single error type of the transport layer.
///
/// libuv reports failures as negative integers; we keep the raw code so callers
/// can compare against `UV_*` constants, and resolve the name and message
/// eagerly so the error stays meaningful after the loop is gone.
public struct TransportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The negative libuv error code, e.g. `UV_EADDRINUSE.rawValue`.
    public let code: Int32
    /// The symbolic name from `uv_err_name`, e.g. "EADDRINUSE".
    public let name: String
    /// The human message from `uv_strerror`, e.g. "address already in use".
    public let message: String
    /// What we were doing when it failed, e.g. "listen 127.0.0.1:8080".
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
        // The reentrant variants write into our buffer, so unknown codes do
        // not leak the string that plain uv_err_name would allocate.
        var buffer = [CChar](repeating: 0, count: 128)
        let count = buffer.count
        self.name = buffer.withUnsafeMutableBufferPointer { buf in
            String(cString: uv_err_name_r(code, buf.baseAddress, count))
        }
        self.message = buffer.withUnsafeMutableBufferPointer { buf in
            String(cString: uv_strerror_r(code, buf.baseAddress, count))
        }
    }

    public var description: String {
        "\(operation): \(name) (\(message))"
    }
}

/// Throws a `TransportError` when a libuv call returned a negative status.
@inline(__always)
func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(TransportError) {
    if status < 0 {
        throw TransportError(code: status, operation: operation())
    }
}
