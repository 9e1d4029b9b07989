/// How one data series is drawn: colour, dash pattern, line width and marker.
///
/// Series differ by dash and marker as well as colour, so a chart still reads when printed
/// in grayscale or seen with a colour-vision deficiency.
public struct ChartStyle: Sendable, Hashable, Codable {
    /// An SVG colour (`#0072B2`).
    public var color: String
    /// An SVG `stroke-dasharray` value, or nil for a solid line.
    public var dash: String?
    public var lineWidth: Double
    public var marker: ChartMarker
    /// Draw markers white with a coloured outline.
    public var hollowMarker: Bool

    public init(color: String, dash: String? = nil, lineWidth: Double = 2, marker: ChartMarker = .circle,
                hollowMarker: Bool = false) {
        self.color = color
        self.dash = dash
        self.lineWidth = lineWidth
        self.marker = marker
        self.hollowMarker = hollowMarker
    }

    /// The default style of the series at `index`, cycling through `ChartPalette`.
    public static func series(_ index: Int) -> ChartStyle {
        let colors = ChartPalette.categorical
        let dashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3", nil, "4 4", "12 4", "2 6"]
        let markers: [ChartMarker] = [.circle, .square, .triangle, .diamond, .triangleDown, .cross, .circle, .square]
        let i = ((index % colors.count) + colors.count) % colors.count
        return ChartStyle(color: colors[i], dash: dashes[i % dashes.count], lineWidth: 2,
                          marker: markers[i % markers.count], hollowMarker: index >= colors.count)
    }

    /// The style of an emphasised reference series (the headline level): black, thick, dashed.
    public static let emphasis = ChartStyle(color: "#1a1a1a", dash: "8 4", lineWidth: 3.5, marker: .square)
}
