/// A point marker shape; lines differ by shape as well as colour, so they stay apart in grayscale.
public enum ChartMarker: String, Sendable, Codable, CaseIterable {
    case circle, square, triangle, diamond, triangleDown, cross, none

    /// The SVG element that draws this marker centred on (`x`, `y`).
    ///
    /// - Parameters:
    ///   - size: the marker's width in user units.
    ///   - hollow: draw a white-filled marker with a coloured outline.
    func svg(x: Double, y: Double, size: Double, color: String, hollow: Bool = false) -> String {
        let r = size / 2
        let fill = hollow ? "#ffffff" : color
        let paint: [(String, String)] = [("fill", fill), ("stroke", color), ("stroke-width", "1.5")]
        switch self {
        case .circle:
            return SVG.tag("circle", [("cx", x.svg), ("cy", y.svg), ("r", r.svg)] + paint)
        case .square:
            let s = r * 0.9
            return SVG.tag("rect", [("x", (x - s).svg), ("y", (y - s).svg), ("width", (2 * s).svg),
                                    ("height", (2 * s).svg)] + paint)
        case .triangle:
            return SVG.tag("polygon", [("points", SVG.points([(x, y - r * 1.15), (x + r * 1.1, y + r * 0.8),
                                                              (x - r * 1.1, y + r * 0.8)]))] + paint)
        case .triangleDown:
            return SVG.tag("polygon", [("points", SVG.points([(x, y + r * 1.15), (x + r * 1.1, y - r * 0.8),
                                                              (x - r * 1.1, y - r * 0.8)]))] + paint)
        case .diamond:
            return SVG.tag("polygon", [("points", SVG.points([(x, y - r * 1.2), (x + r * 1.2, y),
                                                              (x, y + r * 1.2), (x - r * 1.2, y)]))] + paint)
        case .cross:
            let d = "M\((x - r).svg) \((y - r).svg)L\((x + r).svg) \((y + r).svg)M\((x - r).svg) \((y + r).svg)L\((x + r).svg) \((y - r).svg)"
            return SVG.tag("path", [("d", d), ("fill", "none"), ("stroke", color), ("stroke-width", "2")])
        case .none:
            return ""
        }
    }
}
