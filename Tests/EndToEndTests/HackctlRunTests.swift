import Foundation
import HackClient
import HackProtocol
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Running the demo event with the built hackctl against a real hackd. The
/// demo's phases last minutes: nothing here waits for the clock.
@Suite("hackctl event runs")
struct HackctlRunTests {
    @Test("start, show, skip, pause, resume and extend print the run")
    func controls() throws {
        let hackd = try HackdProcess.start()
        let server = try hackd.hackctlOptions()
        let slug = Demo.eventSlug

        let start = try runHackctl(["event", "start", slug] + server)
        #expect(start.status == 0, "\(start)")
        #expect(start.stdout.hasPrefix("running: phase 1/5 « Introduction générale »"), "\(start)")
        #expect(start.stdout.contains(" left, ends at "), "\(start)")

        let show = try runHackctl(["event", "show", slug] + server)
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains("running: phase 1/5 « Introduction générale »"), "\(show)")
        #expect(show.stdout.contains("Agenda (5 phases)"), "\(show)")
        #expect(show.stdout.contains("DRIFT"), "\(show)")
        let current = try #require(show.stdout.split(separator: "\n").first { $0.hasPrefix("▶") }, "\(show)")
        #expect(current.contains("Introduction générale"), "\(show)")

        let skip = try runHackctl(["event", "skip", slug] + server)
        #expect(skip.status == 0, "\(skip)")
        #expect(skip.stdout.hasPrefix("running: phase 2/5 « Hack »"), "\(skip)")

        let pause = try runHackctl(["event", "pause", slug] + server)
        #expect(pause.status == 0, "\(pause)")
        #expect(pause.stdout.hasPrefix("paused: phase 2/5 « Hack »"), "\(pause)")
        #expect(pause.stdout.contains("frozen since"), "\(pause)")
        #expect(try run(of: runHackctl(["event", "show", slug, "--json"] + server))["status"] as? String == "RUN_STATUS_PAUSED")

        let resume = try runHackctl(["event", "resume", slug] + server)
        #expect(resume.status == 0, "\(resume)")
        #expect(resume.stdout.hasPrefix("running: phase 2/5 « Hack »"), "\(resume)")

        let before = try #require(try run(of: runHackctl(["event", "show", slug, "--json"] + server))["phase_ends_at_ms"] as? Int)
        let extended = try run(of: runHackctl(["event", "extend", slug, "--by", "10m", "--json"] + server))
        #expect(extended["phase_ends_at_ms"] as? Int == before + 600_000)
        #expect(extended["phase_index"] as? Int == 1)
        let shortened = try run(of: runHackctl(["event", "extend", slug, "--by", "-5m", "--json"] + server))
        #expect(shortened["phase_ends_at_ms"] as? Int == before + 300_000)

