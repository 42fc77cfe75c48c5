/// Rows keyed by a numeric id. `decide` hands ids out densely from 1, so a
/// row normally lives in an array slot (id − 1): cheaper to fill and to read
/// than a hash table, which matters when restoring a million ideas. An id
/// far past the dense range (only reachable by applying foreign data) falls
/// back to a dictionary rather than growing the array without bound.
struct IdTable<Row: Sendable & Equatable>: Sendable {
    private var dense: [Row?] = []
    private var sparse: [Int64: Row] = [:]
    /// How many ids hold a row.
    private(set) var count = 0

    /// How far past the dense range an id may land and still grow it (gaps become empty slots).
    private static var maxGap: Int64 { 1_024 }

    mutating func reserveCapacity(_ capacity: Int) {
        dense.reserveCapacity(capacity)
    }

    subscript(id: Int64) -> Row? {
        get {
            if id >= 1, id <= Int64(dense.count) { return dense[Int(id - 1)] }
            return sparse.isEmpty ? nil : sparse[id]
        }
        set {
            if id == Int64(dense.count) + 1, let newValue, sparse.isEmpty {
                dense.append(newValue)  // the next id, as `decide` hands them out and a restore reads them
                count += 1
            } else if id >= 1, id <= Int64(dense.count) {
                store(newValue, replacing: dense[Int(id - 1)] != nil) { $0.dense[Int(id - 1)] = newValue }
            } else if id >= 1, id <= Int64(dense.count) + Self.maxGap, newValue != nil {
                grow(through: id)
                store(newValue, replacing: false) { $0.dense[Int(id - 1)] = newValue }
            } else {
                store(newValue, replacing: sparse[id] != nil) { $0.sparse[id] = newValue }
            }
        }
    }

    /// Calls `body` on each row, by increasing id within the dense range, then the rest.
    func forEach(_ body: (Int64, Row) -> Void) {
        for (index, row) in dense.enumerated() {
            if let row { body(Int64(index + 1), row) }
        }
        for (id, row) in sparse { body(id, row) }
    }

    private mutating func store(_ newValue: Row?, replacing hadRow: Bool, _ write: (inout IdTable) -> Void) {
        write(&self)
        count += (newValue != nil ? 1 : 0) - (hadRow ? 1 : 0)
    }

    /// Extends the dense range to cover `id`, moving any sparse rows it now covers.
    private mutating func grow(through id: Int64) {
        let newCount = Int(id)
        dense.append(contentsOf: repeatElement(nil, count: newCount - dense.count))
        guard !sparse.isEmpty else { return }
        for (sparseId, row) in sparse where sparseId >= 1 && sparseId <= id {
            dense[Int(sparseId - 1)] = row
            sparse[sparseId] = nil
        }
    }
}

extension IdTable: Equatable {
    /// Same ids with equal rows, however they are laid out.
    static func == (lhs: IdTable, rhs: IdTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var equal = true
        lhs.forEach { id, row in
            if equal, rhs[id] != row { equal = false }
        }
        return equal
    }
}
