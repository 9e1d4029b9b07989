import Foundation

/// A line chart of several series over dates, for trends (levels 1–5 or percentages).
///
/// Dates are placed in proportion to time; date labels that would collide are thinned, the
/// last one always kept. Each series has its own colour, dash and marker, and every point
/// carries a tooltip with its value. Zero dates draw the empty axes with a note.
public struct LineChart: Sendable, Equatable {
    /// The y axis.
    public enum Scale: Sendable, Equatable {
        /// Levels, ticks at each whole level.
        case levels(ClosedRange<Int>)
        /// 0–100 %, ticks every 20.
        case percent

        var bounds: (Double, Double) {
            switch self {
            case let .levels(range): (Double(range.lowerBound), Double(max(range.upperBound, range.lowerBound + 1)))
            case .percent: (0, 100)
            }
        }

        var ticks: [Double] {
            switch self {
            case let .levels(range): (range.lowerBound...max(range.upperBound, range.lowerBound + 1)).map(Double.init)
            case .percent: stride(from: 0.0, through: 100, by: 20).map { $0 }
            }
        }

        func label(_ value: Double) -> String {
            switch self {
            case .levels: value.fixed(0)
            case .percent: value.fixed(0) + "%"
            }
        }

        func valueText(_ value: Double) -> String {
            switch self {
            case .levels: value.fixed(2)
            case .percent: value.fixed(1) + "%"
            }
        }
    }

