@testable import AcademyReports
import Testing

@Suite("Charts: stacked bars")
struct BarChartTests {
    @Test("one bar per row, one segment per non-zero value, counts written")
    func segments() throws {
        let chart = BarChart(title: "Levels", categories: (1...5).map { "Level \($0)" }, rows: [
            .init(label: "Risk management", values: [1, 3, 5, 2, 0]),
            .init(label: "Scope & schedule", values: [0, 0, 4, 4, 1]),
            .init(label: "Nobody yet", values: [0, 0, 0, 0, 0]),
        ])
        let xml = try #require(ParsedXML(chart.svg()))
        #expect(xml.withClass("bar").count == 3)
        #expect(xml.withClass("segment").count == 7)
        #expect(xml.text.contains("n=11") && xml.text.contains("n=9") && xml.text.contains("no data"))
        #expect(xml.text.contains("Scope & schedule"))
        #expect(xml.text.contains("Level 5"))
    }

    @Test("no rows and unnormalised bars are well formed")
    func edges() {
        #expect(ParsedXML(BarChart(title: "T", categories: [], rows: []).svg()) != nil)
        #expect(ParsedXML(BarChart(title: "T", categories: ["a", "b"], rows: [.init(label: "x", values: [2, 3])],
                                   normalized: false).svg()) != nil)
    }
}
