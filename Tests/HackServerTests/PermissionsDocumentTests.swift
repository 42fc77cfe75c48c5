import Foundation
import HackProtocol
import Testing
@testable import HackServer

/// docs/PERMISSIONS.md is what the method table says, and every method of
/// the protocol declares a permission.
struct PermissionsDocumentTests {
    private static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/PERMISSIONS.md")

    @Test func everyMethodOfTheProtocolDeclaresAPermission() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let registered = Set(harness.router.permissionTable.map(\.method))
        #expect(registered == Set(Methods.all.map(\.name)))
    }

    @Test func documentMatchesTheCode() throws {
        let harness = try ServiceHarness()
        defer { #expect(throws: Never.self) { try harness.close() } }
        let rendered = PermissionsDocument.render(harness.router.permissionTable)
        if ProcessInfo.processInfo.environment["HACKD_UPDATE_DOCS"] == "1" {
            try rendered.write(to: Self.path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: Self.path, encoding: .utf8)
        #expect(committed == rendered, "docs/PERMISSIONS.md is stale: run HACKD_UPDATE_DOCS=1 swift test --filter PermissionsDocumentTests")
    }
}
