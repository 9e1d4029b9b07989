/// Renders the lesson Markdown subset (docs/content-format.md) as styled, wrapped terminal lines.
///
/// Headings, paragraphs, emphasis, inline code, nested lists, block quotes, fenced code,
/// tables and links. Anything else shows as plain text, so nothing is ever lost.
public struct MarkdownRenderer: Sendable {
    public var style: Style
    public var width: Int

    public init(style: Style, width: Int) {
        self.style = style
        self.width = max(20, width)
    }

    /// The rendered lines, without trailing newlines.
    public func render(_ markdown: String) -> [String] {
        var out: [String] = []
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        var paragraph: [String] = []

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += wrap(inline(paragraph.joined(separator: " ")), width: width)
            out.append("")
            paragraph = []
        }

        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingLeadingSpaces
            if trimmed.isEmpty {
                flushParagraph()
                i += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                let fence = String(trimmed.prefix(3))
                i += 1
                while i < lines.count, !lines[i].trimmingLeadingSpaces.hasPrefix(fence) {
                    out.append(style.cyan("  " + lines[i]))
                    i += 1
                }
                i += 1
                out.append("")
                continue
            }
            if let level = headingLevel(trimmed) {
                flushParagraph()
                let text = String(trimmed.dropFirst(level + 1))
                let rendered = inline(text).map { $0.plainText }.joined(separator: " ")
                switch level {
                case 1:
                    out.append(style.bold(style.underline(rendered)))
                case 2:
                    out.append(style.bold(style.cyan(rendered)))
                default:
                    out.append(style.bold(rendered))
                }
                out.append("")
                i += 1
                continue
            }
            if trimmed.hasPrefix(">") {
                flushParagraph()
                var quote: [String] = []
                while i < lines.count, lines[i].trimmingLeadingSpaces.hasPrefix(">") {
                    quote.append(String(lines[i].trimmingLeadingSpaces.dropFirst()).trimmingLeadingSpaces)
                    i += 1
                }
                let bar = style.yellow("│ ")
                for text in quote.split(separator: "", omittingEmptySubsequences: true).map({ $0.joined(separator: " ") }) {
                    out += wrap(inline(text), width: width - 2).map { bar + $0 }
                }
                out.append("")
                continue
            }
            if trimmed.hasPrefix("|"), i + 1 < lines.count, isTableSeparator(lines[i + 1]) {
                flushParagraph()
                var rows: [[String]] = [cells(trimmed)]
                i += 2
                while i < lines.count, lines[i].trimmingLeadingSpaces.hasPrefix("|") {
                    rows.append(cells(lines[i].trimmingLeadingSpaces))
                    i += 1
                }
                out += table(rows)
                out.append("")
                continue
            }
            if let marker = listMarker(line) {
                flushParagraph()
                while i < lines.count, let item = listMarker(lines[i]) {
                    var text = item.text
                    i += 1
                    // Continuation lines indented under the item belong to it.
                    while i < lines.count, !lines[i].trimmingLeadingSpaces.isEmpty, listMarker(lines[i]) == nil,
                          lines[i].leadingSpaces > item.indent, !lines[i].trimmingLeadingSpaces.hasPrefix(">") {
                        text += " " + lines[i].trimmingLeadingSpaces
                        i += 1
                    }
                    let depth = item.indent / 2
                    let bullet = item.number.map { "\($0). " } ?? (depth == 0 ? "• " : "◦ ")
                    let indent = String(repeating: "  ", count: depth)
                    let hang = indent + String(repeating: " ", count: bullet.count)
                    let wrapped = wrap(inline(text), width: width - hang.count)
                    for (n, wrappedLine) in wrapped.enumerated() {
                        out.append((n == 0 ? indent + style.bold(bullet) : hang) + wrappedLine)
                    }
                }
                _ = marker
                out.append("")
                continue
            }
            paragraph.append(trimmed)
            i += 1
        }
        flushParagraph()
        while out.last == "" { out.removeLast() }
        return out
    }

    /// A styled label followed by plain text, wrapped with a hanging indent under the text.
    public func wrapPlain(_ label: String, _ text: String) -> [String] {
        let indent = label.displayWidth
        let words = text.split(separator: " ").map { Word(text: String($0)) }
        let lines = wrap(words, width: max(10, width - indent))
        return lines.enumerated().map { ($0.offset == 0 ? label : String(repeating: " ", count: indent)) + $0.element }
    }

    // MARK: Blocks

    func headingLevel(_ line: String) -> Int? {
        var level = 0
        for c in line { if c == "#" { level += 1 } else { break } }
        guard (1...6).contains(level), line.count > level, line[line.index(line.startIndex, offsetBy: level)] == " " else { return nil }
        return level
    }

    func listMarker(_ line: String) -> (indent: Int, number: Int?, text: String)? {
        let indent = line.leadingSpaces
        let body = line.trimmingLeadingSpaces
        if body.hasPrefix("- ") || body.hasPrefix("* ") || body.hasPrefix("+ ") {
            return (indent, nil, String(body.dropFirst(2)))
        }
        let digits = body.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 3, body.dropFirst(digits.count).hasPrefix(". ") {
            return (indent, Int(digits), String(body.dropFirst(digits.count + 2)))
        }
        return nil
    }

    func isTableSeparator(_ line: String) -> Bool {
        let t = line.trimmingLeadingSpaces
        return t.hasPrefix("|") && t.contains("-") && t.allSatisfy { "|-: ".contains($0) }
    }

    func cells(_ line: String) -> [String] {
        var t = Substring(line)
        if t.hasPrefix("|") { t = t.dropFirst() }
        if t.hasSuffix("|") { t = t.dropLast() }
        return t.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingLeadingSpaces.trimmingTrailing }
    }

    /// A table with box rules; when it cannot fit, one "header: value" block per row.
    func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let rendered = rows.map { row in (0..<columns).map { $0 < row.count ? inline(row[$0]).map { $0.styled(style) }.joined(separator: " ") : "" } }
        var widths = [Int](repeating: 0, count: columns)
        for row in rendered { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.displayWidth) } }
        let total = widths.reduce(0, +) + 3 * max(0, columns - 1)
        if total <= width {
            var out: [String] = []
            for (r, row) in rendered.enumerated() {
                let cellsText = row.enumerated().map { c, cell in
                    let padded = cell + String(repeating: " ", count: widths[c] - cell.displayWidth)
                    return r == 0 ? style.bold(padded) : padded
                }
                out.append(cellsText.joined(separator: style.dim(" │ ")))
                if r == 0 { out.append(style.dim(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"))) }
            }
            return out
        }
        var out: [String] = []
        let headers = rendered.first ?? []
        for row in rendered.dropFirst() {
            for (c, cell) in row.enumerated() {
                let label = c < headers.count ? headers[c].strippingANSI : ""
                out += wrap(inline("**\(label):** \(cell.strippingANSI)"), width: width - 2).map { "  " + $0 }
            }
            out.append("")
        }
        if out.last == "" { out.removeLast() }
        return out
    }

    // MARK: Inline

    /// A word with its styling; words are the units of wrapping.
    struct Word {
        var text: String
        var bold = false
        var italic = false
        var code = false
        var link = false
        /// True when the next word continues this one without a space (styling changed mid-word).
        var glued = false

        var plainText: String { text }

        func styled(_ style: Style) -> String {
            var t = text
            if code { t = style.cyan(t) }
            if link { t = style.underline(style.blue(t)) }
            if italic { t = style.italic(t) }
            if bold { t = style.bold(t) }
            return t
        }
    }

    /// Splits inline Markdown into styled words.
    func inline(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = Word(text: "")
        var bold = false, italic = false, code = false, link = false
        let chars = Array(text)
        var i = 0
        func flush() {
            if !current.text.isEmpty { words.append(current) }
            current = Word(text: "", bold: bold, italic: italic, code: code, link: link)
        }
        func startAttributeChange(next: Int) {
            // Keep words together when styling changes mid-word ("**PV**," stays one word).
            if !current.text.isEmpty {
                current.glued = next < chars.count && chars[next] != " " && chars[next] != "\t"
                words.append(current)
            }
            current = Word(text: "", bold: bold, italic: italic, code: code, link: link)
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`" {
                startAttributeChange(next: i + 1); code.toggle(); current.code = code; i += 1; continue
            }
            if !code, c == "*" || c == "_" {
                let double = i + 1 < chars.count && chars[i + 1] == c
                let boundaryBefore = i == 0 || chars[i - 1] == " " || chars[i - 1] == "(" || (c == "*")
                if c == "_" && !double && !boundaryBefore { current.text.append(c); i += 1; continue }
                startAttributeChange(next: i + (double ? 2 : 1))
                if double { bold.toggle(); i += 2 } else { italic.toggle(); i += 1 }
                current.bold = bold; current.italic = italic
                continue
            }
            if !code, c == "[", let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
               let end = chars[(close + 1)...].firstIndex(of: ")") {
                let label = String(chars[(i + 1)..<close])
                let target = String(chars[(close + 2)..<end])
                startAttributeChange(next: i)
                link = true
                for (n, part) in label.split(separator: " ").enumerated() {
                    if n > 0 { flush() }
                    current.link = true
                    current.text += part
                }
                link = false
                startAttributeChange(next: end + 1)
                if target.hasPrefix("http") {
                    words.append(Word(text: "(\(target))", link: false))
                }
                i = end + 1
                continue
            }
            if c == " " || c == "\t" {
                flush()
            } else {
                current.text.append(c)
            }
            i += 1
        }
        flush()
        return words
    }

    /// Greedy wrapping of styled words to `width` columns.
    func wrap(_ words: [Word], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        var gluedToPrevious = false
        for word in words {
            let w = word.text.displayWidth
            let needsSpace = used > 0 && !gluedToPrevious
            if used > 0, used + (needsSpace ? 1 : 0) + w > width, !gluedToPrevious {
                lines.append(line)
                line = ""
                used = 0
            }
            if used > 0 && !gluedToPrevious { line += " "; used += 1 }
            line += word.styled(style)
            used += w
            gluedToPrevious = word.glued
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }
}

extension String {
    var leadingSpaces: Int { prefix(while: { $0 == " " }).count }
    var trimmingLeadingSpaces: String { String(drop(while: { $0 == " " || $0 == "\t" })) }
    var trimmingTrailing: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
