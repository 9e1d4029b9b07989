@testable import AcademyReports
import AcademyCore
import Foundation
import Testing

@Suite("Maturity report: formats")
struct MaturityReportFormatTests {
    static let statement = "Level 2 Repeatable — the lowest of the three dimensions (weakest link, as CMMI rates)"

    /// Text with line breaks and runs of spaces folded, so that wrapped phrases can be found.
    func folded(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("text: headline, weakest link, coverage, blockers, trend and plan courses, within 80 columns")
    func text() throws {
        let report = try MaturityReportFixtures.report()
        let text = report.text()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 80, "too wide (\(line.count)): \(line)")
        }
        let flat = folded(text)
        #expect(flat.contains(Self.statement))
        #expect(flat.contains("Coverage 66.7% of practices in place"))
        #expect(flat.contains("OPM3-style"))
        #expect(flat.contains("gov-3-2"))
        #expect(flat.contains("spread 3 steps — assessors disagree"))
        #expect(flat.contains("Capability: 2 of 4 people (50%) in the role project-manager reach level 3+ in scope-schedule and risk-management; 60% required — not met; 1 has no estimate yet."))
        #expect(flat.contains("Governance & knowledge <management> (governance-knowledge)"))
        #expect(flat.contains("Risk management (risk)"))
        #expect(flat.contains("Leading people (leading-people)"))
        #expect(flat.contains("2024-07-01"))
        #expect(text.contains("▸ Governance and methodology"))
        #expect(text.contains("█"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test("text: colour only when asked for")
    func color() throws {
        let colored = try MaturityReportFixtures.report().text(color: true)
        #expect(colored.contains("\u{1B}[1m"))
        let plain = colored.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(plain == (try MaturityReportFixtures.report().text()))
    }

