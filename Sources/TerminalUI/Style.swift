/// ANSI text styling that can be switched off (`--no-color`, `NO_COLOR`, not a terminal).
///
/// A value, not a global: each renderer is handed the style it should use.
public struct Style: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public static let plain = Style(enabled: false)

    func wrap(_ text: String, _ open: String, _ close: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(open)m\(text)\u{1B}[\(close)m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1", "22") }
    public func dim(_ text: String) -> String { wrap(text, "2", "22") }
    public func italic(_ text: String) -> String { wrap(text, "3", "23") }
    public func underline(_ text: String) -> String { wrap(text, "4", "24") }
    public func inverse(_ text: String) -> String { wrap(text, "7", "27") }
    public func red(_ text: String) -> String { wrap(text, "31", "39") }
    public func green(_ text: String) -> String { wrap(text, "32", "39") }
    public func yellow(_ text: String) -> String { wrap(text, "33", "39") }
    public func blue(_ text: String) -> String { wrap(text, "34", "39") }
    public func magenta(_ text: String) -> String { wrap(text, "35", "39") }
    public func cyan(_ text: String) -> String { wrap(text, "36", "39") }

    /// Whether colour should be on: not when `NO_COLOR` is set (any value), `--no-color`
    /// was given, or the output is not a terminal.
    public static func shouldColor(noColorFlag: Bool, environment: [String: String], isTerminal: Bool) -> Bool {
        if noColorFlag { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }
}

extension String {
    /// The text without ANSI escape sequences.
    public var strippingANSI: String {
        var out = ""
        var iterator = unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(("@"..."~").contains(c)) {}
                }
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Columns the text takes on a terminal (escape sequences excluded, wide characters counted twice).
    public var displayWidth: Int {
        strippingANSI.unicodeScalars.reduce(0) { $0 + $1.terminalWidth }
    }
}

extension Unicode.Scalar {
    /// 0 for combining marks and controls, 2 for East Asian wide characters and emoji, else 1.
    var terminalWidth: Int {
        let v = value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark || v == 0x200B { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v) {
            return 2
        }
        return 1
    }
}
