import Foundation
import Testing
@testable import HackDomain

/// The fast character tests of Validate agree with Unicode's tables and
/// with Foundation, which they replace on the hot path.
struct ValidationCharacterTests {
    @Test func controlIsExactlyGeneralCategoryCc() {
        let disagreeing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            Validate.isControl($0) != ($0.properties.generalCategory == .control)
        }
        #expect(disagreeing.isEmpty, "\(disagreeing.prefix(5).map { "U+\(String($0.value, radix: 16))" })")
    }

    /// The byte scan finds exactly the scalars `isControl` names, alone or in
    /// text, and lets tab and line breaks through only when asked.
    @Test func byteScanAgreesWithIsControl() {
        let disagreeing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            let text = "a\($0)é"
            return Validate.containsControl(text, allowingTabAndBreaks: false) != Validate.isControl($0)
        }
        #expect(disagreeing.isEmpty, "\(disagreeing.prefix(5).map { "U+\(String($0.value, radix: 16))" })")
        #expect(!Validate.containsControl("ligne 1\r\n\tligne 2", allowingTabAndBreaks: true))
        #expect(Validate.containsControl("ligne\u{85}", allowingTabAndBreaks: true))
        #expect(Validate.containsControl("ligne\u{7}", allowingTabAndBreaks: true))
        #expect(!Validate.containsControl("\u{C2}\u{A0}\u{A0}", allowingTabAndBreaks: false))
    }

    /// The eight-bytes-at-a-time skip, at every offset of a word and across
    /// word boundaries (a C1 character's two bytes split between two words).
    @Test func byteScanAgreesAtEveryOffset() {
        let probes: [Unicode.Scalar] = ["\u{0}", "\u{1F}", "\t", "\n", "\r", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}",
                                        "\u{C2}", "é", " ", "~", "\u{2028}", "\u{FEFF}", "🚲"]
        for probe in probes {
            for offset in 0..<24 {
                for filler in ["a", "é", "\u{A0}"] {
                    let text = String(repeating: filler, count: offset) + String(probe) + String(repeating: "b", count: 17)
                    for allowing in [false, true] {
                        let expected = Validate.isControl(probe)
                            && !(allowing && (probe == "\t" || probe == "\n" || probe == "\r"))
                        #expect(Validate.containsControl(text, allowingTabAndBreaks: allowing) == expected,
                                "U+\(String(probe.value, radix: 16)) after \(offset) × \(filler), allowing \(allowing)")
                    }
                }
            }
        }
    }

    @Test(arguments: ["", " ", "\t\n", "\u{A0}\u{2003}", " a", "é", "\u{2003}Zoé", "\u{200B}", "—", "\u{85}"])
    func blankIsWhatTrimmingLeavesEmpty(_ text: String) {
        #expect(Validate.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
