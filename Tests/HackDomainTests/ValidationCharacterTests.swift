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

    @Test(arguments: ["", " ", "\t\n", "\u{A0}\u{2003}", " a", "é", "\u{2003}Zoé", "\u{200B}", "—", "\u{85}"])
    func blankIsWhatTrimmingLeavesEmpty(_ text: String) {
        #expect(Validate.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
