import ArgumentParser

/// The root command: only groups the nouns. Each noun lives in its own file
/// (EventCommands.swift, TerritoryCommands.swift, …).
struct Hackctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hackctl",
        abstract: "The command-line client of hackd, the hackathon event server.",
        discussion: """
            Every command talks to one hackd server: --server HOST:PORT, else the \
            HACKCTL_SERVER environment variable, else 127.0.0.1:7420.

            Every call presents a token: --token SECRET, else the HACKCTL_TOKEN environment \
            variable (preferred: command lines are visible to other users). Secrets look like \
            hk_<id>_<…>; `hackd init` prints the admin's, `hackd --demo` one per role, and \
            `hackctl token issue` issues more. What each role may do: docs/PERMISSIONS.md.

            Output: aligned tables for people; with --json, one line of JSON for \
            programs. A resource (show, create, update) is a JSON object, a list is a \
            JSON array of such objects. Objects use the proto3 JSON mapping of \
            Proto/hack/v1/model.proto with the .proto field names (snake_case) and \
            64-bit integers as numbers; as in proto3, a field holding its default \
            value (0, "", empty list) is left out.

            Exit codes: 0 success; 64 bad arguments (usage error); 10 + the gRPC \
            status code when hackd refuses a call or cannot be reached, e.g. \
            13 INVALID_ARGUMENT, 15 NOT_FOUND, 16 ALREADY_EXISTS, 17 PERMISSION_DENIED \
            (the token's role may not do this), 23 INTERNAL, 24 UNAVAILABLE (also: cannot \
            connect), 26 UNAUTHENTICATED (no token, or an unknown, expired or revoked one). Errors go to stderr as \
            "error: STATUS_NAME: message".
            """,
        version: "hackctl 0.1 (protocol 1)",
        subcommands: [
            EventCommand.self,
            TerritoryCommand.self,
            ChallengeCommand.self,
            TeamCommand.self,
            IdeaCommand.self,
            TokenCommand.self,
            AuditCommand.self,
            WatchCommand.self,
            VoteCommand.self,
            RubricCommand.self,
            ScoreCommand.self,
            ScoresCommand.self,
            ProgressCommand.self,
            RankingCommand.self,
            SynthesisCommand.self,
            ExportCommand.self,
            HealthCommand.self,
            PingCommand.self,
            MethodsCommand.self,
        ]
    )

    /// Lets the shared options stand before the noun too
    /// (`hackctl --server H:P event list`); each leaf reads them through its
    /// own `@OptionGroup`.
    @OptionGroup var global: GlobalOptions
}
