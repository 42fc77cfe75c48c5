/// Values by call id, for the calls open on one connection. A connection
/// has one call open at a time for most clients, sixteen for a pipelining
/// one: up to `linearLimit` entries live in two short arrays searched
/// linearly, a few compares where a dictionary hashes the id (SipHash) on
/// every open, lookup and close — a tenth of the instructions of a read.
/// Past that many (a client allowed hundreds of concurrent calls) the
/// entries move to a dictionary, so no operation grows with their number.
struct CallIdMap<Value> {
    static var linearLimit: Int { 32 }

    private var ids: [UInt32] = []
    private var values: [Value] = []
    private var hashed: [UInt32: Value]?

    var count: Int { hashed?.count ?? ids.count }
    var isEmpty: Bool { count == 0 }
    /// The open ids, in no particular order (for checks, not the hot path).
    var keys: Set<UInt32> { hashed.map { Set($0.keys) } ?? Set(ids) }

    subscript(id: UInt32) -> Value? {
        if let hashed { return hashed[id] }
        return ids.firstIndex(of: id).map { values[$0] }
    }

    func contains(_ id: UInt32) -> Bool {
        if let hashed { return hashed[id] != nil }
        return ids.contains(id)
    }

    /// Sets the value of `id`, adding it if absent.
    mutating func set(_ value: Value, for id: UInt32) {
        if hashed != nil {
            hashed![id] = value
        } else if let index = ids.firstIndex(of: id) {
            values[index] = value
        } else if ids.count < Self.linearLimit {
            ids.append(id)
            values.append(value)
        } else {
            var all = Dictionary(uniqueKeysWithValues: zip(ids, values))
            all[id] = value
            hashed = all
            ids = []
            values = []
        }
    }

    /// Removes `id`, returning its value (nil when it was not there).
    @discardableResult
    mutating func removeValue(for id: UInt32) -> Value? {
        if hashed != nil {
            let value = hashed!.removeValue(forKey: id)
            if hashed!.isEmpty { hashed = nil }
            return value
        }
        guard let index = ids.firstIndex(of: id) else { return nil }
        let last = ids.count - 1
        if index != last {
            ids.swapAt(index, last)
            values.swapAt(index, last)
        }
        ids.removeLast()
        return values.removeLast()
    }

    /// Removes every entry, returning the values.
    mutating func removeAll() -> [Value] {
        let all = hashed.map { Array($0.values) } ?? values
        ids = []
        values = []
        hashed = nil
        return all
    }
}
