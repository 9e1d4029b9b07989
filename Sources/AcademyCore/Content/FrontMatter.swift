/// Splits a lesson file into its YAML front matter and Markdown body.
enum FrontMatter {
    struct Split {
        var yaml: String
        var body: String
        /// 1-based file line where the body starts.
        var bodyLine: Int
    }

    /// `nil` when the text does not open with a `---` line closed by another.
    ///
    /// Scans lines only up to the closing `---`; the body is taken as one slice.
    static func split(_ text: String) -> Split? {
        var rest = Substring(text)
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        var lineNumber = 0
        var yamlStart: Substring.Index?
        var index = rest.startIndex
        while index < rest.endIndex {
            let lineEnd = rest[index...].firstIndex(of: "\n") ?? rest.endIndex
            var line = rest[index..<lineEnd]
            if line.hasSuffix("\r") { line = line.dropLast() }
            lineNumber += 1
            let next = lineEnd < rest.endIndex ? rest.index(after: lineEnd) : rest.endIndex
            if lineNumber == 1 {
                guard line.trimmingTrailingSpaces == "---" else { return nil }
                yamlStart = next
            } else if line.trimmingTrailingSpaces == "---", let start = yamlStart {
                let yaml = String(rest[start..<index]).replacingOccurrences(of: "\r\n", with: "\n")
                return Split(yaml: yaml, body: String(rest[next...]), bodyLine: lineNumber + 1)
            }
            index = next
        }
        return nil
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
