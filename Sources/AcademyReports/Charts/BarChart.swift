/// A horizontal stacked bar chart: one bar per row, one segment per category.
///
/// Made for distributions such as how many people sit at each level 1…5 of a competency.
/// Bars are stacked to 100 % (or drawn to scale with `normalized` off); each segment writes
/// its count when it is wide enough, and every segment has a tooltip with count and share.
public struct BarChart: Sendable, Equatable {
    /// One bar: a value per category, in category order.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var values: [Double]

        public init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    public var title: String
    public var description: String
    /// Category names, in stacking order ("Level 1" … "Level 5").
    public var categories: [String]
    public var rows: [Row]
    /// Fill per category; nil uses the level scale for up to five categories, else the palette.
    public var colors: [String]?
    /// Stack each bar to 100 %; otherwise bars are to scale with the largest total.
    public var normalized: Bool
    public var width: Double
    public var idPrefix: String

    public init(title: String, description: String = "", categories: [String], rows: [Row],
                colors: [String]? = nil, normalized: Bool = true, width: Double = 640, idPrefix: String = "bars") {
        self.title = title
        self.description = description
        self.categories = categories
        self.rows = rows
        self.colors = colors
        self.normalized = normalized
        self.width = width
        self.idPrefix = idPrefix
    }

    /// The fill of category `index` and the text colour on it.
    func paint(_ index: Int) -> (fill: String, text: String) {
        if let colors, !colors.isEmpty { return (colors[index % colors.count], "#1a1a1a") }
        if categories.count <= ChartPalette.levels.count {
            // Spread fewer categories across the whole scale so they stay distinct.
            let step = categories.count <= 1 ? 2 : index * (ChartPalette.levels.count - 1) / (categories.count - 1)
            return (ChartPalette.levels[step], ChartPalette.textOnLevel(step))
        }
        return (ChartPalette.categorical[index % ChartPalette.categorical.count], "#ffffff")
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let font = 12.0
        let labelLines = rows.map { TextMetrics.wrap($0.label, maxWidth: 200, fontSize: font, maxLines: 2) }
        let labelWidth = min(200, labelLines.flatMap { $0 }.map { TextMetrics.width($0, fontSize: font) }.max() ?? 40)
        let left = labelWidth + 16
        let right = width - 54
        let barWidth = max(40, right - left)
        let rowHeight = 30.0
        let barHeight = 20.0
        var body = ""

        let legend = ChartLegend(entries: categories.indices.map { .init(swatch: .box(fill: paint($0).fill),
                                                                          label: categories[$0]) })
            .render(x: left, y: 0, width: width - left - 8)
        body += legend.svg
        let top = legend.height + 8
        let totals = rows.map { $0.values.reduce(0) { $0 + max(0, $1) } }
        let largest = max(totals.max() ?? 0, 1)

        // Grid at 0, 25, 50, 75, 100 % of the scale.
        let plotBottom = top + rowHeight * Double(rows.count)
        for quarter in 0...4 {
            let x = left + barWidth * Double(quarter) / 4
            body += SVG.tag("line", [("x1", x.svg), ("y1", top.svg), ("x2", x.svg), ("y2", plotBottom.svg),
                                     ("stroke", ChartPalette.grid), ("stroke-width", "1")])
            let tick = normalized ? "\(quarter * 25)%" : (largest * Double(quarter) / 4).fixed(largest >= 8 ? 0 : 1)
            body += SVG.text([tick], x: x, y: plotBottom + 15, size: 11, anchor: "middle", fill: ChartPalette.muted)
        }

        for (r, row) in rows.enumerated() {
            let y = top + rowHeight * Double(r) + (rowHeight - barHeight) / 2
            let lines = labelLines[r].isEmpty ? [" "] : labelLines[r]
            let firstBaseline = y + barHeight / 2 + 4 - Double(lines.count - 1) * 7
            body += SVG.text(lines, x: labelWidth + 6, y: firstBaseline, size: font, anchor: "end", lineHeight: 14)
            let total = totals[r]
            var segments = ""
            if total <= 0 {
                segments += SVG.text(["no data"], x: left + 4, y: y + barHeight / 2 + 4, size: 11, fill: ChartPalette.muted)
            }
            var x = left
            let scaleTotal = normalized ? total : largest
            for (c, category) in categories.enumerated() {
                let value = c < row.values.count ? max(0, row.values[c]) : 0
                guard value > 0, scaleTotal > 0 else { continue }
                let w = barWidth * value / scaleTotal
                let (fill, ink) = paint(c)
                let share = total > 0 ? 100 * value / total : 0
                let number = value == value.rounded() ? value.fixed(0) : value.fixed(1)
                let tip = "\(row.label) — \(category): \(number) (\(share.fixed(0))%)"
                var segment = SVG.tag("title", [], tip.xmlEscaped)
                segment += SVG.tag("rect", [("x", x.svg), ("y", y.svg), ("width", w.svg), ("height", barHeight.svg),
                                            ("fill", fill), ("stroke", "#ffffff"), ("stroke-width", "1")])
                if w >= TextMetrics.width(number, fontSize: 11) + 6 {
                    segment += SVG.text([number], x: x + w / 2, y: y + barHeight / 2 + 4, size: 11, anchor: "middle",
                                        fill: ink, weight: "600")
                }
                segments += SVG.tag("g", [("class", "segment")], segment)
                x += w
            }
            let totalText = total == total.rounded() ? total.fixed(0) : total.fixed(1)
            segments += SVG.text(["n=\(totalText)"], x: (normalized ? right : x) + 6, y: y + barHeight / 2 + 4,
                                 size: 11, fill: ChartPalette.muted)
            body += SVG.tag("g", [("class", "bar"), ("data-name", row.label)], segments)
        }
        let height = plotBottom + 24
        return SVG.document(box: (0, 0, width, height), title: title, description: fullDescription(),
                            idPrefix: idPrefix, body: body)
    }

    /// The description followed by every row's values, for screen readers.
    func fullDescription() -> String {
        let data = rows.map { row in
            let parts = categories.enumerated().map { c, name in
                "\(name) \(c < row.values.count ? row.values[c].fixed(row.values[c] == row.values[c].rounded() ? 0 : 1) : "0")"
            }
            return "\(row.label): \(parts.joined(separator: ", "))"
        }.joined(separator: "; ")
        let text = data.isEmpty ? "No rows." : data + "."
        return description.isEmpty ? text : description + " " + text
    }
}