    @Test("text: a long unit name and notes still fit 80 columns")
    func narrow() throws {
        let unit = String(repeating: "Very-long-unit-name/", count: 8)
        let text = try MaturityReportFixtures.report(unit: unit).text()
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("markdown: headings, tables, headline and plan courses; names escaped")
    func markdown() throws {
        let md = try MaturityReportFixtures.report(unit: "R&D | *core*").markdown()
        #expect(md.hasPrefix("# PMO maturity: R&D \\| \\*core\\*"))
        #expect(md.contains("## Headline"))
        #expect(md.contains("**Level 2 Repeatable** — the lowest of the three dimensions (weakest link, as CMMI rates)."))
        #expect(md.contains("**Coverage**: 66.7% of practices in place"))
        #expect(md.contains("| Dimension | Level | Score | Coverage | Change |"))
        #expect(md.contains("| **Governance and methodology** (weakest link) | 2 Repeatable | 2.33 |"))
        #expect(md.contains("## Improvement plan"))
        #expect(md.contains("Governance & knowledge \\<management\\> (`governance-knowledge`)"))
        #expect(md.contains("| **Headline level** | 1 | 1 | 2 |"))
        #expect(md.contains("## Not yet answered"))
    }

    @Test("json: the report model with sorted keys, round-trips and is stable")
    func json() throws {
        let report = try MaturityReportFixtures.report()
        let json = try report.json()
        #expect(json == (try MaturityReportFixtures.report().json()))
        #expect(try MaturityReport.decode(json: Data(json.utf8)) == report)
        #expect(json.contains("\"schema\" : \"pmo-academy/maturity-report\""))
        #expect(json.contains("\"statement\" : \"\(Self.statement)\""))
        #expect(json.contains("\"percent\" : 66.7"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "schemaVersion", "unit", "assessedOn", "previousAssessedOn", "model",
                                     "assessors", "complete", "headline", "coverage", "dimensions", "blockers", "trend",
                                     "improvementPlan", "missing"])
        // Sorted keys: top-level keys appear in alphabetical order.
        let positions = ["assessedOn", "assessors", "blockers", "complete", "coverage", "dimensions"].compactMap {
            json.range(of: "\n  \"\($0)\"")?.lowerBound
        }
        #expect(positions.count == 6 && positions == positions.sorted())
    }

    @Test("csv: a row per dimension and per plan step")
    func csv() throws {
        let csv = try MaturityReportFixtures.report().csv()
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("section,unit,assessed_on,dimension") == true)
        #expect(lines.count == 1 + 3 + 2)
        #expect(lines.contains { $0.hasPrefix("plan,Engineering/Platform,2025-01-01,governance,") && $0.hasSuffix(",yes,governance-knowledge pmo") })
    }

    @Test("html: self-contained, escaped, with radar and trend charts and every section")
    func html() throws {
        let html = try MaturityReportFixtures.report(unit: "<script>alert('x')</script> & Co").html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        // Nothing is loaded from outside the file.
        let external = try Regex(#"(src|href)\s*=\s*["']?\s*(https?:|//)"#).ignoresCase()
        #expect(html.firstMatch(of: external) == nil)
        #expect(!html.contains("@import") && !html.contains("url(http"))
        #expect(!html.contains("<link"))
        let flat = folded(html)
        #expect(flat.contains("Level 2 Repeatable — the lowest of the three dimensions (weakest link, as CMMI rates)."))
        #expect(flat.contains("66.7%"))
        #expect(flat.contains("OPM3-style"))
        #expect(flat.contains("Governance &amp; knowledge &lt;management&gt; <code>governance-knowledge</code>"))
        #expect(flat.contains("Leading people <code>leading-people</code>"))
        #expect(flat.contains("“No tailoring guide &lt;yet&gt; &amp; no owner”"))
        #expect(html.contains("@media print") && html.contains("size: A4"))
        // The radar, then trend panels: headline level, coverage and one per dimension.
        let svgs = html.svgFragments
        #expect(svgs.count == 1 + 2 + 3)
        for svg in svgs { #expect(ParsedXML(svg) != nil, "malformed SVG") }
        let radar = try #require(ParsedXML(svgs[0]))
        #expect(radar.named("polygon", inside: "series").map { $0.attributes["points"]?.pointCount } == [3, 3])
        for svg in svgs.dropFirst() {
            let trend = try #require(ParsedXML(svg))
            #expect(trend.withClass("series").count == 1)
            #expect(trend.named("g", inside: "series").count == 3, "one marker per assessment")
        }
        #expect(flat.contains("Courses that cover the most of the plan"))
        // Ids are unique across the page.
        let ids = try html.matches(of: Regex(#" id="([^"]+)""#)).map { String($0.output[1].substring ?? "") }
        #expect(Set(ids).count == ids.count)
    }

    @Test("every format renders a first assessment, a single dimension and a level-5 unit")
    func edgeCases() throws {
        let model = MaturityReportFixtures.model([.init(id: "only", name: "Only", description: "", criteria: [
            MaturityReportFixtures.criterion("o-2-1", 2, courses: ["pmo"]),
        ], location: MaturityReportFixtures.here)])
        let scorer = try MaturityScorer(model: model)
        for answers in [[], [MaturityAnswer(criterion: "o-2-1", point: "fully", assessor: "a")]] {
            let report = MaturityReport(model: model, latest: scorer.score(answers), trend: MaturityTrend(points: []),
                                        unit: "U", assessedOn: MaturityReportFixtures.dates[0], courseTitles: [:])
            for format in ReportFormat.allCases {
                let output = try report.render(format)
                #expect(!output.isEmpty)
            }
            let text = report.text()
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
            #expect(folded(text).contains("the trend starts here"))
            for svg in report.html().svgFragments { #expect(ParsedXML(svg) != nil) }
            if answers.isEmpty {
                #expect(text.contains("pmo"))
            } else {
                #expect(text.contains("Nothing: every dimension is at level 5."))
            }
        }
    }
}
