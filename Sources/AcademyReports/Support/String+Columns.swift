extension String {
    /// The string cut or padded with spaces to exactly `width` characters; cut text ends with "…".
    func fitted(to width: Int) -> String {
        guard width > 0 else { return "" }
        if count > width { return String(prefix(width - 1)) + "…" }
        return self + String(repeating: " ", count: width - count)
    }

    /// The string right-aligned in `width` characters (longer strings are kept whole).
    func rightAligned(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// Lines of at most `width` characters, words kept whole where they fit.
    ///
    /// - Parameters:
    ///   - indent: prefixed to every line after the first.
    ///   - firstIndent: prefixed to the first line; defaults to `indent`.
    /// Words longer than a line are split.
    func wrapped(width: Int, indent: String = "", firstIndent: String? = nil) -> [String] {
        let first = firstIndent ?? indent
        var lines: [String] = []
        var current = first
        var currentHasWord = false
        let words = split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        for var word in words {
            while true {
                let prefix = lines.isEmpty ? first : indent
                let room = width - (currentHasWord ? current.count + 1 : current.count)
                if word.count <= room {
                    current += (currentHasWord ? " " : "") + word
                    currentHasWord = true
                    break
                }
                if currentHasWord {
                    lines.append(current)
                    current = indent
                    currentHasWord = false
                    continue
                }
                // A word longer than a whole line: split it.
                let take = max(1, width - prefix.count)
                current += String(word.prefix(take))
                word = String(word.dropFirst(take))
                lines.append(current)
                current = indent
                if word.isEmpty { break }
            }
        }
        if currentHasWord || lines.isEmpty { lines.append(current.trimmingTrailingSpaces()) }
        return lines
    }
}
