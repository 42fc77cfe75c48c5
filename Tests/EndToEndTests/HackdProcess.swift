import Foundation
import HackClient
import HackProtocol
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the test harness itself (not of hackd's answers).
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Only to avoid hanging forever when something is wrong; no test relies on it.
let hangGuardSeconds: Double = 300

/// A scratch directory, removed when the last holder lets go.
final class ScratchDirectory: Sendable {
    let url: URL

    init(_ prefix: String = "hackd-e2e") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Where the built executables are: `$HACKD_BIN` / `$HACKCTL_BIN`, else next
/// to the test bundle, else the package's `.build/debug`.
enum Executables {
    static func hackd() throws -> URL { try find("hackd", variable: "HACKD_BIN") }
    static func hackctl() throws -> URL { try find("hackctl", variable: "HACKCTL_BIN") }

    static func find(_ name: String, variable: String) throws -> URL {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw HarnessError("$\(variable)=\(path) is not an executable") }
            return URL(fileURLWithPath: path)
        }
        let candidates = searchDirectories().map { $0.appendingPathComponent(name) }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
        throw HarnessError("cannot find the \(name) executable (build it with 'swift build', or set $\(variable)); looked at: "
            + candidates.map(\.path).joined(separator: ", "))
    }

    private static func searchDirectories() -> [URL] {
        var directories: [URL] = []
        // Linux: the test runner is itself an executable in the build directory.
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if runner.path != "/proc/self/exe" { directories.append(runner.deletingLastPathComponent()) }
        // macOS: the .xctest bundle sits in the build directory.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        // The package's own build directory, found from this source file.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        return directories
    }
}

/// One token of `hackd --demo --demo-tokens FILE`: an entry of FILE.
struct DemoToken: Sendable, Equatable {
    let role: String
    /// "parcours-france-2017", "parcours-france-2017/saint-omer", "parcours-france-2017/team 1"; "" for admin.
    let scope: String
    let name: String
    let secret: String

    /// The token's id: the number between `hk_` and the second underscore.
    var id: UInt64? { TokenText.id(secret) }
}

/// Token secrets as hackd writes them: `hk_<id>_<verifier>`.
enum TokenText {
    static func parts(_ secret: String) -> (id: UInt64, verifier: String)? {
        guard secret.hasPrefix("hk_") else { return nil }
        let rest = secret.dropFirst(3)
        guard let underscore = rest.firstIndex(of: "_"), let id = UInt64(rest[..<underscore]) else { return nil }
        let verifier = String(rest[rest.index(after: underscore)...])
        return verifier.isEmpty ? nil : (id, verifier)
    }

    static func id(_ secret: String) -> UInt64? { parts(secret)?.id }

    /// The secret's verifier: what must never be stored in clear.
    static func verifier(_ secret: String) -> String? { parts(secret)?.verifier }

