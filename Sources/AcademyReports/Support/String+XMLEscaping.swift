extension String {
    /// The string made safe for XML and HTML text and attribute values.
    ///
    /// Escapes `& < > " '` and drops the control characters XML 1.0 forbids (everything
    /// below U+0020 except tab, line feed and carriage return), so that any input keeps
    /// an SVG or HTML document well formed.
    public var xmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
