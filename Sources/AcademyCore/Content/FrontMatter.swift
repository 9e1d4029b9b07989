/// Splits a lesson file into its YAML front matter and Markdown body.
enum FrontMatter {
    struct Split {
        var yaml: String
        var body: String
        /// 1-based file line where the body starts.
        var bodyLine: Int
    }

    /// `nil` when the text does not open with a `---` line closed by another.
    static func split(_ text: String) -> Split? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard lines.first?.trimmingTrailingSpaces == "---" else { return nil }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingTrailingSpaces == "---" }) else { return nil }
        return Split(yaml: lines[1..<close].joined(separator: "\n"),
                     body: lines[(close + 1)...].joined(separator: "\n"),
                     bodyLine: close + 2)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
