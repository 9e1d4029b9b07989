extension String {
    /// The string with Markdown's inline syntax characters escaped, on one line.
    ///
    /// Escapes `\ ` * _ [ ] < > | #` so that names and notes cannot turn into links, HTML or
    /// table columns; line breaks become spaces.
    var markdownEscaped: String {
        var out = ""
        for character in self {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#":
                out.append("\\")
                out.append(character)
            case "\n", "\r", "\t":
                out.append(" ")
            default:
                out.append(character)
            }
        }
        return out
    }
}

extension String {
    /// The string with backticks replaced, safe inside a Markdown code span.
    var replacingBackticks: String {
        String(map { $0 == "`" ? "'" : $0 }).replacingNewlines
    }

    /// The string on one line.
    var replacingNewlines: String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
