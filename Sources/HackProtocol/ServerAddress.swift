/// "HOST:PORT" or "[IPv6]:PORT": where hackd listens (`--listen`) and where
/// clients connect (`--server`, HACKCTL_SERVER).
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    /// Where the README's demo command listens.
    public static let `default` = ServerAddress(host: "127.0.0.1", port: 7420)

    public let host: String
    public let port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses "HOST:PORT" or "[IPv6]:PORT"; nil when it is neither.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"),
              let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
