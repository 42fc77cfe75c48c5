/// Exact text as a dictionary key. Swift's `String ==` treats canonically
/// equivalent spellings ("é" vs "e" + U+0301) as equal; uniqueness here must
/// agree with SQLite's byte-wise UNIQUE, so the key is the UTF-8 bytes.
struct ExactText: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
    }
}

/// Where an event sits in listings: by date, then slug.
struct EventOrderKey: Comparable, Sendable {
    let date: LocalDate
    let slug: String

    static func < (lhs: EventOrderKey, rhs: EventOrderKey) -> Bool {
        (lhs.date, lhs.slug) < (rhs.date, rhs.slug)
    }
}

extension Array where Element: Comparable {
    /// Inserts keeping the array sorted and free of duplicates. Ids arrive in
    /// increasing order almost always, so appending is the fast path.
    mutating func insertSorted(_ element: Element) {
        if let last, last < element {
            append(element)
            return
        }
        let index = sortedInsertionIndex(of: element)
        if index < count, self[index] == element { return }
        insert(element, at: index)
    }

    /// Removes an element from a sorted array, if present.
    mutating func removeSorted(_ element: Element) {
        let index = sortedInsertionIndex(of: element)
        if index < count, self[index] == element { remove(at: index) }
    }

    /// The first index whose element is not less than `element` (binary search).
    func sortedInsertionIndex(of element: Element) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < element { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
