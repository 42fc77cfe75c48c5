import Foundation
import HackDomain
import HackStorage
import HackTransport
import Logging
import Testing
@testable import HackServer

/// Group commit on a real loop and a real SQLite file: the writers a commit
/// answered share the next one when they come back, and a lone writer waits
/// no longer than the gather window.
struct GroupCommitterTests {
    private final class Rig {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hackd-commit-\(UUID().uuidString)")
        let loop: EventLoop
        let store: HackStore
        let committer: GroupCommitter
        private var territories = 0

        init(gatherWindowMs: UInt64) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            loop = try EventLoop()
            store = try HackStore(path: directory.appendingPathComponent("hackd.db").path)
            committer = GroupCommitter(loop: loop, store: store, logger: Logger(label: "test"), gatherWindowMs: gatherWindowMs)
        }

        /// Queues one new territory; `done` counts its durable completion.
        func write(_ done: @escaping () -> Void) {
            territories += 1
            let territory = Territory(slug: "territoire-\(territories)", name: "Territoire \(territories)",
                                      representative: Person(name: "Zoé"))
            committer.enqueue(.territoryCreated(territory), audit: nil) { committed in
                #expect(committed)
                done()
            }
        }

        /// Runs loop turns until `done` holds (10 s at most).
        func run(until done: () -> Bool) {
            let deadline = Date().addingTimeInterval(10)
            let poll = loop.makeTimer()
            poll.start(afterMs: 1, repeatMs: 1) { [loop] in loop.stop() }
            while !done(), Date() < deadline { loop.run() }
            poll.close()
            #expect(done(), "not done within 10 s")
        }

        func close() throws {
            committer.close()
            try loop.close()
            store.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func writersAnsweredByACommitShareTheNextOneWhenTheyComeBackOneByOne() throws {
        let rig = try Rig(gatherWindowMs: 60_000)  // long: only the writers coming back can start it
        defer { #expect(throws: Never.self) { try rig.close() } }
        var answered = 0
        for _ in 1...3 { rig.write { answered += 1 } }
        rig.run(until: { answered == 3 })
        #expect(rig.committer.commitCount == 1)

        rig.write { answered += 1 }  // the first writer is back: it waits for the other two
        var turns = 0
        rig.run(until: { turns += 1; return turns > 10 })  // ~10 ms of loop turns
        #expect(rig.committer.commitCount == 1)
        #expect(rig.committer.queuedChanges.count == 1)
        rig.write { answered += 1 }
        rig.write { answered += 1 }
        rig.run(until: { answered == 6 })
        #expect(rig.committer.commitCount == 2)
        #expect(rig.committer.committedChangeCount == 6)
    }

    @Test func aLoneWriterWaitsAtMostTheGatherWindow() throws {
        let rig = try Rig(gatherWindowMs: 20)
        defer { #expect(throws: Never.self) { try rig.close() } }
        var answered = 0
        for _ in 1...3 { rig.write { answered += 1 } }
        rig.run(until: { answered == 3 })
        let started = Date()
        rig.write { answered += 1 }  // one of three comes back; the others never do
        rig.run(until: { answered == 4 })
        #expect(Date().timeIntervalSince(started) >= 0.015, "committed before the window: it did not wait")
        #expect(rig.committer.commitCount == 2)
    }
}
