#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open file descriptors, which caps how many
/// connections a server can hold: distributions often start processes with
/// a soft limit of 1024 and a much higher hard one.
public enum DescriptorLimit {
    /// Raises the soft limit towards `wanted` (past the hard limit too when
    /// the process may, as root can; never lowers it) and returns the limit
    /// now in force.
    @discardableResult
    public static func raise(toAtLeast wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        let target = rlim_t(max(0, wanted))
        if limit.rlim_max < target {
            var raised = rlimit(rlim_cur: target, rlim_max: target)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return Int(target) }
        }
        if limit.rlim_cur < target, limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = min(target, limit.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }
}
