import Foundation
import HackDomain
import Testing

/// docs/LIMITS.md states the values InputLimits enforces.
struct LimitsDocumentTests {
    private static let document: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/LIMITS.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static let limits: [(name: String, value: String)] = [
        ("slugLength", "\(InputLimits.slugLength.lowerBound)…\(InputLimits.slugLength.upperBound)"),
        ("nameMaxLength", "\(InputLimits.nameMaxLength)"),
        ("shortTextMaxLength", "\(InputLimits.shortTextMaxLength)"),
        ("contextMaxLength", "\(InputLimits.contextMaxLength)"),
        ("pitchMaxLength", "\(InputLimits.pitchMaxLength)"),
        ("bodyMaxLength", "\(InputLimits.bodyMaxLength)"),
        ("themesMaxCount", "\(InputLimits.themesMaxCount)"),
        ("themeMaxLength", "\(InputLimits.themeMaxLength)"),
        ("membersMaxCount", "\(InputLimits.membersMaxCount)"),
        ("teamsPerEventMax", "\(InputLimits.teamsPerEventMax)"),
        ("ideasPerTeamMax", "\(InputLimits.ideasPerTeamMax)"),
        ("agendaPhaseCount", "\(InputLimits.agendaPhaseCount.lowerBound)…\(InputLimits.agendaPhaseCount.upperBound)"),
        ("phaseDurationMs", "\(InputLimits.phaseDurationMs.lowerBound)…\(InputLimits.phaseDurationMs.upperBound)"),
        ("runTransitionsMax", "\(InputLimits.runTransitionsMax)"),
        ("tickIntervalMs", "\(InputLimits.tickIntervalMs.lowerBound)…\(InputLimits.tickIntervalMs.upperBound)"),
        ("voterCodesPerCall", "\(InputLimits.voterCodesPerCall.lowerBound)…\(InputLimits.voterCodesPerCall.upperBound)"),
        ("voterCodesPerEventMax", "\(InputLimits.voterCodesPerEventMax)"),
        ("voterCodeInputMaxLength", "\(InputLimits.voterCodeInputMaxLength)"),
        ("rubricCriteriaCount", "\(InputLimits.rubricCriteriaCount.lowerBound)…\(InputLimits.rubricCriteriaCount.upperBound)"),
        ("criterionKeyMaxLength", "\(InputLimits.criterionKeyMaxLength)"),
        ("criterionWeight", "\(InputLimits.criterionWeight.lowerBound)…\(InputLimits.criterionWeight.upperBound)"),
        ("criterionDescriptionMaxLength", "\(InputLimits.criterionDescriptionMaxLength)"),
        ("scaleMax", "\(InputLimits.scaleMax)"),
        ("synthesisSummaryMaxLength", "\(InputLimits.synthesisSummaryMaxLength)"),
        ("synthesisNextStepsMaxLength", "\(InputLimits.synthesisNextStepsMaxLength)"),
        ("retainedIdeasMax", "\(InputLimits.retainedIdeasMax)"),
        ("retainedReasonMaxLength", "\(InputLimits.retainedReasonMaxLength)"),
        ("synthesisRevisionsMax", "\(InputLimits.synthesisRevisionsMax)"),
    ]

    @Test(arguments: limits.map(\.name))
    func theDocumentStatesTheEnforcedValue(_ name: String) {
        let value = Self.limits.first { $0.name == name }!.value
        #expect(Self.document.contains("| `\(name)` | \(value) |"), "docs/LIMITS.md: \(name) should be \(value)")
    }
}
