/// A plain text table with aligned columns, for listings such as `pmo courses`.
public struct Table: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines; the last column is cut with "…" when the lines would exceed `width`.
    public func render(style: Style, width: Int? = nil) -> String {
        let columns = headers.count
        var widths = headers.map(\.displayWidth)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], cell.displayWidth) }
        }
        if let width, columns > 0 {
            let fixed = widths.dropLast().reduce(0, +) + 2 * (columns - 1)
            widths[columns - 1] = max(8, min(widths[columns - 1], width - fixed))
        }
        func line(_ cells: [String], header: Bool) -> String {
            var parts: [String] = []
            for i in 0..<columns {
                var cell = i < cells.count ? cells[i] : ""
                if cell.displayWidth > widths[i] { cell = cell.truncated(to: widths[i]) }
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.displayWidth))
                let text = alignments[i] == .right ? pad + cell : (i == columns - 1 ? cell : cell + pad)
                parts.append(header ? style.bold(text) : text)
            }
            return parts.joined(separator: "  ")
        }
        var out = [line(headers, header: true)]
        out.append(style.dim(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")))
        out += rows.map { line($0, header: false) }
        return out.joined(separator: "\n")
    }
}

extension String {
    /// The text cut to `width` columns with a trailing "…" (plain text only).
    public func truncated(to width: Int) -> String {
        guard displayWidth > width else { return self }
        var out = ""
        var used = 0
        for scalar in strippingANSI.unicodeScalars {
            let w = scalar.terminalWidth
            if used + w > width - 1 { break }
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out + "…"
    }
}
