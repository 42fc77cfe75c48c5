import Foundation
import ArgumentParser
import HackClient
import HackProtocol

/// `hackctl health`: is hackd serving? Needs no token, so probes can run it.
struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Ask hackd whether it is serving (no token needed).",
        discussion: """
            Prints "serving" and exits 0, or prints "not serving" (hackd is shutting down) \
            and exits 24 (10 + UNAVAILABLE), so scripts and probes can test the exit code. \
            With --json: {"status":"SERVING_STATUS_SERVING"}.
            Example: hackctl health --service hack.v1.Events
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("One service's full name, e.g. hack.v1.Events (default: the server).", valueName: "name"))
    var service: String = ""

    func run() throws {
        var serving = false
        try global.withClient { client in
            var request = Hack_V1_HealthCheckRequest()
            request.service = service
            let health = try client.call(Methods.Health.check, request)
            serving = health.status == .serving
            if client.json { return try Output.json(health) }
            Output.line(Self.text(health.status))
        }
        if !serving { throw ExitCode(GlobalOptions.exitCode(for: .unavailable)) }
    }

    static func text(_ status: Hack_V1_ServingStatus) -> String {
        switch status {
        case .serving: "serving"
        case .notServing: "not serving"
        case .unknown, .UNRECOGNIZED: "unknown"
        }
    }
}

/// `hackctl ping`: round trips of PING and PONG, spaced as the server allows.
struct PingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Measure round trips to hackd with protocol PINGs (no token needed).",
        discussion: """
            One line per PONG: "PONG from HOST:PORT: 0.21 ms". PINGs are spaced by the \
            server's minimum ping interval (announced in its WELCOME), so that it never \
            counts them as too many.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "How many PINGs to send.")
    var count = 1

    func validate() throws {
        guard (1...100).contains(count) else { throw ValidationError("--count must be between 1 and 100") }
    }

    func run() throws {
        try global.withClient { client in
            let connection = client.connection
            let spacing = Double(connection.welcome.limits.minPingIntervalMs) / 1000
            for index in 0..<count {
                if index > 0 { Thread.sleep(forTimeInterval: spacing) }
                let started = DispatchTime.now().uptimeNanoseconds
                try connection.ping()
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
                Output.line("PONG from \(connection.address): \(String(format: "%.2f", ms)) ms")
            }
        }
    }
}

/// `hackctl methods`: what the server offers, from its own method table.
struct MethodsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods",
        abstract: "List the services and methods hackd serves (no token needed).",
        discussion: """
            One line per method: its full name (the REQUEST's method), request and response \
            types ("stream" before a server stream's item type), the permission it needs \
            (docs/PERMISSIONS.md) and whether it needs a token. With --json: a JSON array of \
            services, each {"name", "methods": [{"name", "full_name", "request_type", \
            "response_type", "server_streaming", "permission", "needs_token"}]}.
            """
    )
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let services = try client.call(Methods.Reflection.listServices, Hack_V1_ListServicesRequest()).services
            if client.json { return try Output.json(services) }
            var table = Table("METHOD", "REQUEST", "RESPONSE", "PERMISSION", "TOKEN")
            for method in services.flatMap(\.methods) {
                table.add(method.fullName, method.requestType,
                          (method.serverStreaming ? "stream " : "") + method.responseType,
                          method.permission, method.needsToken ? "yes" : "no")
            }
            table.print()
        }
    }
}
