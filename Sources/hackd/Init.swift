import ArgumentParser
import Foundation
import HackServer

/// Creates the database and prints the server admin token, once.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database and print its server-admin token (alone on one stdout line, shown once).",
        discussion: "Refused when the database already has a valid admin token."
    )

    @Option(help: "SQLite database file; created when missing.")
    var db = "hackd.db"

    func run() throws {
        do {
            let admin = try HackServer.initialise(databasePath: db)
            print(admin.secret)
        } catch {
            FileHandle.standardError.write(Data("hackd init: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
