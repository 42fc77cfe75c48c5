import Foundation
import HackServer

#if HACKFUZZ_LIBFUZZER
// Built by `make fuzz` with -sanitize=fuzzer: libFuzzer brings `main` and
// calls this function with each input. See ProtocolFuzzHarness for what an
// input means and which rules a run checks.

/// One harness for the whole run (libFuzzer calls from one thread).
nonisolated(unsafe) private var harness: ProtocolFuzzHarness?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        if harness == nil {
            harness = try ProtocolFuzzHarness()
            // libFuzzer ends a run with exit(): the seeded files go with it.
            atexit { try? harness?.close() }
        }
        let violations = try harness!.run(bytes).violations
        if !violations.isEmpty {
            fatalError("the server broke the protocol:\n" + violations.joined(separator: "\n"))
        }
    } catch {
        fatalError("the fuzz harness failed: \(error)")
    }
    return 0
}
#else
/// Without libFuzzer (a plain `swift build`), hackfuzz replays input files
/// through the same harness: `hackfuzz FILE|DIR...`, e.g. a crash file that
/// `make fuzz` kept. Exits 1 when an input broke a rule.
@main
struct HackFuzz {
    static func main() throws {
        let paths = Array(CommandLine.arguments.dropFirst())
        guard !paths.isEmpty, !paths.contains(where: { $0.hasPrefix("-") }) else {
            print("usage: hackfuzz FILE|DIR...   replays fuzz inputs (libFuzzer runs: make fuzz)")
            exit(2)
        }
        let harness = try ProtocolFuzzHarness()
        var broken = 0
        let inputs = try ProtocolFuzzHarness.inputFiles(at: paths)
        for input in inputs {
            let violations = try harness.run(input.bytes).violations
            broken += violations.isEmpty ? 0 : 1
            print("\(violations.isEmpty ? "ok  " : "FAIL") \(input.path)")
            for violation in violations { print("     \(violation)") }
        }
        print("\(inputs.count) inputs, \(broken) broke a rule; \(harness.serversMade - 1) wrote (a fresh server after each)")
        try harness.close()
        exit(broken == 0 ? 0 : 1)
    }
}
#endif
