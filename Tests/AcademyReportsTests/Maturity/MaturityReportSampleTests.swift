@testable import AcademyReports
import AcademyCore
import Foundation
import Testing

/// Renders the report of the shipped model for a realistic unit, checks it and writes it out
/// for `scripts/screenshot-report.sh` (to `$PMO_REPORT_SAMPLE_DIR`, or a temporary folder).
@Suite("Maturity report: shipped model sample")
struct MaturityReportSampleTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A deterministic generator so the sample is the same on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Three assessments over a year; every dimension matures, governance lags behind.
    static func sample() throws -> MaturityReport {
        let catalog = try CatalogLoader.load(directory: root).catalog
        let model = try #require(catalog.maturityModels.first { $0.id == "pmo-maturity" })
        let scorer = try MaturityScorer(model: model)
        var random = SplitMix(state: 42)
        // Maturity reached per dimension at each assessment (criteria at or below it are in place).
        let maturity: [String: [Double]] = [
            "governance": [1.6, 2.2, 2.5], "people": [2.0, 2.8, 3.4], "pmis": [2.2, 2.9, 3.2],
            "knowledge": [1.8, 2.6, 3.1], "portfolio": [2.1, 2.4, 3.0], "benefits": [1.7, 2.5, 3.0],
            "performance": [2.0, 3.0, 3.6],
        ]
        let notes = ["gov-3-2": "Tailoring guide drafted in March, not yet approved by the board.",
                     "gov-3-1": "Standard exists on the intranet; two programmes still use their own."]
        let people = (1...24).map { i in
            PersonCapability(person: "p\(i)", role: i <= 18 ? "project-manager" : "sponsor",
                             levels: i % 7 == 0 ? [:] : Dictionary(uniqueKeysWithValues: catalog.competencies.map {
                                 ($0.id, 2 + (i * 7 + $0.id.count) % 3)
                             }))
        }
        var submissions: [MaturitySubmission] = []
        let dates = ["2024-03-15", "2024-09-20", "2025-03-14"].compactMap(ReportDate.parse)
        for (t, date) in dates.enumerated() {
            var answers: [MaturityAnswer] = []
            for assessor in ["a.martin", "b.okafor", "c.lindqvist"] {
                for dimension in model.dimensions {
                    let m = maturity[dimension.id]?[t] ?? 2
                    for criterion in dimension.criteria {
                        if t == 2, assessor == "c.lindqvist", criterion.level == 5 { continue }
                        let gap = Double(criterion.level) - m
                        let roll = Double(random.next() % 1000) / 1000
                        let step = gap <= -0.5 ? (roll < 0.85 ? 3 : 2) : gap <= 0.5 ? (roll < 0.6 ? 2 : (roll < 0.85 ? 3 : 1))
                            : gap <= 1.5 ? (roll < 0.55 ? 1 : (roll < 0.8 ? 0 : 2)) : (roll < 0.7 ? 0 : 1)
                        answers.append(MaturityAnswer(criterion: criterion.id, point: model.scale[step].id,
                                                      note: assessor == "a.martin" ? notes[criterion.id] : nil,
                                                      assessor: assessor))
                    }
                }
            }
            submissions.append(MaturitySubmission(date: date, result: scorer.score(answers, people: people)))
        }
        return try #require(MaturityReport(model: model, submissions: submissions, unit: "Engineering/Platform",
                                           courseTitles: MaturityReport.courseTitles(catalog)))
    }

    @Test("the shipped model's report renders in every format and fits 80 columns; written for screenshots")
    func sample() throws {
        let report = try Self.sample()
        #expect(report.dimensions.count == 7)
        #expect(report.headline.statement.contains("the lowest of the seven dimensions (weakest link, as CMMI rates)"))
        let text = report.text()
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "too wide: \(line)") }
        for svg in report.html().svgFragments { #expect(ParsedXML(svg) != nil) }

        let directory = ProcessInfo.processInfo.environment["PMO_REPORT_SAMPLE_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("pmo-report-samples")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for format in ReportFormat.allCases {
            try report.render(format).write(to: directory.appendingPathComponent("maturity.\(format.fileExtension)"),
                                            atomically: true, encoding: .utf8)
        }
        let catalog = try CatalogLoader.load(directory: Self.root).catalog
        let model = try #require(catalog.maturityModels.first)
        let empty = try MaturityScorer(model: model).score([])
        let first = try #require(MaturityReport(
            model: model, submissions: [MaturitySubmission(date: Date(timeIntervalSince1970: 1_710_460_800), result: empty)],
            unit: "Finance/New PMO", courseTitles: [:]))
        try first.html().write(to: directory.appendingPathComponent("maturity-first.html"), atomically: true, encoding: .utf8)
        try chartSamples().write(to: directory.appendingPathComponent("charts.html"), atomically: true, encoding: .utf8)
    }

    /// A page with a bar chart and a heatmap, to look at the toolkit issue 7 will use.
    func chartSamples() -> String {
        let competencies = ["Scope & schedule", "Risk management", "Stakeholder engagement", "Governance", "Finance",
                            "Leadership"]
        let bars = BarChart(title: "Levels per competency", categories: (1...5).map { "Level \($0)" },
                            rows: competencies.enumerated().map { i, c in
                                .init(label: c, values: (0..<5).map { Double((i * 3 + $0 * 5) % 7) })
                            }, idPrefix: "bars")
        let heat = Heatmap(title: "Levels per person", columns: competencies, rows: (1...6).map { p in
            Heatmap.Row(label: "Person \(p)", cells: competencies.indices.map { c in
                (p + c) % 9 == 0 ? .init(nil) : .init(Double(1 + (p * 2 + c) % 5), flagged: (p + c) % 5 == 0)
            })
        }, decimals: 0, idPrefix: "heat")
        return HTMLPage.document(title: "Chart samples", body: "<h2>Stacked distribution</h2><figure>\(bars.svg())</figure>"
            + "<h2>Heatmap</h2><figure>\(heat.svg())</figure>")
    }
}
