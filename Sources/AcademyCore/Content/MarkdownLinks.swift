/// Finds `[text](target)` links in Markdown, outside code spans and fenced blocks.
public enum MarkdownLinks {
    public struct Link: Sendable, Hashable {
        public var text: String
        public var target: String
        /// 1-based line and column (of the opening bracket, in characters) within the scanned text.
        public var line: Int
        public var column: Int
        public var isImage: Bool
    }

    /// Scans the UTF-8 bytes once; only lines that hold a `](` are looked at closely.
    public static func find(in markdown: String) -> [Link] {
        var links: [Link] = []
        var inFence = false
        var lineNumber = 0
        var text = markdown
        text.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                lineNumber += 1
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                var first = 0
                while first < line.count, line[first] == 0x20 { first += 1 }
                let fence = line.count - first >= 3
                    && ((line[first] == 0x60 && line[first + 1] == 0x60 && line[first + 2] == 0x60)
                        || (line[first] == 0x7E && line[first + 1] == 0x7E && line[first + 2] == 0x7E))
                if fence {
                    inFence.toggle()
                } else if !inFence, containsLinkMarker(line) {
                    links += scanLine(String(decoding: line, as: UTF8.self), lineNumber: lineNumber)
                }
                start = end + 1
            }
        }
        return links
    }

    static func containsLinkMarker(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 2 else { return false }
        for i in 0..<(line.count - 1) where line[i] == 0x5D && line[i + 1] == 0x28 { return true }
        return false
    }

    static func scanLine(_ rawLine: String, lineNumber: Int) -> [Link] {
        var links: [Link] = []
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
            links.append(Link(text: text, target: target, line: lineNumber, column: i + 1 - (isImage ? 1 : 0), isImage: isImage))
            i = end + 1
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
