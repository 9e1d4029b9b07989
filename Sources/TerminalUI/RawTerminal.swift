#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The terminal in raw mode: keys arrive one by one, nothing is echoed.
///
/// The original settings are restored on `restore()`, on normal exit (atexit), and when the
/// process receives SIGTERM, SIGHUP, SIGINT or SIGQUIT, so a killed session never leaves a
/// broken terminal behind. SIGWINCH is turned into a `.resize` key.
public final class RawTerminal: @unchecked Sendable {
    private let input: Int32
    private let output: Int32
    private var pending: [UInt8] = []
    private var queued: [Key] = []
    private let decoder = KeyDecoder()

    /// Enters raw mode on `input`; fails when it is not a terminal.
    public init?(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        guard isatty(input) == 1, isatty(output) == 1 else { return nil }
        self.input = input
        self.output = output
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { return nil }
        terminalState.save(original, fd: input)
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(input, TCSAFLUSH, &raw)
        installHandlers()
    }

    deinit { restore() }

    /// Puts the terminal back as it was (idempotent).
    public func restore() {
        terminalState.restore()
    }

    /// Waits for the next key; `.resize` when the window changed, `.endOfInput` when the terminal closed.
    public func readKey() -> Key {
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            if resizeFlag.exchange(false) { return .resize }
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 200)
            if ready == 0 { continue }
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = read(input, &buffer, buffer.count)
            if n < 0, errno == EINTR || errno == EAGAIN { continue }
            if n <= 0 { return .endOfInput }
            let decoded = decoder.decode(pending + buffer[0..<n])
            pending = decoded.rest
            // A lone escape byte: wait briefly for the rest of a sequence.
            if decoded.keys.isEmpty, !pending.isEmpty {
                var more = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                if poll(&more, 1, 30) == 0 {
                    queued = pending == [0x1B] ? [.escape] : []
                    pending = []
                }
                continue
            }
            queued += decoded.keys
        }
    }

    /// Writes text as is (the caller uses "\r\n" line ends in raw mode).
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    /// Rows and columns, 24×80 when unknown.
    public var size: (rows: Int, columns: Int) {
        Terminal.size(fd: output) ?? (24, 80)
    }

    private func installHandlers() {
        guard !terminalState.handlersInstalled else { return }
        terminalState.handlersInstalled = true
        atexit { terminalState.restore() }
        for signalNumber in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal(signalNumber) { number in
                terminalState.restore()
                // Leave the alternate screen and show the cursor, then die of the same signal.
                let reset = "\u{1B}[?25h\u{1B}[?1049l"
                _ = reset.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        signal(SIGWINCH) { _ in resizeFlag.store(true) }
    }
}

/// The saved terminal settings, reachable from signal handlers.
final class TerminalState: @unchecked Sendable {
    private var original = termios()
    private var fd: Int32 = -1
    private var saved = false
    var handlersInstalled = false

    func save(_ settings: termios, fd: Int32) {
        original = settings
        self.fd = fd
        saved = true
    }

    /// Async-signal-safe: only tcsetattr.
    func restore() {
        guard saved else { return }
        saved = false
        tcsetattr(fd, TCSAFLUSH, &original)
    }
}

let terminalState = TerminalState()

/// A flag set from the SIGWINCH handler.
final class AtomicFlag: @unchecked Sendable {
    private var value: sig_atomic_t = 0
    func store(_ flag: Bool) { value = flag ? 1 : 0 }
    func exchange(_ flag: Bool) -> Bool {
        let old = value
        value = flag ? 1 : 0
        return old != 0
    }
}

let resizeFlag = AtomicFlag()
