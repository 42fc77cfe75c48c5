import Testing
@testable import HackServer

/// The open calls of a connection: the same answers as a dictionary, below
/// and above the size where the arrays give way to hashing.
struct CallIdMapTests {
    @Test func answersAsADictionaryDoesAcrossTheLinearLimit() {
        var map = CallIdMap<String>()
        var reference: [UInt32: String] = [:]
        var generator = SystemRandomNumberGenerator()
        let idRange: ClosedRange<UInt32> = 1...UInt32(CallIdMap<String>.linearLimit * 3)
        for step in 0..<20_000 {
            let id = UInt32.random(in: idRange, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5:
                map.set("\(id)@\(step)", for: id)
                reference[id] = "\(id)@\(step)"
            case 5..<9:
                #expect(map.removeValue(for: id) == reference.removeValue(forKey: id))
            default:
                if Int.random(in: 0..<50, using: &generator) == 0 {
                    #expect(map.removeAll().sorted() == reference.values.sorted())
                    reference.removeAll()
                }
            }
            #expect(map.count == reference.count)
            #expect(map[id] == reference[id])
            #expect(map.contains(id) == (reference[id] != nil))
        }
        #expect(map.keys == Set(reference.keys))
    }

    @Test func movesToHashingPastTheLimitAndBackOnceEmpty() {
        var map = CallIdMap<Int>()
        let many = CallIdMap<Int>.linearLimit + 5
        for id in 1...many { map.set(id, for: UInt32(id)) }
        #expect(map.count == many)
        #expect(map[UInt32(many)] == many)
        map.set(-1, for: 1)
        #expect(map[1] == -1)
        #expect(map.count == many)
        for id in 1...many { #expect(map.removeValue(for: UInt32(id)) != nil) }
        #expect(map.isEmpty)
        #expect(map.removeValue(for: 1) == nil)
        map.set(7, for: 9)
        #expect(map.keys == [9])
    }
}
