import ArgumentParser

/// hackd: the hack event server. `hackd` alone serves; `hackd init` creates
/// a database and its admin token.
struct Hackd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hackd",
        abstract: "Runs hack events: territories, challenges, teams, ideas, over the hackd protocol.",
        subcommands: [Serve.self, Init.self],
        defaultSubcommand: Serve.self
    )
}

Hackd.main()
