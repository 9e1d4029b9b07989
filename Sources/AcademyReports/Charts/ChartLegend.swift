/// A legend laid out in rows that wrap within a width: line samples or colour swatches with names.
struct ChartLegend {
    /// One legend entry.
    struct Entry {
        enum Swatch {
            /// A short line with the series' dash and marker.
            case line(ChartStyle)
            /// A filled box (a bar segment or heatmap colour).
            case box(fill: String)
        }

        var swatch: Swatch
        var label: String
    }

    var entries: [Entry]
    var fontSize: Double = 12

    /// The legend's markup placed at (`x`, `y`) within `width`, and the height it takes.
    func render(x: Double, y: Double, width: Double) -> (svg: String, height: Double) {
        guard !entries.isEmpty else { return ("", 0) }
        let rowHeight = fontSize * 1.9
        var out = ""
        var cx = x
        var cy = y + rowHeight / 2
        for entry in entries {
            let swatchWidth: Double
            switch entry.swatch {
            case .line: swatchWidth = 30
            case .box: swatchWidth = 24
            }
            let label = TextMetrics.wrap(entry.label, maxWidth: max(60, width - swatchWidth - 8), fontSize: fontSize,
                                         maxLines: 1).first ?? ""
            let entryWidth = swatchWidth + 6 + TextMetrics.width(label, fontSize: fontSize) + 16
            if cx > x, cx + entryWidth > x + width {
                cx = x
                cy += rowHeight
            }
            switch entry.swatch {
            case let .line(style):
                var attributes: [(String, String)] = [
                    ("x1", cx.svg), ("y1", cy.svg), ("x2", (cx + swatchWidth).svg), ("y2", cy.svg),
                    ("stroke", style.color), ("stroke-width", style.lineWidth.svg),
                ]
                if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
                out += SVG.tag("line", attributes)
                out += style.marker.svg(x: cx + swatchWidth / 2, y: cy, size: 8, color: style.color,
                                        hollow: style.hollowMarker)
            case let .box(fill):
                out += SVG.tag("rect", [("x", (cx + 6).svg), ("y", (cy - 7).svg), ("width", "18"), ("height", "14"),
                                        ("fill", fill), ("stroke", ChartPalette.axis), ("stroke-width", "0.75")])
            }
            out += SVG.text([label], x: cx + swatchWidth + 6, y: cy + fontSize * 0.35, size: fontSize)
            cx += entryWidth
        }
        return (out, cy + rowHeight / 2 - y)
    }
}
