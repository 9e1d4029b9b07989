import Foundation

extension MaturityReport {
    /// The radar chart of every dimension's score, with the previous assessment when there is one.
    public func radarChart(idPrefix: String = "maturity-radar") -> RadarChart {
        let axes = dimensions.map { RadarChart.Axis($0.name, detail: "L\($0.level) · \($0.score.fixed(2))") }
        var series = [RadarChart.Series(name: "This assessment (\(assessedOn))", values: dimensions.map(\.score))]
        if dimensions.contains(where: { $0.previousScore != nil }) {
            let name = previousAssessedOn.map { "Previous (\($0))" } ?? "Previous assessment"
            series.append(.init(name: name, values: dimensions.map { $0.previousScore ?? 1 }))
        }
        return RadarChart(
            title: "Maturity profile of \(unit)",
            description: "Score 1 to 5 of each of the \(dimensions.count) dimensions; rings mark levels 1 to 5.",
            axes: axes, series: series, idPrefix: idPrefix)
    }

    /// The trend of each dimension's score and of the headline level, on 1–5.
    public func scoreTrendChart(idPrefix: String = "maturity-trend") -> LineChart {
        let dates = trend.compactMap { ReportDate.parse($0.date) }
        let points = trend.filter { ReportDate.parse($0.date) != nil }
        var series = dimensions.map { d in
            LineChart.Series(name: d.name, values: points.map { p in p.dimensions.first { $0.id == d.id }?.score })
        }
        series.append(.init(name: "Headline level (weakest link)", values: points.map { Double($0.headline) },
                            style: .emphasis))
        return LineChart(title: "Scores over time, \(unit)",
                         description: "Each dimension's score (1 to 5) at each assessment, and the headline level.",
                         dates: dates, series: series, scale: .levels(1...5), yCaption: "Score (level 1–5)",
                         idPrefix: idPrefix)
    }

    /// The trend of coverage, 0–100 %.
    public func coverageTrendChart(idPrefix: String = "maturity-coverage") -> LineChart {
        let points = trend.filter { ReportDate.parse($0.date) != nil }
        return LineChart(title: "Coverage over time, \(unit)",
                         description: "The share of all criteria met at each assessment (OPM3-style coverage).",
                         dates: points.compactMap { ReportDate.parse($0.date) },
                         series: [.init(name: "Coverage", values: points.map(\.coverage),
                                        style: ChartStyle(color: ChartPalette.categorical[2], lineWidth: 2.5,
                                                          marker: .circle))],
                         scale: .percent, yCaption: "Criteria met (%)", width: 640, plotHeight: 150,
                         idPrefix: idPrefix)
    }
}

extension MaturityReport {
    /// One small trend chart with its title and "first → now" summary.
    public struct TrendPanel: Sendable {
        public var title: String
        public var change: String
        public var chart: LineChart
    }

    /// Small multiples for the trend: the headline level, coverage, then one chart per dimension.
    ///
    /// One chart per measure reads better than seven crossing lines; all dimension panels
    /// share the 1–5 scale so that they compare at a glance.
    public func trendPanels(idPrefix: String = "trend") -> [TrendPanel] {
        let points = trend.filter { ReportDate.parse($0.date) != nil }
        let dates = points.compactMap { ReportDate.parse($0.date) }
        let span = { (values: [Double?], format: (Double) -> String) -> String in
            let known = values.compactMap { $0 }
            guard let first = known.first, let last = known.last else { return "" }
            return known.count == 1 ? format(last) : "\(format(first)) → \(format(last))"
        }
        func panel(_ index: Int, _ title: String, _ values: [Double?], _ scale: LineChart.Scale, _ style: ChartStyle,
                   _ format: (Double) -> String) -> TrendPanel {
            TrendPanel(title: title, change: span(values, format),
                       chart: LineChart(title: "\(title) over time", dates: dates,
                                        series: [.init(name: title, values: values, style: style)], scale: scale,
                                        width: 320, plotHeight: 110, showsLegend: false, idPrefix: "\(idPrefix)-\(index)"))
        }
        var panels = [
            panel(0, "Headline level", points.map { Double($0.headline) }, .levels(1...5), .emphasis) { "L" + $0.fixed(0) },
            panel(1, "Coverage", points.map(\.coverage), .percent,
                  ChartStyle(color: ChartPalette.categorical[2], lineWidth: 2.5)) { $0.fixed(1) + "%" },
        ]
        for (i, d) in dimensions.enumerated() {
            let values = points.map { p in p.dimensions.first { $0.id == d.id }?.score }
            var style = ChartStyle.series(i)
            style.dash = nil
            style.lineWidth = 2.5
            panels.append(panel(i + 2, d.name, values, .levels(1...5), style) { $0.fixed(2) })
        }
        return panels
    }
}
