import Foundation

/// A radar (spider) chart of values on a level scale, one axis per dimension.
///
/// Draws grid rings numbered with their level, one spoke per axis, and one polygon per series
/// (typically the current and the previous assessment). Axis labels wrap, are placed outside
/// the outer ring, are pushed apart when they would overlap, and the view box grows to hold
/// them, so nothing is clipped. Pure: the same chart always gives the same markup.
public struct RadarChart: Sendable, Equatable {
    /// One axis: a dimension name and an optional second line (its value).
    public struct Axis: Sendable, Equatable {
        public var label: String
        /// A short line shown under the label, e.g. "L2 · 2.33".
        public var detail: String?

        public init(_ label: String, detail: String? = nil) {
            self.label = label
            self.detail = detail
        }
    }

    /// One polygon: a value per axis, in axis order.
    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per axis; missing values count as the lowest level, extra ones are ignored.
        public var values: [Double]
        /// Nil takes the default: solid and filled for the first series, dashed for the others.
        public var style: ChartStyle?

        public init(name: String, values: [Double], style: ChartStyle? = nil) {
            self.name = name
            self.values = values
            self.style = style
        }
    }

    public var title: String
    public var description: String
    public var axes: [Axis]
    public var series: [Series]
    /// The levels drawn as rings; the outer ring is the upper bound, the centre is 0.
    public var levels: ClosedRange<Int>
    /// The radius of the outer ring, in user units.
    public var radius: Double
    /// Prefixes the `id`s in the markup; make it unique per page.
    public var idPrefix: String

    public init(title: String, description: String = "", axes: [Axis], series: [Series],
                levels: ClosedRange<Int> = 1...5, radius: Double = 160, idPrefix: String = "radar") {
        self.title = title
        self.description = description
        self.axes = axes
        self.series = series
        self.levels = levels
        self.radius = radius
        self.idPrefix = idPrefix
    }

    /// The font size of axis labels.
    static let labelSize = 13.0
    /// The font size of the detail line under an axis label.
    static let detailSize = 12.0
    /// The distance between label lines.
    static let lineHeight = 16.0

    /// The style series `index` is drawn with.
    func style(_ index: Int) -> ChartStyle {
        if let style = series[index].style { return style }
        if index == 0 { return ChartStyle(color: ChartPalette.categorical[0], lineWidth: 2.5, marker: .circle) }
        var style = ChartStyle.series(index)
        style.dash = style.dash ?? "6 4"
        style.hollowMarker = true
        return style
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let n = axes.count
        let top = Double(max(1, levels.upperBound))
        let angle = { (i: Int) -> Double in -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(1, n)) }
        let point = { (i: Int, value: Double) -> (Double, Double) in
            let r = radius * min(max(value, 0), top) / top
            return (r * cos(angle(i)), r * sin(angle(i)))
        }
        var body = ""

        // Grid rings and their level numbers.
        for level in levels where level > 0 {
            let r = radius * Double(level) / top
            if n >= 3 {
                body += SVG.tag("polygon", [("points", SVG.points((0..<n).map { point($0, Double(level)) })),
                                            ("fill", "none"), ("stroke", ChartPalette.grid), ("stroke-width", "1")])
            } else {
                body += SVG.tag("circle", [("cx", "0"), ("cy", "0"), ("r", r.svg), ("fill", "none"),
                                           ("stroke", ChartPalette.grid), ("stroke-width", "1")])
            }
        }
        // Spokes.
        for i in 0..<n {
            let end = point(i, top)
            body += SVG.tag("line", [("x1", "0"), ("y1", "0"), ("x2", end.0.svg), ("y2", end.1.svg),
                                     ("stroke", ChartPalette.grid), ("stroke-width", "1")])
        }
        // Series, the first (current) drawn last so that it lies on top.
        for index in series.indices.reversed() {
            let s = series[index]
            let style = style(index)
            let values = (0..<n).map { $0 < s.values.count ? s.values[$0] : Double(levels.lowerBound) }
            let points = values.enumerated().map { point($0.offset, $0.element) }
            var attributes: [(String, String)] = [
                ("points", SVG.points(points)), ("stroke", style.color), ("stroke-width", style.lineWidth.svg),
                ("stroke-linejoin", "round"),
                ("fill", index == 0 ? style.color : "none"), ("fill-opacity", index == 0 ? "0.16" : "0"),
            ]
            if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
            var group = SVG.tag("polygon", attributes)
            for (i, p) in points.enumerated() {
                let tip = "\(s.name) — \(axes[i].label): \(values[i].fixed(2))"
                group += SVG.tag("g", [], SVG.tag("title", [], tip.xmlEscaped)
                    + style.marker.svg(x: p.0, y: p.1, size: 7, color: style.color, hollow: style.hollowMarker))
            }
            body += SVG.tag("g", [("class", "series"), ("data-name", s.name)], group)
        }
        // Ring numbers along the first spoke, over the polygons so they stay readable.
        for level in levels where level > 0 {
            let r = radius * Double(level) / top
            body += SVG.text(["\(level)"], x: 5, y: -r + 13, size: 11, fill: ChartPalette.muted, weight: "600",
                             halo: true)
        }

        // Axis labels, outside the outer ring.
        let labels = layoutLabels(angle: angle)
        var minX = -radius - 8, maxX = radius + 8, minY = -radius - 8, maxY = radius + 8
        for label in labels {
            body += SVG.text(label.lines, x: label.x, y: label.baseline, size: Self.labelSize, anchor: label.anchor,
                             fill: ChartPalette.ink, weight: "600", lineHeight: Self.lineHeight)
            if let detail = label.detail {
                body += SVG.text([detail], x: label.x, y: label.baseline + Double(label.lines.count) * Self.lineHeight,
                                 size: Self.detailSize, anchor: label.anchor, fill: ChartPalette.muted)
            }
            minX = min(minX, label.box.minX - 6)
            maxX = max(maxX, label.box.maxX + 6)
            minY = min(minY, label.box.minY - 6)
            maxY = max(maxY, label.box.maxY + 6)
        }

        // Legend under the chart.
        let width = maxX - minX
        let legend = ChartLegend(entries: series.indices.map { .init(swatch: .line(style($0)), label: series[$0].name) })
            .render(x: minX + 8, y: maxY + 4, width: width - 16)
        body += legend.svg
        let height = maxY - minY + (legend.height > 0 ? legend.height + 8 : 0)
        return SVG.document(box: (minX, minY, width, height), title: title, description: fullDescription(),
                            idPrefix: idPrefix, body: body)
    }

    /// The description followed by every value, for screen readers.
    func fullDescription() -> String {
        let values = axes.enumerated().map { i, axis in
            let parts = series.map { s in "\(s.name) \(i < s.values.count ? s.values[i].fixed(2) : "–")" }
            return "\(axis.label): \(parts.joined(separator: ", "))"
        }
        let data = values.isEmpty ? "No axes." : values.joined(separator: "; ") + "."
        return description.isEmpty ? data : description + " " + data
    }
}