        let text = try runHackctl(["event", "extend", slug, "--by", "90s"] + server)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("running: phase 2/5 « Hack »"), "\(text)")
    }

    @Test("a skip of a phase that is no longer current is refused")
    func staleSkip() throws {
        let hackd = try HackdProcess.start()
        let server = try hackd.hackctlOptions()
        let slug = Demo.eventSlug
        #expect(try runHackctl(["event", "start", slug] + server).status == 0)

        let first = try runHackctl(["event", "skip", slug, "--phase", "1"] + server)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.hasPrefix("running: phase 2/5"), "\(first)")

        let again = try runHackctl(["event", "skip", slug, "--phase", "1"] + server)
        #expect(again.status == 19, "\(again)")  // 10 + FAILED_PRECONDITION
        #expect(again.stderr.hasPrefix("error: FAILED_PRECONDITION: "), "\(again)")
        #expect(again.stderr.contains("phase"), "\(again)")
        #expect(again.stdout.isEmpty, "\(again)")
        #expect(try run(of: runHackctl(["event", "show", slug, "--json"] + server))["phase_index"] as? Int == 1)

        let forced = try runHackctl(["event", "skip", slug, "--force"] + server)
        #expect(forced.status == 0, "\(forced)")
        #expect(forced.stdout.hasPrefix("running: phase 3/5"), "\(forced)")
    }

    @Test("controls the run does not allow are refused; schedule and unschedule")
    func refusalsAndSchedule() throws {
        let hackd = try HackdProcess.start()
        let server = try hackd.hackctlOptions()
        let slug = Demo.eventSlug

        let pause = try runHackctl(["event", "pause", slug] + server)
        #expect(pause.status == 19, "\(pause)")
        #expect(pause.stderr.hasPrefix("error: FAILED_PRECONDITION: "), "\(pause)")

        let inAnHour = Date(timeIntervalSinceNow: 3600).ISO8601Format()
        let schedule = try runHackctl(["event", "schedule", slug, "--at", inAnHour] + server)
        #expect(schedule.status == 0, "\(schedule)")
        #expect(schedule.stdout.hasPrefix("ready: starts at "), "\(schedule)")
        let clear = try runHackctl(["event", "schedule", slug, "--clear", "--json"] + server)
        #expect(clear.status == 0, "\(clear)")
        #expect(try run(of: clear)["status"] as? String == "RUN_STATUS_DRAFT")

        let observer = try runHackctl(["event", "start", slug] + hackd.hackctlOptions(role: "observer"))
        #expect(observer.status == 17, "\(observer)")  // 10 + PERMISSION_DENIED
    }

    @Test("watch --json prints the snapshot, then the run update of a skip made elsewhere")
    func watchJSON() throws {
        let hackd = try HackdProcess.start()
        let server = try hackd.hackctlOptions()
        let slug = Demo.eventSlug
        #expect(try runHackctl(["event", "start", slug] + server).status == 0)

        let json = try BackgroundHackctl(["watch", slug, "--json"] + server)
        let plain = try BackgroundHackctl(["event", "watch", slug] + server)
        let snapshot = try json.waitForLine { jsonLine($0) != nil }
        let first = try #require(jsonLine(snapshot), "\(snapshot)")
        #expect((first["snapshot"] as? [String: Any])?["event"] != nil, "\(snapshot)")
        _ = try plain.waitForLine { $0.contains("watching \(slug)") }

        let skip = try runHackctl(["event", "skip", slug] + server)
        #expect(skip.status == 0, "\(skip)")

        let line = try json.waitForLine { jsonLine($0)?["run"] != nil }
        let object = try #require(jsonLine(line), "\(line)")
        let update = try #require(object["run"] as? [String: Any], "\(line)")
        #expect((update["run"] as? [String: Any])?["phase_index"] as? Int == 1, "\(line)")
        let kinds = (update["transitions"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds == ["KIND_SKIPPED", "KIND_PHASE_STARTED"], "\(line)")
        #expect(object["server_time_ms"] is Int, "\(line)")
        _ = try plain.waitForLine { $0.contains("skipped phase 1/5") }

        #expect(json.interrupt() == 0, "\(json.output)")
        #expect(plain.interrupt() == 0, "\(plain.output)")
    }

    @Test("watch stops at once on an unknown event")
    func watchUnknownEvent() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(["watch", "no-such-event", "--json"] + hackd.hackctlOptions(role: "admin"))
        #expect(result.status == 15, "\(result)")  // 10 + NOT_FOUND
        #expect(result.stderr.hasPrefix("error: NOT_FOUND: "), "\(result)")
    }

    /// The `run` object of the event hackctl printed with --json.
    private func run(of result: CommandResult) throws -> [String: Any] {
        #expect(result.status == 0, "\(result)")
        let event = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        return try #require(event["run"] as? [String: Any], "\(result)")
    }
}

/// One line of `--json` output as an object; nil when it is not one.
private func jsonLine(_ line: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}

/// hackctl running in the background (a watcher), its output in files.
final class BackgroundHackctl {
    private let scratch: ScratchDirectory
    private let process = Process()

    init(_ arguments: [String]) throws {
        scratch = try ScratchDirectory("hackctl-bg")
        _ = FileManager.default.createFile(atPath: scratch.path("stdout"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.path("stderr"), contents: nil)
        process.executableURL = try Executables.hackctl()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "HACKCTL_SERVER")
        environment.removeValue(forKey: "HACKCTL_TOKEN")
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: scratch.path("stdout"))
        process.standardError = FileHandle(forWritingAtPath: scratch.path("stderr"))
        process.standardInput = FileHandle.nullDevice
        try spawnWithSignalsUnblocked(process)
        HackdProcess.guardAgainstHangs(process)
    }

    var stdout: String { (try? String(contentsOfFile: scratch.path("stdout"), encoding: .utf8)) ?? "" }
    var output: String { "--- stdout\n\(stdout)--- stderr\n\((try? String(contentsOfFile: scratch.path("stderr"), encoding: .utf8)) ?? "")" }

    /// The first complete line of stdout that `matches`, waiting up to `seconds`.
    func waitForLine(seconds: Double = 20, where matches: (String) -> Bool) throws -> String {
        do {
            return try eventually(within: seconds) { () throws -> String? in
                let text = stdout
                let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
                if let line = complete.split(separator: "\n").map(String.init).first(where: matches) { return line }
                guard process.isRunning else { throw HarnessError("hackctl exited") }
                return nil
            }
        } catch {
            throw HarnessError("no such line from hackctl \(process.arguments ?? []) (running: \(process.isRunning))\n\(output)")
        }
    }

    /// SIGINT, then waits; the exit status (128 + signal when killed by one).
    func interrupt() -> Int32 {
        if process.isRunning { sendSignal(process.processIdentifier, SIGINT) }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    deinit {
        if process.isRunning {
            sendSignal(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
