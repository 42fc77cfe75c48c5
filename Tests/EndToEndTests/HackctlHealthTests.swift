import Foundation
import HackProtocol
import Testing

/// `hackctl health` and `hackctl methods`, without a token.
@Suite("hackctl health and methods")
struct HackctlHealthTests {
    @Test("health prints serving and exits 0, with no token")
    func health() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(["health", "--server", hackd.address.description])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "serving\n", "\(result)")
        let json = try runHackctl(["health", "--json", "--server", hackd.address.description])
        #expect(json.stdout == "{\"status\":\"SERVING_STATUS_SERVING\"}\n", "\(json)")
        let unknown = try runHackctl(["health", "--service", "hack.v1.Nope", "--server", hackd.address.description])
        #expect(unknown.status == 15, "\(unknown)")  // 10 + NOT_FOUND
    }

    @Test("methods lists every method of the catalogue with its permission")
    func methods() throws {
        let hackd = try HackdProcess.start()
        let result = try runHackctl(["methods", "--server", hackd.address.description])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("METHOD") == true, "\(result)")
        #expect(lines.count == Methods.all.count + 1, "\(result)")
        let watch = try #require(lines.first { $0.hasPrefix("hack.v1.Events/Watch ") }, "\(result)")
        #expect(watch.contains("stream hack.v1.EventUpdate") && watch.contains("events.read") && watch.hasSuffix("yes"))
        let check = try #require(lines.first { $0.hasPrefix("hack.v1.Health/Check ") }, "\(result)")
        #expect(check.contains("health.check") && check.hasSuffix("no"))

        let json = try runHackctl(["methods", "--json", "--server", hackd.address.description])
        let services = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], "\(json)")
        let names = services.flatMap { ($0["methods"] as? [[String: Any]] ?? []).compactMap { $0["full_name"] as? String } }
        #expect(Set(names) == Set(Methods.all.map(\.name)))
    }

    @Test("ping prints one round trip per PONG, spaced as the server allows, with no token")
    func ping() throws {
        // 3 PINGs 200 ms apart would be strikes at the default 10 s; here they are allowed, and the last would not be.
        let hackd = try HackdProcess.start(options: ["--min-ping-interval", "200ms", "--max-ping-strikes", "0"])
        let result = try runHackctl(["ping", "--count", "3", "--server", hackd.address.description])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(result)")
        #expect(lines.allSatisfy { $0.hasPrefix("PONG from \(hackd.address): ") && $0.hasSuffix(" ms") }, "\(result)")
        let refused = try runHackctl(["ping", "--count", "0", "--server", hackd.address.description])
        #expect(refused.status != 0 && refused.stderr.contains("--count must be between 1 and 100"), "\(refused)")
    }
}
