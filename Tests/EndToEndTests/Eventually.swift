import Foundation

/// Polls `attempt` every 50 ms until it returns a value, for up to `seconds`:
/// for what another process does in its own time.
func eventually<Value>(within seconds: Double = 5, _ attempt: () throws -> Value?) throws -> Value {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let value = try attempt() { return value }
        Thread.sleep(forTimeInterval: 0.05)
    }
    throw HarnessError("still not so after \(seconds) s")
}
