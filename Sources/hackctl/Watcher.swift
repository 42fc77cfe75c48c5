import ArgumentParser
import Foundation
import HackClient
import HackProtocol
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `hackctl watch`: streams Events/Watch, folds it into a WatchState and
/// shows it (live view, plain lines or JSON lines); reconnects when the
/// stream breaks, stops on SIGINT or SIGTERM.
///
/// The stream is read on the calling thread; in live mode another thread
/// redraws the view as the countdown moves. Both take `lock`.
final class Watcher: @unchecked Sendable {
    enum Mode { case live, plain, json }

    /// Refusals that another attempt would only repeat.
    static let fatal: Set<StatusCode> = [.unauthenticated, .permissionDenied, .notFound, .invalidArgument, .unimplemented]
    /// The longest wait between two attempts to reconnect.
    static let maxBackoffMs = 2_000

    private let global: GlobalOptions
    private let request: Hack_V1_WatchEventRequest
    private let mode: Mode
    private let lock = NSLock()
    private var state = WatchState()
    private var shown: [String] = []
    private var signalSources: [any DispatchSourceSignal] = []

    init(global: GlobalOptions, options: WatchOptions) {
        self.global = global
        mode = global.json ? .json : (Terminal.isTerminal ? .live : .plain)
        request = options.request(live: mode == .live)
    }

    func run() throws {
        stopOnSignals()
        if mode == .live {
            write(Terminal.hideCursor)
            Thread.detachNewThread { [self] in
                while true {
                    locked { draw() }
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
        }
        var attempt = 0
        while true {
            let problem: ClientError
            do {
                let connection = try global.connect()
                defer { connection.close() }
                try connection.stream(Methods.Events.watch, request) { (update) throws(ClientError) -> Bool in
                    if attempt > 0, mode != .live { Output.error("hackctl: reconnected") }
                    attempt = 0
                    try locked { () throws(ClientError) in try show(update) }
                    return true
                }
                problem = ClientError(.unavailable, "hackd ended the stream")
            } catch {
                problem = error
            }
            guard locked({ state.hasSnapshot }), !Self.fatal.contains(problem.status) else {
                locked { if mode == .live { write(Terminal.showCursor) } }
                throw global.fail(problem)
            }
            attempt += 1
            let delay = min(Self.maxBackoffMs, 100 << min(attempt - 1, 5))
            let note = "reconnecting… (\(problem.message))"
            locked {
                if mode == .live {
                    state.connectionProblem = note
                    draw()
                } else {
                    Output.error("hackctl: \(note)")
                }
            }
            Thread.sleep(forTimeInterval: Double(delay) / 1000)
        }
    }

    /// Folds `update` in and shows it as the mode wants. Under `lock`.
    private func show(_ update: Hack_V1_EventUpdate) throws(ClientError) {
        let changes = state.apply(update, receivedAtNs: Terminal.monotonicNs())
        switch mode {
        case .json:
            do {
                try Output.json(update)
            } catch {
                throw ClientError(.internal, "cannot print an update as JSON: \(error)")
            }
        case .plain:
            let zone = Text.zone(of: state.event)
            for change in changes { Output.line("\(Text.timestamp(ms: change.atMs, in: zone))  \(change.text)") }
        case .live:
            draw()
            return
        }
        Output.flush()
    }

    /// Redraws the live view when it changed: home, each line erased to
    /// its end, then the rest of the screen. Under `lock`.
    private func draw() {
        guard mode == .live else { return }
        let size = Terminal.size()
        let now = state.serverNow(localNs: Terminal.monotonicNs())
        let lines = Array(WatchView.render(state, now: now, width: size.columns, styled: true).prefix(max(1, size.rows - 1)))
        guard lines != shown else { return }
        let start = shown.isEmpty ? Terminal.home + Terminal.clearScreen : Terminal.home
        write(start + lines.map { $0 + Terminal.clearLine + "\n" }.joined() + Terminal.clearBelow)
        shown = lines
    }

    /// SIGINT and SIGTERM end the watch cleanly: the cursor back, exit 0.
    private func stopOnSignals() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                if mode == .live { write(Terminal.showCursor) }
                Output.flush()
                exit(0)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    private func write(_ text: String) {
        print(text, terminator: "")
        Output.flush()
    }

    private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// The terminal hackctl writes to, and the escape sequences of the live view.
enum Terminal {
    static let home = "\u{1B}[H"
    static let clearScreen = "\u{1B}[2J"
    static let clearLine = "\u{1B}[K"
    static let clearBelow = "\u{1B}[J"
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Columns and rows of the terminal; 80×24 when it does not say.
    static func size() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// A clock that only moves forward, in nanoseconds.
    static func monotonicNs() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
