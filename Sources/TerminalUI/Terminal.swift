#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the controlling terminal.
public enum Terminal {
    /// Columns of the terminal on standard output, else `$COLUMNS`, else 80.
    public static func width() -> Int {
        size()?.columns ?? Int(getenvString("COLUMNS") ?? "") ?? 80
    }

    /// Rows and columns of the terminal on standard output, or nil when it is not a terminal.
    public static func size(fd: Int32 = STDOUT_FILENO) -> (rows: Int, columns: Int)? {
        var ws = winsize()
        #if canImport(Glibc)
        let request = UInt(TIOCGWINSZ)
        #else
        let request = TIOCGWINSZ
        #endif
        guard ioctl(fd, request, &ws) == 0, ws.ws_col > 0 else { return nil }
        return (Int(ws.ws_row), Int(ws.ws_col))
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func getenvString(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
