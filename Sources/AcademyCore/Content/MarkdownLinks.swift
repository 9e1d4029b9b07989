/// Finds `[text](target)` links in Markdown, outside code spans and fenced blocks.
public enum MarkdownLinks {
    public struct Link: Sendable, Hashable {
        public var text: String
        public var target: String
        /// 1-based line and column (of the opening bracket) within the scanned text.
        public var line: Int
        public var column: Int
        public var isImage: Bool
    }

    public static func find(in markdown: String) -> [Link] {
        var links: [Link] = []
        var inFence = false
        for (lineIndex, rawLine) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = rawLine.drop(while: { $0 == " " })
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            // Most lines hold no link: skip them without building a character array.
            guard rawLine.utf8.contains(UInt8(ascii: "]")) else { continue }
            let chars = Array(rawLine)
            var i = 0
            var inCode = false
            while i < chars.count {
                let c = chars[i]
                if c == "`" { inCode.toggle(); i += 1; continue }
                if inCode || c != "[" { i += 1; continue }
                // Find the closing bracket, then an immediately following "(".
                guard let close = chars[(i + 1)...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
                      let end = chars[(close + 2)...].firstIndex(of: ")") else { i += 1; continue }
                let text = String(chars[(i + 1)..<close])
                var target = String(chars[(close + 2)..<end]).trimmingSpaces
                if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }  // drop a "title"
                if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
                let isImage = i > 0 && chars[i - 1] == "!"
                links.append(Link(text: text, target: target, line: lineIndex + 1, column: i + 1 - (isImage ? 1 : 0), isImage: isImage))
                i = end + 1
            }
        }
        return links
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
