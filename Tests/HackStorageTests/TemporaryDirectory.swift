import Foundation
import HackDomain

/// A fresh directory for one test's database files, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("hackd-storage-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// A database path inside a fresh temporary directory.
func withDatabasePath<T>(_ body: (String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        try body(directory.appendingPathComponent("hackd.sqlite").path)
    }
}

/// Starts the demo's run and skips its introduction: ideas are posted only in a hack phase.
let startDemoHack: [Command] = [
    .controlRun(eventSlug: DemoScenario.eventSlug, .start, by: "test"),
    .controlRun(eventSlug: DemoScenario.eventSlug, .skip(phaseIndex: 0), by: "test"),
]

/// Decides and applies commands against a state, returning the changes to commit.
@discardableResult
func decideAll(_ commands: [Command], on state: inout HackState, from start: Millis) throws -> [Change] {
    var changes: [Change] = []
    for (offset, command) in commands.enumerated() {
        let change = try state.decide(command, at: start + Millis(offset))
        state.apply(change)
        changes.append(change)
    }
    return changes
}
