@testable import AcademyReports
import Testing

@Suite("Charts: heatmap")
struct HeatmapTests {
    @Test("rows × columns cells, values written, missing hatched, flagged outlined")
    func cells() throws {
        let columns = ["Scope & schedule", "Risk management", "Stakeholders", "Governance", "Leadership", "Finance"]
        let rows = (0..<4).map { r in
            Heatmap.Row(label: "Person \(r) <pm>", cells: columns.indices.map { c in
                (r + c) % 7 == 6 ? .init(nil) : .init(Double(1 + (r + c) % 5), flagged: r == 0 && c == 1)
            })
        }
        let svg = Heatmap(title: "Levels", columns: columns, rows: rows).svg()
        let xml = try #require(ParsedXML(svg))
        #expect(xml.withClass("cell").count == 24)
        #expect(xml.withClass("row").count == 4)
        #expect(svg.contains("url(#heatmap-hatch)"))
        #expect(xml.text.contains("outlined: a level or more below target"))
        #expect(xml.text.contains("Person 0 <pm>"))
        #expect(xml.named("text", inside: "cell").contains { $0.text == "2.0" })
    }

    @Test("an empty heatmap is well formed")
    func empty() {
        #expect(ParsedXML(Heatmap(title: "T", columns: [], rows: []).svg()) != nil)
    }
}