    /// One line: a value per date, nil where there is none (the line breaks there).
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double?]
        /// Nil takes `ChartStyle.series(index)`.
        public var style: ChartStyle?

        public init(name: String, values: [Double?], style: ChartStyle? = nil) {
            self.name = name
            self.values = values
            self.style = style
        }
    }

    public var title: String
    public var description: String
    public var dates: [Date]
    public var series: [Series]
    public var scale: Scale
    /// A short y-axis caption ("Score", "Coverage").
    public var yCaption: String
    public var width: Double
    public var plotHeight: Double
    /// Draw the legend under the plot; turn it off for a single series titled elsewhere.
    public var showsLegend: Bool
    public var idPrefix: String

    public init(title: String, description: String = "", dates: [Date], series: [Series], scale: Scale,
                yCaption: String = "", width: Double = 640, plotHeight: Double = 220, showsLegend: Bool = true,
                idPrefix: String = "line") {
        self.title = title
        self.description = description
        self.dates = dates
        self.series = series
        self.scale = scale
        self.yCaption = yCaption
        self.width = width
        self.plotHeight = plotHeight
        self.showsLegend = showsLegend
        self.idPrefix = idPrefix
    }

    /// The x position of each date between `left` and `right`.
    func xPositions(left: Double, right: Double) -> [Double] {
        guard let first = dates.min(), let last = dates.max() else { return [] }
        let span = last.timeIntervalSince(first)
        if dates.count == 1 { return [(left + right) / 2] }
        if span <= 0 {
            return dates.indices.map { left + (right - left) * Double($0) / Double(dates.count - 1) }
        }
        return dates.map { left + (right - left) * $0.timeIntervalSince(first) / span }
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let (low, high) = scale.bounds
        let tickFont = 11.0
        let tickWidth = scale.ticks.map { TextMetrics.width(scale.label($0), fontSize: tickFont) }.max() ?? 10
        let left = tickWidth + 14
        let right = width - 20
        let top = yCaption.isEmpty ? 12.0 : 28.0
        let bottom = top + plotHeight
        let y = { (v: Double) -> Double in bottom - (min(max(v, low), high) - low) / (high - low) * plotHeight }
        var body = ""

        if !yCaption.isEmpty {
            body += SVG.text([yCaption], x: 0, y: 14, size: 11.5, fill: ChartPalette.muted, weight: "600")
        }
        for tick in scale.ticks {
            body += SVG.tag("line", [("x1", left.svg), ("y1", y(tick).svg), ("x2", right.svg), ("y2", y(tick).svg),
                                     ("stroke", ChartPalette.grid), ("stroke-width", "1")])
            body += SVG.text([scale.label(tick)], x: left - 8, y: y(tick) + 4, size: tickFont, anchor: "end",
                             fill: ChartPalette.muted)
        }
        body += SVG.tag("line", [("x1", left.svg), ("y1", bottom.svg), ("x2", right.svg), ("y2", bottom.svg),
                                 ("stroke", ChartPalette.axis), ("stroke-width", "1")])

        let xs = xPositions(left: left + 18, right: right - 18)
        if dates.isEmpty {
            body += SVG.text(["No assessments to show yet"], x: (left + right) / 2, y: top + plotHeight / 2,
                             size: 13, anchor: "middle", fill: ChartPalette.muted)
        }
        // Date labels, thinned so they do not collide; the latest is always shown.
        let labels = dates.map(ReportDate.day)
        let labelWidth = (labels.map { TextMetrics.width($0, fontSize: tickFont) }.max() ?? 0) + 10
        var shown: [Int] = []
        for i in xs.indices.reversed() where shown.last.map({ xs[$0] - xs[i] >= labelWidth }) ?? true {
            shown.append(i)
        }
        for i in shown.reversed() {
            body += SVG.tag("line", [("x1", xs[i].svg), ("y1", bottom.svg), ("x2", xs[i].svg), ("y2", (bottom + 4).svg),
                                     ("stroke", ChartPalette.axis), ("stroke-width", "1")])
            body += SVG.text([labels[i]], x: xs[i], y: bottom + 17, size: tickFont, anchor: "middle",
                             fill: ChartPalette.muted)
        }

        for (index, s) in series.enumerated() {
            let style = s.style ?? ChartStyle.series(index)
            var path = ""
            var pen = false
            var markers = ""
            for (i, x) in xs.enumerated() {
                guard i < s.values.count, let value = s.values[i], value.isFinite else {
                    pen = false
                    continue
                }
                path += (pen ? "L" : "M") + "\(x.svg) \(y(value).svg)"
                pen = true
                let tip = "\(s.name), \(labels[i]): \(scale.valueText(value))"
                markers += SVG.tag("g", [], SVG.tag("title", [], tip.xmlEscaped)
                    + style.marker.svg(x: x, y: y(value), size: 7, color: style.color, hollow: style.hollowMarker))
            }
            var group = ""
            if path.contains("L") {
                var attributes: [(String, String)] = [("d", path), ("fill", "none"), ("stroke", style.color),
                                                      ("stroke-width", style.lineWidth.svg),
                                                      ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
                if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
                group += SVG.tag("path", attributes)
            }
            body += SVG.tag("g", [("class", "series"), ("data-name", s.name)], group + markers)
        }

        let legend = ChartLegend(entries: !showsLegend ? [] : series.enumerated().map { index, s in
            .init(swatch: .line(s.style ?? ChartStyle.series(index)), label: s.name)
        }).render(x: left, y: bottom + 28, width: right - left)
        body += legend.svg
        let height = showsLegend ? bottom + 28 + legend.height + 6 : bottom + 26
        return SVG.document(box: (0, 0, width, height), title: title, description: fullDescription(),
                            idPrefix: idPrefix, body: body)
    }

    /// The description followed by each series' values, for screen readers.
    func fullDescription() -> String {
        guard !dates.isEmpty else {
            return description.isEmpty ? "No data points." : description + " No data points."
        }
        let labels = dates.map(ReportDate.day)
        let data = series.map { s in
            let values = labels.indices.map { i in
                "\(labels[i]) \(i < s.values.count ? s.values[i].map(scale.valueText) ?? "–" : "–")"
            }
            return "\(s.name): \(values.joined(separator: ", "))"
        }.joined(separator: "; ")
        return description.isEmpty ? data + "." : description + " " + data + "."
    }
}
