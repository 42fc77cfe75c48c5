import Foundation
import HackDomain
import Testing

/// docs/PHASES.md is what the gate table says.
struct PhaseGateDocumentTests {
    private static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/PHASES.md")

    @Test func documentMatchesTheCode() throws {
        let rendered = PhaseGateDocument.render()
        if ProcessInfo.processInfo.environment["HACKD_UPDATE_DOCS"] == "1" {
            try rendered.write(to: Self.path, atomically: true, encoding: .utf8)
        }
        let committed = (try? String(contentsOf: Self.path, encoding: .utf8)) ?? ""
        #expect(committed == rendered, "docs/PHASES.md is stale: run HACKD_UPDATE_DOCS=1 swift test --filter PhaseGateDocumentTests")
    }
}
