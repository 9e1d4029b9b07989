/// Colour-blind-safe colours for charts.
///
/// Categorical colours are the Okabe–Ito set (distinguishable with the common colour-vision
/// deficiencies); the sequential level scale is ColorBrewer YlGnBu, whose lightness falls
/// steadily so that it also reads in grayscale. Values are always written out as text too.
public enum ChartPalette {
    /// Series colours, most distinct first: Okabe–Ito without yellow (too pale on white) and black
    /// (kept for `ChartStyle.emphasis`), then brown and grey.
    public static let categorical = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D31", "#6B6B6B",
    ]

    /// Five steps for levels 1…5, light to dark (ColorBrewer YlGnBu).
    public static let levels = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]

    /// Text colour readable on `levels[index]`.
    public static func textOnLevel(_ index: Int) -> String {
        index >= 3 ? "#ffffff" : "#1a1a1a"
    }

    /// Ink for axis labels and titles.
    public static let ink = "#1f2933"
    /// Muted text: tick labels, notes.
    public static let muted = "#52606d"
    /// Grid lines.
    public static let grid = "#cbd2d9"
    /// Axis lines.
    public static let axis = "#7b8794"

    /// The index 0…(steps-1) of the colour step for `value` on `range`.
    static func step(_ value: Double, in range: ClosedRange<Double>, steps: Int) -> Int {
        guard steps > 1, range.upperBound > range.lowerBound, value.isFinite else { return 0 }
        let t = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        return min(steps - 1, max(0, Int((t * Double(steps - 1)).rounded(.toNearestOrAwayFromZero))))
    }
}
