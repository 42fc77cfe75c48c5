/// Text drawn five lines high in block characters, for countdowns seen from
/// across the room: digits, ':' and ' ' (anything else is blank).
enum BigDigits {
    static let height = 5

    private static let glyphs: [Character: [String]] = [
        "0": ["█████", "█   █", "█   █", "█   █", "█████"],
        "1": ["  ██ ", "   █ ", "   █ ", "   █ ", "  ███"],
        "2": ["█████", "    █", "█████", "█    ", "█████"],
        "3": ["█████", "    █", " ████", "    █", "█████"],
        "4": ["█   █", "█   █", "█████", "    █", "    █"],
        "5": ["█████", "█    ", "█████", "    █", "█████"],
        "6": ["█████", "█    ", "█████", "█   █", "█████"],
        "7": ["█████", "    █", "   █ ", "  █  ", "  █  "],
        "8": ["█████", "█   █", "█████", "█   █", "█████"],
        "9": ["█████", "█   █", "█████", "    █", "█████"],
        ":": ["   ", " █ ", "   ", " █ ", "   "],
    ]
    private static let blank = [String](repeating: "     ", count: height)

    /// `text` as `height` lines of equal width, glyphs one column apart.
    static func render(_ text: String) -> [String] {
        let drawn = text.map { glyphs[$0] ?? blank }
        return (0..<height).map { row in drawn.map { $0[row] }.joined(separator: " ") }
    }

    /// The columns `text` takes once rendered.
    static func width(_ text: String) -> Int {
        render(text).first?.count ?? 0
    }
}
