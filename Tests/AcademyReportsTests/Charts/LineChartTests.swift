@testable import AcademyReports
import Foundation
import Testing

@Suite("Charts: line")
struct LineChartTests {
    static func day(_ n: Int) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + Double(n) * 86_400 * 30) }

    @Test("one path per series, one marker per value, a legend entry per series")
    func series() throws {
        let chart = LineChart(title: "Trend", dates: (0..<4).map(Self.day), series: [
            .init(name: "A", values: [1, 2, 3, 4]),
            .init(name: "B", values: [2, nil, 2.5, 3]),
            .init(name: "C", values: [5, 4, 3, 2], style: .emphasis),
        ], scale: .levels(1...5))
        let xml = try #require(ParsedXML(chart.svg()))
        let groups = xml.withClass("series")
        #expect(groups.count == 3)
        let paths = xml.named("path", inside: "series")
        #expect(paths.count == 3)
        // B breaks at the missing value: two moves.
        #expect(paths[1].attributes["d"]?.filter { $0 == "M" }.count == 2)
        #expect(xml.named("title").filter { $0.ancestorClasses.contains("series") }.count == 11)
        #expect(xml.text.contains("A") && xml.text.contains("C"))
    }

    @Test("zero dates draw empty axes with a note; one date draws markers and no line")
    func degenerate() throws {
        let empty = try #require(ParsedXML(LineChart(title: "T", dates: [], series: [.init(name: "A", values: [])],
                                                     scale: .percent).svg()))
        #expect(empty.text.contains("No assessments to show yet"))
        #expect(empty.named("path", inside: "series").isEmpty)

        let one = try #require(ParsedXML(LineChart(title: "T", dates: [Self.day(0)], series: [
            .init(name: "A", values: [55]), .init(name: "B", values: [60]),
        ], scale: .percent).svg()))
        #expect(one.named("path", inside: "series").isEmpty)
        #expect(one.withClass("series").count == 2)
        #expect(one.text.contains("100%"))
    }

    @Test("crowded dates are thinned; the latest is always labelled")
    func thinning() throws {
        let dates = (0..<30).map { Date(timeIntervalSince1970: 1_700_000_000 + Double($0) * 86_400) }
        let chart = LineChart(title: "T", dates: dates, series: [.init(name: "A", values: dates.map { _ in 3 })],
                              scale: .levels(1...5), width: 400)
        let xml = try #require(ParsedXML(chart.svg()))
        let labels = xml.named("text").map(\.text).filter { $0.hasPrefix("20") }
        #expect(labels.count < 30 && labels.count >= 2)
        #expect(labels.last == ReportDate.day(dates[29]))
    }

    @Test("names are escaped")
    func escaping() throws {
        let chart = LineChart(title: "<T&>", dates: [Self.day(0)], series: [.init(name: "A \"&\" <B>", values: [2])],
                              scale: .levels(1...5))
        let xml = try #require(ParsedXML(chart.svg()))
        #expect(xml.text.contains("A \"&\" <B>"))
    }
}
