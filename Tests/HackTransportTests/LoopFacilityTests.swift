import HackTransport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct TimerTests {
    @Test func oneShotFiresOnce() throws {
        let loop = try EventLoop()
        var fired = 0
        let timer = loop.makeTimer()
        let started = loop.now
        timer.start(afterMs: 5) { fired += 1 }
        loop.run()  // returns once the one-shot timer is done
        #expect(fired == 1)
        #expect(loop.now >= started)
        timer.close()
        try loop.close()
    }

    @Test func repeatingTimerStopsWhenAsked() throws {
        let loop = try EventLoop()
        var ticks = 0
        let timer = loop.makeTimer()
        timer.start(afterMs: 1, repeatMs: 1) {
            ticks += 1
            if ticks == 3 { timer.stop() }
        }
        loop.run()  // a stopped timer no longer keeps the loop alive
        #expect(ticks == 3)
        timer.close()
        try loop.close()
    }

    @Test func shorterTimerFiresFirstAndStoppedTimerNever() throws {
        let loop = try EventLoop()
        var order: [String] = []
        let late = loop.makeTimer()
        let early = loop.makeTimer()
        let cancelled = loop.makeTimer()
        late.start(afterMs: 30) { order.append("late") }
        early.start(afterMs: 1) { order.append("early") }
        cancelled.start(afterMs: 10) { order.append("cancelled") }
        cancelled.stop()
        loop.run()
        #expect(order == ["early", "late"])
        try loop.close()
    }

    @Test func timerCanRearmAndCloseItselfInCallback() throws {
        let loop = try EventLoop()
        var fired = 0
        let timer = loop.makeTimer()
        func arm() {
            timer.start(afterMs: 0) {
                fired += 1
                if fired < 3 { arm() } else { timer.close() }
            }
        }
        arm()
        loop.run()
        #expect(fired == 3)
        timer.start(afterMs: 0) { fired += 100 }  // closed: ignored
        loop.run()
        #expect(fired == 3)
        try loop.close()
    }

    @Test func updateTimeAdvancesNow() throws {
        let loop = try EventLoop()
        let before = loop.now
        usleep(3_000)
        loop.updateTime()
        #expect(loop.now >= before + 2)
        try loop.close()
    }

    @Test func closeInsideRunThrows() throws {
        let loop = try EventLoop()
        var thrown: TransportError?
        loop.makeTimer().start(afterMs: 0) {
            do { try loop.close() } catch let error as TransportError { thrown = error } catch {}
        }
        loop.run()
        #expect(thrown?.name == "EBUSY")
        try loop.close()
    }
}

/// One turn at a time, for drivers that feed work between turns (the fuzzer).
@Suite struct RunOnceTests {
    @Test func withoutWaitingOnlyWhatIsReadyRuns() throws {
        let loop = try EventLoop()
        #expect(loop.runOnce(waiting: false) == false, "an empty loop has nothing active")
        var fired = false
        let timer = loop.makeTimer()
        timer.start(afterMs: 60_000) { fired = true }
        #expect(loop.runOnce(waiting: false) == true, "the timer is still active")
        #expect(!fired)
        timer.close()
        try loop.close()
    }

    @Test func waitingReturnsOnceBackgroundWorkHasCompleted() throws {
        let loop = try EventLoop()
        var result: String?
        loop.runInBackground({ usleep(5_000); return "done" }, completion: { (text: String) in result = text })
        while result == nil { loop.runOnce(waiting: true) }
        #expect(result == "done")
        #expect(loop.runOnce(waiting: false) == false)
        try loop.close()
    }
}

@Suite struct SignalTests {
    @Test func raisedSignalReachesHandler() throws {
        let loop = try EventLoop()
        var received = 0
        var watcher: SignalWatcher?
        watcher = try loop.watchSignal(SIGUSR1) {
            received += 1
            watcher?.close()
            loop.stop()
        }
        // swift-testing runs tests on dispatch worker threads, which block
        // most signals; raise() targets this thread, so unblock it here.
        var unblock = sigset_t()
        var previous = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGUSR1)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        raise(SIGUSR1)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        runUntilStopped(loop)
        #expect(received == 1)
        try loop.close()
    }
}

@Suite struct TurnHookTests {
    @Test func hookRunsAfterReadsOfSameTurn() throws {
        let loop = try EventLoop()
        var events: [String] = []
        var pending: [UInt8] = []
        var server: TCPConnection?
        let hook = loop.onEveryTurn {
            guard !pending.isEmpty, let server else { return }
            events.append("commit \(pending.count)")
            server.write(Array("ack".utf8))
            pending.removeAll()
        }
        let listener = try loop.listen(host: "127.0.0.1", port: 0) { connection in
            server = connection
            connection.onRead = { bytes in
                events.append("read")
                pending.append(contentsOf: bytes)
            }
            connection.startReading()
        }
        loop.connect(host: "127.0.0.1", port: listener.port) { result in
            guard let client = connected(result) else { return }
            client.onRead = { _ in loop.stop() }
            client.startReading()
            client.write(Array("request".utf8))
        }
        runUntilStopped(loop)
        #expect(events.first == "read")
        #expect(events.last == "commit 7")
        #expect(pending.isEmpty)
        hook.close()
        try loop.close()
    }

    @Test func hookAloneDoesNotKeepLoopAlive() throws {
        let loop = try EventLoop()
        var turns = 0
        let hook = loop.onEveryTurn { turns += 1 }
        loop.makeTimer().start(afterMs: 1) {}
        loop.run()  // must return once the timer is done
        #expect(turns >= 1)
        hook.close()
        try loop.close()
    }
}

@Suite struct BackgroundTests {
    @Test func workRunsOffLoopThreadAndCompletesOnIt() throws {
        let loop = try EventLoop()
        let loopThread = pthread_self()
        let jobs = 8
        var results: [Int] = []
        var completionThreadsOK = true
        var workThreadsOK = true
        for index in 0..<jobs {
            loop.runInBackground({ () -> (Int, pthread_t) in
                usleep(2_000)
                return (index * index, pthread_self())
            }, completion: { (value: (Int, pthread_t)) in
                if pthread_equal(value.1, loopThread) != 0 { workThreadsOK = false }
                if pthread_equal(pthread_self(), loopThread) == 0 { completionThreadsOK = false }
                results.append(value.0)
            })
        }
        loop.run()  // pending work keeps the loop alive until all completed
        #expect(workThreadsOK)
        #expect(completionThreadsOK)
        #expect(results.sorted() == (0..<jobs).map { $0 * $0 })
        try loop.close()
    }

    @Test func closeWaitsForPendingWork() throws {
        let loop = try EventLoop()
        var completed = false
        loop.runInBackground({ usleep(5_000); return "done" }, completion: { (text: String) in
            completed = text == "done"
        })
        try loop.close()
        #expect(completed)
    }
}
