import HackProtocol
import Testing

/// The buffer frames are stored into: appends keep what is there across
/// growth, and emptying keeps the memory.
struct OutputBufferTests {
    @Test func appendsInOrderAcrossGrowth() {
        let output = OutputBuffer()
        output.append([])  // nothing to store, nothing allocated
        output.append(size: 0) { _ in }
        #expect(output.isEmpty && output.capacity == 0 && output.bytes.isEmpty)
        var expected: [UInt8] = []
        for round in 0..<200 {
            let chunk = (0..<(round % 37)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ round) }
            output.append(chunk)
            expected += chunk
            #expect(output.count == expected.count)
            #expect(output.capacity >= output.count)
        }
        #expect(Array(output.bytes) == expected)
    }

    @Test func storesInPlaceAfterWhatItHolds() {
        let output = OutputBuffer(capacity: 2)
        output.append([7])
        output.append(size: 4) { start in
            for offset in 0..<4 { start.storeBytes(of: UInt8(offset + 1), toByteOffset: offset, as: UInt8.self) }
        }
        #expect(Array(output.bytes) == [7, 1, 2, 3, 4])
    }

    @Test func emptyingKeepsTheMemory() {
        let output = OutputBuffer()
        output.append([UInt8](repeating: 9, count: 1000))
        let room = output.capacity
        output.removeAll()
        #expect(output.isEmpty && output.capacity == room)
        output.append([1, 2, 3])
        #expect(Array(output.bytes) == [1, 2, 3])
        #expect(output.capacity == room)
    }

    @Test func growsGeometrically() {
        let output = OutputBuffer()
        var reallocations = 0
        var capacity = 0
        for _ in 0..<10_000 {
            output.append([1])
            if output.capacity != capacity { reallocations += 1; capacity = output.capacity }
        }
        #expect(reallocations < 20)
    }
}
