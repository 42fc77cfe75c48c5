import ArgumentParser
import Foundation
import HackClient
import HackProtocol

/// Options every leaf command takes, through `@OptionGroup`.
struct GlobalOptions: ParsableArguments {
    /// The environment variable that replaces the default server address.
    static let serverVariable = "HACKCTL_SERVER"
    /// The environment variable that gives the token when --token is not given.
    static let tokenVariable = "HACKCTL_TOKEN"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The hackd server to talk to, as HOST:PORT or [IPv6]:PORT.",
            discussion: "Default: $\(GlobalOptions.serverVariable) when set, else \(ServerAddress.default).",
            valueName: "host:port"
        )
    )
    var server: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The token to present to hackd (hk_<id>_<…>).",
            discussion: """
                Default: $\(GlobalOptions.tokenVariable). Every call needs one; prefer the variable, \
                as other users of the machine may read command lines.
                """,
            valueName: "secret"
        )
    )
    var token: String?

    @Flag(name: .long, help: "Print machine-readable JSON instead of tables.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp("How long hackd may take to answer a call (default 30s; 0: no limit).", valueName: "duration"),
        transform: { try DurationText.parseMilliseconds($0, allowZero: true) }
    )
    var timeout: UInt64 = 30_000

    func validate() throws {
        _ = try resolvedAddress()
        guard timeout <= UInt64(UInt32.max) else { throw ValidationError("--timeout: at most \(UInt32.max)ms") }
    }

    /// --server, else $HACKCTL_SERVER, else the default.
    func resolvedAddress() throws -> ServerAddress {
        if let server {
            guard let address = ServerAddress(parsing: server) else {
                throw ValidationError("--server: expected HOST:PORT (e.g. 127.0.0.1:7420), got '\(server)'")
            }
            return address
        }
        if let text = ProcessInfo.processInfo.environment[Self.serverVariable], !text.isEmpty {
            guard let address = ServerAddress(parsing: text) else {
                throw ValidationError("$\(Self.serverVariable): expected HOST:PORT (e.g. 127.0.0.1:7420), got '\(text)'")
            }
            return address
        }
        return .default
    }

    /// --token, else $HACKCTL_TOKEN, else nil (hackd will answer UNAUTHENTICATED).
    func resolvedToken() -> String? {
        if let token, !token.isEmpty { return token }
        if let text = ProcessInfo.processInfo.environment[Self.tokenVariable], !text.isEmpty {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return nil
    }

    /// Connects, runs `body` with a `Client`, and turns a ClientError into
    /// `error: STATUS_NAME: message` on stderr and exit code 10 + status.
    func withClient(_ body: (Client) throws -> Void) throws {
        do {
            let connection = try connect()
            defer { connection.close() }
            try body(Client(connection: connection, timeoutMs: UInt32(timeout), json: json))
        } catch let error as ClientError {
            throw fail(error)
        }
    }

    /// A new connection to the resolved server, presenting the resolved token;
    /// a failure to connect names the server.
    func connect() throws(ClientError) -> HackConnection {
        let address: ServerAddress
        do {
            address = try resolvedAddress()
        } catch {
            throw ClientError(.invalidArgument, "\(error)")
        }
        do {
            return try HackConnection(to: address, clientName: "hackctl/0.1", token: resolvedToken())
        } catch {
            let message = error.message.contains(address.description) ? error.message : "hackd at \(address): \(error.message)"
            throw ClientError(error.status, message)
        }
    }

    /// Prints `error` as `error: STATUS_NAME: message` on stderr and returns
    /// the exit code to end with (10 + status).
    func fail(_ error: ClientError) -> ExitCode {
        var message = error.message
        if error.status == .unauthenticated, resolvedToken() == nil {
            message += " (no token given: use --token SECRET or set $\(Self.tokenVariable))"
        }
        Output.error("error: \(error.status.name): \(message)")
        return ExitCode(Self.exitCode(for: error.status))
    }

    /// 10 + the gRPC status code; documented in the root command's help.
    static func exitCode(for status: StatusCode) -> Int32 {
        Int32(clamping: 10 + status.rawValue)
    }
}

/// A connection plus what every call needs: the deadline and the output mode.
struct Client {
    let connection: HackConnection
    let timeoutMs: UInt32
    let json: Bool

    func call<Request, Response>(_ method: UnaryMethod<Request, Response>, _ request: Request) throws(ClientError) -> Response {
        try connection.call(method, request, timeoutMs: timeoutMs)
    }

    /// The time zone of the event a challenge belongs to: times are shown
    /// as the people in the room read them.
    func timeZone(ofChallenge id: UInt64) throws(ClientError) -> TimeZone {
        var challenge = Hack_V1_GetChallengeRequest()
        challenge.id = id
        return try timeZone(ofEvent: try call(Methods.Challenges.get, challenge).eventSlug)
    }

    /// The time zone of an event; UTC for "" (server-wide things).
    func timeZone(ofEvent slug: String) throws(ClientError) -> TimeZone {
        guard !slug.isEmpty else { return .gmt }
        return Text.zone(of: try event(slug))
    }

    /// The event `slug`, as hackd has it now.
    func event(_ slug: String) throws(ClientError) -> Hack_V1_Event {
        var request = Hack_V1_GetEventRequest()
        request.slug = slug
        return try call(Methods.Events.get, request)
    }
}
