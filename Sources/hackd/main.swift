import ArgumentParser
import HackProtocol
import HackServer
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// hackd: the hack event server.
struct Hackd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hackd",
        abstract: "Runs hack events: territories, challenges, teams, ideas, over the hackd protocol.",
        discussion: "Prints `listening on HOST:PORT` as its first line on stdout; logs go to stderr."
    )

    @Option(help: "Address to listen on, HOST:PORT; port 0 picks a free port.")
    var listen = "127.0.0.1:7420"

    @Option(help: "SQLite database file; created when missing.")
    var db = "hackd.db"

    @Flag(help: "Load the PARCOURS FRANCE 2017 demo event when it is not there yet.")
    var demo = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard ServerAddress(parsing: listen) != nil else {
            throw ValidationError("--listen must be HOST:PORT with a port from 0 to 65535, got \"\(listen)\"")
        }
    }

    func run() throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "hackd")
        let address = ServerAddress(parsing: listen)!
        var configuration = ServerConfiguration(host: address.host, port: address.port, databasePath: db)
        configuration.loadDemo = demo
        do {
            let server = try HackServer(configuration: configuration, logger: logger)
            let bound = try server.start()
            print("listening on \(bound.host):\(bound.port)")
            fflush(nil)  // all streams: scripts wait for this line
            try server.run()
        } catch {
            logger.critical("\(error)")
            throw ExitCode.failure
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

Hackd.main()
