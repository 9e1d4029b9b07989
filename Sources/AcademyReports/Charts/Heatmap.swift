/// A grid of rows × columns coloured by level 1–5, with the value written in every cell.
///
/// Made for levels per person (or unit) and competency. The colour scale is sequential and
/// the value is always printed, so the chart reads in grayscale; flagged cells (e.g. a level
/// or more below target) get a heavy outline and bold text; empty cells are hatched.
public struct Heatmap: Sendable, Equatable {
    /// One cell.
    public struct Cell: Sendable, Equatable {
        /// The value on `range`; nil draws a hatched empty cell.
        public var value: Double?
        /// Text to show instead of the formatted value.
        public var text: String?
        /// Outline the cell (e.g. below target).
        public var flagged: Bool

        public init(_ value: Double?, text: String? = nil, flagged: Bool = false) {
            self.value = value
            self.text = text
            self.flagged = flagged
        }
    }

    /// One row: a label and a cell per column.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var cells: [Cell]

        public init(label: String, cells: [Cell]) {
            self.label = label
            self.cells = cells
        }
    }

    public var title: String
    public var description: String
    public var columns: [String]
    public var rows: [Row]
    /// The value range the colour scale spans.
    public var range: ClosedRange<Double>
    /// Decimals written in cells.
    public var decimals: Int
    /// What a flagged cell means, for the legend.
    public var flagMeaning: String
    /// Written before each value in the colour legend ("Level 3").
    public var legendLabel: String
    public var idPrefix: String

    public init(title: String, description: String = "", columns: [String], rows: [Row],
                range: ClosedRange<Double> = 1...5, decimals: Int = 1,
                flagMeaning: String = "a level or more below target", legendLabel: String = "Level",
                idPrefix: String = "heatmap") {
        self.title = title
        self.description = description
        self.columns = columns
        self.rows = rows
        self.range = range
        self.decimals = decimals
        self.flagMeaning = flagMeaning
        self.legendLabel = legendLabel
        self.idPrefix = idPrefix
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let font = 12.0
        let rowLabels = rows.map { TextMetrics.wrap($0.label, maxWidth: 190, fontSize: font, maxLines: 1).first ?? "" }
        let labelWidth = min(190, rowLabels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 40)
        let columnLabels = columns.map { TextMetrics.wrap($0, maxWidth: 150, fontSize: font, maxLines: 1).first ?? "" }
        let columnWidth = columnLabels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
        let cellWidth = max(46.0, min(96, columnWidth + 12))
        let rotate = columnWidth + 8 > cellWidth
        let cellHeight = 28.0
        let headerHeight = rotate ? columnWidth * 0.71 + 24 : 26
        let left = labelWidth + 18
        let top = headerHeight
        let gridWidth = cellWidth * Double(columns.count)
        var body = ""
        let hatchID = SVG.identifier(idPrefix + "-hatch")
        let defs = SVG.tag("pattern", [("id", hatchID), ("width", "6"), ("height", "6"),
                                       ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)")],
                           SVG.tag("rect", [("width", "6"), ("height", "6"), ("fill", "#f5f7fa")])
                               + SVG.tag("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"),
                                                  ("stroke", "#9aa5b1"), ("stroke-width", "1.5")]))

        for (c, label) in columnLabels.enumerated() {
            let x = left + cellWidth * (Double(c) + 0.5)
            if rotate {
                body += SVG.text([label], x: x, y: top - 8, size: font, anchor: "start", fill: ChartPalette.ink,
                                 weight: "600", extra: [("transform", "rotate(-45 \(x.svg) \((top - 8).svg))")])
            } else {
                body += SVG.text([label], x: x, y: top - 8, size: font, anchor: "middle", fill: ChartPalette.ink,
                                 weight: "600")
            }
        }
        var hasMissing = false, hasFlag = false
        for (r, row) in rows.enumerated() {
            let y = top + cellHeight * Double(r)
            body += SVG.text([rowLabels[r]], x: labelWidth + 8, y: y + cellHeight / 2 + 4, size: font, anchor: "end")
            var cells = ""
            for c in columns.indices {
                let cell = c < row.cells.count ? row.cells[c] : Cell(nil)
                let x = left + cellWidth * Double(c)
                var content: String
                let text: String
                if let value = cell.value, value.isFinite {
                    let step = ChartPalette.step(value, in: range, steps: ChartPalette.levels.count)
                    text = cell.text ?? value.fixed(decimals)
                    content = SVG.tag("rect", [("x", x.svg), ("y", y.svg), ("width", cellWidth.svg),
                                               ("height", cellHeight.svg), ("fill", ChartPalette.levels[step]),
                                               ("stroke", "#ffffff"), ("stroke-width", "1.5")])
                    content += SVG.text([text], x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, size: font,
                                        anchor: "middle", fill: ChartPalette.textOnLevel(step),
                                        weight: cell.flagged ? "700" : nil)
                } else {
                    hasMissing = true
                    text = cell.text ?? "–"
                    content = SVG.tag("rect", [("x", x.svg), ("y", y.svg), ("width", cellWidth.svg),
                                               ("height", cellHeight.svg), ("fill", "url(#\(hatchID))"),
                                               ("stroke", "#ffffff"), ("stroke-width", "1.5")])
                    content += SVG.text([text], x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, size: font,
                                        anchor: "middle", fill: ChartPalette.muted)
                }
                if cell.flagged {
                    hasFlag = true
                    content += SVG.tag("rect", [("x", (x + 2).svg), ("y", (y + 2).svg), ("width", (cellWidth - 4).svg),
                                                ("height", (cellHeight - 4).svg), ("fill", "none"),
                                                ("stroke", "#1a1a1a"), ("stroke-width", "2.5")])
                }
                let tip = "\(row.label) — \(c < columns.count ? columns[c] : ""): \(text)\(cell.flagged ? " (\(flagMeaning))" : "")"
                cells += SVG.tag("g", [("class", "cell")], SVG.tag("title", [], tip.xmlEscaped) + content)
            }
            body += SVG.tag("g", [("class", "row"), ("data-name", row.label)], cells)
        }

        // Legend: the colour steps with their values, then hatching and outline when used.
        var entries: [ChartLegend.Entry] = ChartPalette.levels.indices.map { step in
            let value = range.lowerBound + (range.upperBound - range.lowerBound) * Double(step)
                / Double(ChartPalette.levels.count - 1)
            return .init(swatch: .box(fill: ChartPalette.levels[step]), label: "\(legendLabel) \(value.fixed(value == value.rounded() ? 0 : 1))")
        }
        if hasMissing { entries.append(.init(swatch: .box(fill: "url(#\(hatchID))"), label: "no data")) }
        let legendTop = top + cellHeight * Double(rows.count) + 10
        let legendWidth = max(gridWidth, 360)
        let legend = ChartLegend(entries: entries).render(x: left, y: legendTop, width: legendWidth)
        body += legend.svg
        var height = legendTop + legend.height
        if hasFlag {
            body += SVG.tag("rect", [("x", (left + 6).svg), ("y", (height + 4).svg), ("width", "18"), ("height", "14"),
                                     ("fill", "none"), ("stroke", "#1a1a1a"), ("stroke-width", "2.5")])
            body += SVG.text(["outlined: \(flagMeaning)"], x: left + 36, y: height + 15, size: 12)
            height += 24
        }
        let rotatedOverhang = rotate ? columnWidth * 0.71 + 6 : 0
        let width = max(left + gridWidth + rotatedOverhang + 8, left + legendWidth + 8)
        return SVG.document(box: (0, 0, width, height + 6), title: title, description: fullDescription(),
                            idPrefix: idPrefix, defs: defs, body: body)
    }

    /// The description followed by every row's values, for screen readers.
    func fullDescription() -> String {
        let data = rows.map { row in
            let parts = columns.enumerated().map { c, name in
                let cell = c < row.cells.count ? row.cells[c] : Cell(nil)
                return "\(name) \(cell.text ?? cell.value.map { $0.fixed(decimals) } ?? "no data")\(cell.flagged ? " (\(flagMeaning))" : "")"
            }
            return "\(row.label): \(parts.joined(separator: ", "))"
        }.joined(separator: "; ")
        let text = data.isEmpty ? "No rows." : data + "."
        return description.isEmpty ? text : description + " " + text
    }
}
