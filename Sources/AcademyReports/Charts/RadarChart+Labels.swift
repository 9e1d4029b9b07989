import Foundation

extension RadarChart {
    /// An axis label placed around the chart.
    struct PlacedLabel {
        var lines: [String]
        var detail: String?
        var x: Double
        /// The baseline of the first line.
        var baseline: Double
        var anchor: String
        var box: Box
    }

    /// An axis-aligned rectangle.
    struct Box {
        var minX: Double, minY: Double, maxX: Double, maxY: Double

        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    /// Places every axis label outside the outer ring and pushes overlapping labels apart.
    func layoutLabels(angle: (Int) -> Double) -> [PlacedLabel] {
        let lineHeight = Self.lineHeight
        let gap = 12.0
        var placed: [PlacedLabel] = []
        for (i, axis) in axes.enumerated() {
            let a = angle(i)
            let c = cos(a), s = sin(a)
            let anchor = abs(c) < 0.3 ? "middle" : (c > 0 ? "start" : "end")
            let maxWidth = anchor == "middle" ? 200.0 : 160.0
            var lines = TextMetrics.wrap(axis.label, maxWidth: maxWidth, fontSize: Self.labelSize, maxLines: 3, bold: true)
            if lines.isEmpty { lines = [" "] }
            let widths = lines.map { TextMetrics.width($0, fontSize: Self.labelSize, bold: true) }
                + [axis.detail.map { TextMetrics.width($0, fontSize: Self.detailSize) } ?? 0]
            let width = widths.max() ?? 0
            let height = Double(lines.count + (axis.detail == nil ? 0 : 1)) * lineHeight
            let px = (radius + gap) * c
            let py = (radius + gap) * s
            // Above the ring at the top, below it at the bottom, centred at the sides.
            let top = py - height * (1 - s) / 2
            let minX = anchor == "middle" ? px - width / 2 : (anchor == "start" ? px : px - width)
            placed.append(PlacedLabel(lines: lines, detail: axis.detail, x: px, baseline: top + Self.labelSize * 0.95,
                                      anchor: anchor, box: Box(minX: minX, minY: top, maxX: minX + width,
                                                               maxY: top + height)))
        }
        // Push overlapping labels apart vertically, away from the centre line.
        for _ in 0..<60 {
            var moved = false
            for i in placed.indices {
                for j in placed.indices where j > i && placed[i].box.overlaps(placed[j].box) {
                    let (upper, lower) = placed[i].box.minY <= placed[j].box.minY ? (i, j) : (j, i)
                    let overlap = placed[upper].box.maxY - placed[lower].box.minY + 2
                    shift(&placed[upper], by: -overlap / 2)
                    shift(&placed[lower], by: overlap / 2)
                    moved = true
                }
            }
            if !moved { break }
        }
        return placed
    }

    private func shift(_ label: inout PlacedLabel, by dy: Double) {
        label.baseline += dy
        label.box.minY += dy
        label.box.maxY += dy
    }
}
