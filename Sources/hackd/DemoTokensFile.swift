import Foundation
import HackServer

/// The demo tokens as people and scripts read them.
enum DemoTokensFile {
    /// A JSON array of {role, scope, name, secret}, readable only by its owner.
    static func write(_ tokens: [IssuedSecret], to path: String) throws {
        let objects = tokens.map { ["role": $0.role, "scope": $0.scope, "name": $0.name, "secret": $0.secret] }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
        guard FileManager.default.createFile(atPath: path, contents: data + Data("\n".utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// An aligned list after the `listening on` line, and how to use one.
    static func print(_ tokens: [IssuedSecret]) {
        Swift.print("demo tokens (secrets shown once):")
        let roleWidth = tokens.map(\.role.count).max() ?? 0
        let scopeWidth = tokens.map(\.scope.count).max() ?? 0
        for token in tokens {
            let role = token.role.padding(toLength: roleWidth, withPad: " ", startingAt: 0)
            let scope = token.scope.padding(toLength: scopeWidth, withPad: " ", startingAt: 0)
            Swift.print("  \(role)  \(scope)  \(token.secret)  \(token.name)")
        }
        if let organiser = tokens.first(where: { $0.role == "organiser" }) {
            Swift.print("try:  HACKCTL_TOKEN=\(organiser.secret) hackctl event list")
        }
    }
}