    /// True when `text` is exactly one secret: hk_, digits, _, then base64url.
    static func looksLikeSecret(_ text: String) -> Bool {
        guard let (_, verifier) = parts(text) else { return false }
        return verifier.count >= 16 && verifier.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// A running `hackd --listen 127.0.0.1:0 --db DIR/hackd.db [--demo --demo-tokens DIR/tokens.json]`.
final class HackdProcess: @unchecked Sendable {
    let directory: ScratchDirectory
    let databasePath: String
    let address: ServerAddress
    /// The demo tokens of the last `--demo` start on this database (still
    /// valid after a restart without --demo); empty without --demo.
    let tokens: [DemoToken]
    private let process: Process
    private let stderrPath: String

    /// Starts hackd on a free port with a new database (or the one in
    /// `directory`); with `demo`, the demo tokens are issued anew.
    /// `options` go on its command line (e.g. `["--idle-timeout", "300ms"]`).
    static func start(demo: Bool = true, in directory: ScratchDirectory? = nil, options: [String] = []) throws -> HackdProcess {
        try HackdProcess(directory: directory ?? ScratchDirectory(), demo: demo, earlierTokens: [], options: options)
    }

    private init(directory: ScratchDirectory, demo: Bool, earlierTokens: [DemoToken], options: [String] = []) throws {
        self.directory = directory
        databasePath = directory.path("hackd.db")
        stderrPath = directory.path("hackd-\(UUID().uuidString).stderr")
        let tokensPath = directory.path("tokens.json")
        process = Process()
        process.executableURL = try Executables.hackd()
        process.arguments = ["--listen", "127.0.0.1:0", "--db", databasePath] + (demo ? ["--demo", "--demo-tokens", tokensPath] : []) + options
        let stdout = Pipe()
        process.standardOutput = stdout
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try spawnWithSignalsUnblocked(process)
        Self.guardAgainstHangs(process)

        let line = Self.readFirstLine(stdout.fileHandleForReading)
        // Keep draining stdout so that hackd never blocks on a full pipe.
        let reader = stdout.fileHandleForReading
        Thread.detachNewThread { while !reader.availableData.isEmpty {} }

        let prefix = "listening on "
        guard let line, line.hasPrefix(prefix), let address = ServerAddress(parsing: String(line.dropFirst(prefix.count))),
              address.port != 0
        else {
            if process.isRunning { sendSignal(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw HarnessError("hackd did not print 'listening on HOST:PORT' first (got \(line.map { "'\($0)'" } ?? "nothing")); "
                + "exit status \(process.terminationStatus); stderr: \(Self.tail(of: stderrPath))")
        }
        self.address = address
        if demo {
            // hackd writes the file before it prints `listening on`.
            do {
                tokens = try Self.readTokens(tokensPath)
            } catch {
                sendSignal(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw error
            }
        } else {
            tokens = earlierTokens
        }
    }

    private static func readTokens(_ path: String) throws -> [DemoToken] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarnessError("hackd --demo-tokens \(path): no file after 'listening on'")
        }
        guard let objects = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw HarnessError("hackd --demo-tokens \(path): not a JSON array of objects: \(String(decoding: data, as: UTF8.self))")
        }
        return try objects.map { object in
            guard let role = object["role"] as? String, let scope = object["scope"] as? String,
                  let name = object["name"] as? String, let secret = object["secret"] as? String
            else { throw HarnessError("hackd --demo-tokens \(path): an entry lacks role, scope, name or secret: \(object)") }
            return DemoToken(role: role, scope: scope, name: name, secret: secret)
        }
    }

    /// The demo token of `role` (and `scope` when given; else the first of the role).
    func demoToken(role: String, scope: String? = nil) throws -> DemoToken {
        guard let token = tokens.first(where: { $0.role == role && (scope == nil || $0.scope == scope) }) else {
            throw HarnessError("no demo token for role \(role)\(scope.map { " scope \($0)" } ?? ""); have: "
                + tokens.map { "\($0.role) \($0.scope)" }.joined(separator: ", "))
        }
        return token
    }

    /// The secret of the demo token of `role` (and `scope` when given).
    func token(role: String, scope: String? = nil) throws -> String {
        try demoToken(role: role, scope: scope).secret
    }

    /// `--server ADDRESS --token SECRET` for hackctl, as the demo `role`.
    func hackctlOptions(role: String = "organiser", scope: String? = nil) throws -> [String] {
        ["--server", address.description, "--token", try token(role: role, scope: scope)]
    }

    /// A new hackd on the same database, without --demo.
    func restart() throws -> HackdProcess {
        guard !process.isRunning else { throw HarnessError("restart() needs the previous hackd stopped first") }
        return try HackdProcess(directory: directory, demo: false, earlierTokens: tokens)
    }

    var isRunning: Bool { process.isRunning }
    var pid: Int32 { process.processIdentifier }

    /// SIGTERM, then waits; returns the exit status (nil when killed by a signal).
    @discardableResult
    func terminate() -> Int32? {
        if process.isRunning { sendSignal(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// SIGKILL (kill -9), then waits.
    func kill() {
        if process.isRunning { sendSignal(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// What hackd wrote on stderr, for failure messages.
    var stderr: String { Self.tail(of: stderrPath) }

    /// A new client connection presenting the demo token of `role`.
    func connect(_ name: String = "e2e-tests", as role: String = "organiser", scope: String? = nil) throws -> HackConnection {
        try HackConnection(to: address, clientName: name, token: try token(role: role, scope: scope))
    }

    /// A new client connection presenting `token` (none when nil).
    func connect(_ name: String = "e2e-tests", token: String?) throws -> HackConnection {
        try HackConnection(to: address, clientName: name, token: token)
    }

    deinit {
        if process.isRunning {
            sendSignal(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private static func readFirstLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while true {
            let data = handle.availableData
            if data.isEmpty { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if let newline = data.firstIndex(of: UInt8(ascii: "\n")) {
                bytes += data[data.startIndex..<newline]
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes += data
        }
    }

    /// Kills a process still running after `hangGuardSeconds`, so a stuck
    /// hackd makes a test fail instead of hang.
    static func guardAgainstHangs(_ process: Process) {
        let box = ProcessBox(process)
        DispatchQueue.global().asyncAfter(deadline: .now() + hangGuardSeconds) {
            if box.process.isRunning { sendSignal(box.process.processIdentifier, SIGKILL) }
        }
    }

    static func tail(of path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.isEmpty ? "(empty)" : String(text.suffix(2000))
    }
}

/// Starts `process` with no signal blocked. A child inherits the signal mask
/// of the thread that spawns it, and the test runner's worker threads block
/// SIGTERM and SIGINT: without this, `terminate()` could never stop hackd.
func spawnWithSignalsUnblocked(_ process: Process) throws {
    var none = sigset_t()
    var previous = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    try process.run()
}

/// kill(2), under a name that the methods called kill() do not shadow.
func sendSignal(_ pid: Int32, _ signal: Int32) {
    #if canImport(Glibc)
    _ = Glibc.kill(pid, signal)
    #else
    _ = Darwin.kill(pid, signal)
    #endif
}

/// Lets a Process cross into the hang guard's closure.
private final class ProcessBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}

/// The result of running hackctl.
struct CommandResult: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs the built hackctl with `arguments`; HACKCTL_SERVER and HACKCTL_TOKEN
/// are removed from its environment unless given in `environment`.
func runHackctl(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CommandResult {
    try runExecutable(try Executables.hackctl(), arguments, environment: environment, stdin: stdin)
}

/// Runs the built hackd with `arguments` until it exits (e.g. `init`).
func runHackd(_ arguments: [String]) throws -> CommandResult {
    try runExecutable(try Executables.hackd(), arguments)
}

/// Runs `executable` to its end, stdout and stderr captured.
func runExecutable(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CommandResult {
    let scratch = try ScratchDirectory("hackctl-run")
    let outPath = scratch.path("stdout"), errPath = scratch.path("stderr")
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "HACKCTL_SERVER")
    env.removeValue(forKey: "HACKCTL_TOKEN")
    env.merge(environment) { $1 }
    process.environment = env
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    if let stdin {
        let inPath = scratch.path("stdin")
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8))
        process.standardInput = FileHandle(forReadingAtPath: inPath)
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    try spawnWithSignalsUnblocked(process)
    HackdProcess.guardAgainstHangs(process)
    process.waitUntilExit()
    let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    return CommandResult(
        status: status,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    )
}
