import CLibUV
import Synchronization

/// Type-erased job so the capture-free C callbacks can call into generic code.
// @unchecked Sendable: handed from the loop thread to one threadpool thread and
// back by uv_queue_work, whose queue mutex and async wakeup order all accesses.
class BackgroundTask: @unchecked Sendable {
    func runOnPool() {}
    func completeOnLoop() {}
}

// @unchecked Sendable: `result` is written on the pool thread before libuv
// signals completion and read on the loop thread only afterwards.
private final class BackgroundJob<Output: Sendable>: BackgroundTask, @unchecked Sendable {
    private let work: @Sendable () -> Output
    private let completion: (Output) -> Void  // touched only on the loop thread
    private var result: Output?

    init(work: @escaping @Sendable () -> Output, completion: @escaping (Output) -> Void) {
        self.work = work
        self.completion = completion
    }

    override func runOnPool() {
        result = work()
    }

    override func completeOnLoop() {
        if let result {
            completion(result)
        }
    }
}

extension EventLoop {
    /// Whether libuv's threadpool has been started by a job of ours.
    private static let poolStarted = Atomic<Bool>(false)

    /// libuv starts its pool's threads inside the first uv_queue_work, and
    /// they keep the signal mask they inherit: blocking the asynchronous
    /// signals around that one call leaves them to the loop thread for good
    /// (see `SignalWatcher.closeAndIgnoreFromNowOn`). Later calls pay nothing.
    private static func startingPoolWithoutAsynchronousSignals(_ queue: () -> Int32) -> Int32 {
        guard !poolStarted.load(ordering: .acquiring) else { return queue() }
        let status = SignalMask.blocking(SignalMask.asynchronous, queue)
        poolStarted.store(true, ordering: .releasing)
        return status
    }

    /// Runs `work` on libuv's threadpool (uv_queue_work), then `completion(result)` back on the loop thread.
    ///
    /// The pool is shared by the whole process (default 4 threads, see
    /// UV_THREADPOOL_SIZE) and also serves libuv's own file/DNS work; keep
    /// jobs bounded. A pending job keeps `run()` going until it completes.
    public func runInBackground<Result: Sendable>(_ work: @escaping @Sendable () -> Result,
                                                  completion: @escaping (Result) -> Void) {
        let job: BackgroundTask = BackgroundJob(work: work, completion: completion)
        let request = UnsafeMutablePointer<uv_work_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(job).toOpaque()
        let status = Self.startingPoolWithoutAsynchronousSignals {
            uv_queue_work(rawLoop, request, { request in
                guard let data = request?.pointee.data else { return }
                Unmanaged<BackgroundTask>.fromOpaque(data).takeUnretainedValue().runOnPool()
            }, { request, status in
                guard let request, let data = request.pointee.data else { return }
                let job = Unmanaged<BackgroundTask>.fromOpaque(data).takeRetainedValue()
                request.deallocate()
                // ECANCELED (uv_cancel before start) means `work` never ran.
                if status == 0 {
                    job.completeOnLoop()
                }
            })
        }
        // uv_queue_work only fails for a nil work callback, which cannot happen.
        precondition(status == 0, "uv_queue_work failed: \(status)")
    }
}
