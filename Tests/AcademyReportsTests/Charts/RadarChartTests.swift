@testable import AcademyReports
import Testing

@Suite("Charts: radar")
struct RadarChartTests {
    static let sevenAxes = ["Governance and methodology", "People and capability", "Information systems and tools (PMIS)",
                            "Project documents and knowledge", "Multi-project and portfolio management",
                            "Strategy and benefits", "Performance measurement and control"]

    func chart(axes: [String], series: Int = 2) -> RadarChart {
        RadarChart(title: "Profile", axes: axes.map { RadarChart.Axis($0, detail: "L2 · 2.33") },
                   series: (0..<series).map { s in
                       .init(name: "Series \(s)", values: axes.indices.map { Double(1 + ($0 + s) % 5) })
                   })
    }

    @Test("one polygon per series with one point per axis, five grid rings")
    func polygons() throws {
        let xml = try #require(ParsedXML(chart(axes: Self.sevenAxes).svg()))
        let series = xml.named("polygon", inside: "series")
        #expect(series.count == 2)
        #expect(series.allSatisfy { $0.attributes["points"]?.pointCount == 7 })
        #expect(xml.withClass("series").count == 2)
        // 5 rings + 2 series polygons; markers are circles.
        #expect(xml.named("polygon").filter { !$0.ancestorClasses.contains("series") }.count == 5)
        #expect(xml.named("title").first?.text == "Profile")
        #expect(xml.named("desc").first?.text.contains("Governance and methodology: Series 0") == true)
    }

    @Test("a single axis draws circles as rings and a one-point polygon with a visible marker")
    func singleAxis() throws {
        let xml = try #require(ParsedXML(chart(axes: ["Only"], series: 1).svg()))
        let polygon = try #require(xml.named("polygon", inside: "series").first)
        #expect(polygon.attributes["points"]?.pointCount == 1)
        #expect(xml.named("circle").filter { $0.attributes["fill"] == "none" }.count == 5)
        #expect(xml.named("circle", inside: "series").count == 1)
    }

    @Test("no axes still gives a well-formed chart")
    func noAxes() {
        #expect(ParsedXML(chart(axes: [], series: 1).svg()) != nil)
    }

    @Test("labels stay inside the view box and do not overlap", arguments: [3, 5, 7, 9, 12])
    func labelLayout(count: Int) throws {
        let axes = (0..<count).map { Self.sevenAxes[$0 % 7] + ($0 >= 7 ? " \($0)" : "") }
        let radar = chart(axes: axes)
        let svg = radar.svg()
        let xml = try #require(ParsedXML(svg))
        let box = try #require(xml.named("svg").first?.attributes["viewBox"]).split(separator: " ").compactMap { Double($0) }
        try #require(box.count == 4)
        let labels = radar.layoutLabels { i in -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(count) }
        for (i, a) in labels.enumerated() {
            #expect(a.box.minX >= box[0] && a.box.maxX <= box[0] + box[2], "label \(i) clipped horizontally")
            #expect(a.box.minY >= box[1] && a.box.maxY <= box[1] + box[3], "label \(i) clipped vertically")
            for b in labels[(i + 1)...] { #expect(!a.box.overlaps(b.box), "labels overlap: \(a.lines) \(b.lines)") }
            #expect(a.box.minY > -radar.radius - 4 || a.box.maxY < -radar.radius || abs(a.box.minX) > 0,
                    "label \(i) sits on the ring")
        }
    }

    @Test("text is escaped")
    func escaping() throws {
        let nasty = "R&D <core> \"team\" 'x'"
        let radar = RadarChart(title: nasty, description: nasty, axes: [.init(nasty, detail: nasty)],
                               series: [.init(name: nasty, values: [3])], idPrefix: "a\"b")
        let svg = radar.svg()
        #expect(!svg.contains("<core>"))
        let xml = try #require(ParsedXML(svg))
        #expect(xml.named("title").first?.text == nasty)
        #expect(xml.text.contains(nasty))
    }

    @Test("the same chart gives the same markup")
    func deterministic() {
        #expect(chart(axes: Self.sevenAxes).svg() == chart(axes: Self.sevenAxes).svg())
    }
}
