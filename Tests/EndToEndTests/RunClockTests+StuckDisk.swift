import Foundation
import HackClient
import HackProtocol
import HackStorage
import Testing

extension RunClockTests {
    @Test("a stuck database delays the transitions' commits, never the transitions")
    func transitionsKeepTimeWhileCommitsWait() throws {
        let hackd = try HackdProcess.start()
        let admin = try hackd.connect(as: "admin")
        try Self.createEvent("atelier-disque", durations: [300, 300, 300], on: admin)
        let watcher = try hackd.connect("watcher", as: "admin")
        var holder: Thread?
        let locked = DispatchSemaphore(value: 0)
        let updates = try Self.runUpdates("atelier-disque", on: watcher) { () throws(ClientError) in
            _ = try Self.start("atelier-disque", on: admin)
            // Another process's writer holds the database for 1.5 s: every commit waits.
            holder = Self.holdWriteLock(hackd.databasePath, forSeconds: 1.5, locked: locked)
            locked.wait()
        }
        let transitions = updates.flatMap(\.update.transitions)
        #expect(transitions.map(\.kind) == [.started, .phaseStarted, .phaseStarted, .finished])
        // Waiting for the disk made them 634 and 934 ms late; a loaded test
        // machine may delay a loop turn, never by most of a 300 ms phase.
        for (serverTime, update) in updates.dropFirst() {
            for transition in update.transitions {
                #expect(serverTime - transition.atMs < 250, "\(transition.kind) reached watchers \(serverTime - transition.atMs) ms late")
            }
        }
        while holder?.isFinished == false { Thread.sleep(forTimeInterval: 0.05) }

        // Once the database is free, every transition commits: it survives a restart.
        admin.close()
        watcher.close()
        #expect(hackd.terminate() == 0)
        let restarted = try hackd.restart()
        let event = try Self.event("atelier-disque", on: try restarted.connect(as: "admin"))
        let start = try #require(transitions.first?.atMs)
        #expect(event.run.history.map(\.kind) == [.started, .phaseStarted, .phaseStarted, .finished])
        #expect(event.run.history.map { $0.atMs - start } == [0, 300, 600, 900])
    }

    /// Takes the database's write lock (`BEGIN IMMEDIATE`) on a thread of its
    /// own, signals `locked`, and lets go after `seconds`.
    static func holdWriteLock(_ path: String, forSeconds seconds: Double, locked: DispatchSemaphore) -> Thread {
        let thread = Thread {
            do {
                let database = try SQLiteDatabase(path: path)
                try database.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                Thread.sleep(forTimeInterval: seconds)
                try database.execute(sql: "ROLLBACK")
                database.close()
            } catch {
                Issue.record("could not hold the write lock: \(error)")
                locked.signal()
            }
        }
        thread.start()
        return thread
    }
}
