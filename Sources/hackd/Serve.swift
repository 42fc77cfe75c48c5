import ArgumentParser
import Foundation
import HackProtocol
import HackServer
import Logging

/// Serves until SIGINT or SIGTERM.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve (the default command).",
        discussion: """
            Prints `listening on HOST:PORT` as its first line on stdout; logs go to stderr. \
            With --demo, the demo tokens issued at this start follow on stdout (and go to \
            --demo-tokens PATH as JSON): their secrets are shown only once.
            """
    )

    @Option(help: "Address to listen on, HOST:PORT; port 0 picks a free port.")
    var listen = "127.0.0.1:7420"

    @Option(help: "SQLite database file; created when missing.")
    var db = "hackd.db"

    @Flag(help: "Load the PARCOURS FRANCE 2017 demo event (once) and issue one demo token per role (each start).")
    var demo = false

    @Option(help: "With --demo: also write the demo tokens to this file, as a JSON array of {role, scope, name, secret}.")
    var demoTokens: String?

    @OptionGroup(title: "Limits")
    var limits: LimitOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard ServerAddress(parsing: listen) != nil else {
            throw ValidationError("--listen must be HOST:PORT with a port from 0 to 65535, got \"\(listen)\"")
        }
        if demoTokens != nil, !demo { throw ValidationError("--demo-tokens goes with --demo") }
    }

    func run() throws {
        bootstrapLogging(level: logLevel)
        let logger = Logger(label: "hackd")
        let address = ServerAddress(parsing: listen)!
        var configuration = ServerConfiguration(host: address.host, port: address.port, databasePath: db)
        configuration.loadDemo = demo
        limits.apply(to: &configuration)
        do {
            let server = try HackServer(configuration: configuration, logger: logger)
            if let demoTokens { try DemoTokensFile.write(server.demoTokens, to: demoTokens) }
            let bound = try server.start()
            print("listening on \(bound.host):\(bound.port)")
            if !server.demoTokens.isEmpty { DemoTokensFile.print(server.demoTokens) }
            fflush(nil)  // all streams: scripts wait for these lines
            try server.run()
        } catch {
            logger.critical("\(error)")
            throw ExitCode.failure
        }
    }
}

/// Logs to stderr at the chosen level.
func bootstrapLogging(level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
