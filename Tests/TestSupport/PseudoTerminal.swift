import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program on a real pseudo-terminal (forkpty), as a person at a terminal would:
/// keys are written to the master side, the screen output is read from it.
public final class PseudoTerminal: @unchecked Sendable {
    public let pid: pid_t
    private let master: Int32
    private var buffer = Data()
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments` on a `rows`×`columns` terminal.
    public init(executable: String, arguments: [String], environment: [String: String],
                directory: String? = nil, rows: UInt16 = 24, columns: UInt16 = 80) throws {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        // Build every C string before forking: the child may only call async-signal-safe functions.
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let dir = directory.flatMap { strdup($0) }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            if let dir { free(dir) }
        }
        var masterFD: Int32 = -1
        let child = forkpty(&masterFD, nil, nil, &size)
        if child < 0 { throw POSIXError(.EAGAIN) }
        if child == 0 {
            if let dir { chdir(dir) }
            argv.withUnsafeBufferPointer { a in
                envp.withUnsafeBufferPointer { e in
                    _ = execve(a[0]!, a.baseAddress!, e.baseAddress!)
                }
            }
            _exit(127)
        }
        pid = child
        master = masterFD
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
    }

    deinit {
        if exitStatus == nil { _ = Glibc.kill(pid, SIGKILL); _ = wait(timeout: 5) }
        close(master)
    }

    /// Sends bytes as if typed.
    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    public static let up = "\u{1B}[A", down = "\u{1B}[B", enter = "\r", escape = "\u{1B}", ctrlC = "\u{03}", space = " "

    /// Everything the program has written so far, escape sequences stripped.
    public var screenText: String {
        drain()
        return PseudoTerminal.strip(String(decoding: buffer, as: UTF8.self))
    }

    /// Forgets the output read so far (so the next wait sees only new output).
    public func clear() {
        drain()
        buffer.removeAll()
    }

    /// Waits until the output contains `text`; false after `timeout` seconds.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if screenText.contains(text) { return true }
            if exitStatus != nil || checkExited() { return screenText.contains(text) }
            usleep(20_000)
        }
        return false
    }

    /// Kills the program with `signal` (SIGKILL: as if the machine lost it).
    public func kill(signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the program to end; its exit status, or 128+signal; nil on time-out.
    public func wait(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            drain()
            if checkExited() { return exitStatus }
            usleep(20_000)
        }
        return nil
    }

    private func checkExited() -> Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return false }
        let signalled = status & 0x7F
        exitStatus = signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
        drain()
        return true
    }

    private func drain() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(master, &chunk, chunk.count)
            if n <= 0 { return }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Text without ANSI escape sequences and carriage returns.
    public static func strip(_ text: String) -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !("@"..."~").contains(c) {}
                } else if next == "]" {
                    while let c = iterator.next(), c != "\u{07}" {}
                }
                continue
            }
            if scalar == "\r" { continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
