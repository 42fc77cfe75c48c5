import HackTransport
import Testing
@testable import HackServer

/// The output buffers connections hand back after writing: reused empty,
/// never more than the bound, never a large one.
struct TurnWritesTests {
    @Test func aWrittenBufferComesBackEmptyWithItsRoom() throws {
        let loop = try EventLoop()
        let writes = TurnWrites(loop: loop)
        var output = writes.takeBuffer()
        #expect(output.capacity == 0)
        output.append(contentsOf: [UInt8](repeating: 7, count: 600))
        let room = output.capacity
        writes.recycle(&output)
        #expect(output.isEmpty && output.capacity == 0)
        let reused = writes.takeBuffer()
        #expect(reused.isEmpty)
        #expect(reused.capacity == room)
        #expect(writes.takeBuffer().capacity == 0)
        writes.close()
        try loop.close()
    }

    @Test func keepsAtMostTheBoundAndNoLargeBuffer() throws {
        let loop = try EventLoop()
        let writes = TurnWrites(loop: loop)
        var large = [UInt8](repeating: 1, count: TurnWrites.maxSpareBytes + 1)
        writes.recycle(&large)
        #expect(large.capacity == 0)
        #expect(writes.takeBuffer().capacity == 0)
        for _ in 0..<(TurnWrites.maxSpares + 10) {
            var buffer = [UInt8](repeating: 2, count: 100)
            writes.recycle(&buffer)
        }
        var kept = 0
        while writes.takeBuffer().capacity > 0 { kept += 1 }
        #expect(kept == TurnWrites.maxSpares)
        writes.close()
        try loop.close()
    }
}
