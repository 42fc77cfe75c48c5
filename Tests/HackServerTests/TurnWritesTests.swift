import HackProtocol
import HackTransport
import Testing
@testable import HackServer

/// The output buffers connections hand back after writing: reused empty,
/// never more than the bound, never a large one.
struct TurnWritesTests {
    @Test func aWrittenBufferComesBackEmptyWithItsRoom() throws {
        let loop = try EventLoop()
        let writes = TurnWrites(loop: loop)
        let output = writes.takeBuffer()
        #expect(output.capacity == 0)
        output.append([UInt8](repeating: 7, count: 600))
        let room = output.capacity
        writes.recycle(output)
        let reused = writes.takeBuffer()
        #expect(reused === output)
        #expect(reused.isEmpty)
        #expect(reused.capacity == room)
        #expect(writes.takeBuffer().capacity == 0)
        writes.close()
        try loop.close()
    }

    @Test func keepsAtMostTheBoundAndNoLargeBuffer() throws {
        let loop = try EventLoop()
        let writes = TurnWrites(loop: loop)
        writes.recycle(OutputBuffer(capacity: TurnWrites.maxSpareBytes + 1))
        #expect(writes.takeBuffer().capacity == 0)
        for _ in 0..<(TurnWrites.maxSpares + 10) {
            writes.recycle(OutputBuffer(capacity: 100))
        }
        var kept = 0
        while writes.takeBuffer().capacity > 0 { kept += 1 }
        #expect(kept == TurnWrites.maxSpares)
        writes.close()
        try loop.close()
    }
}
