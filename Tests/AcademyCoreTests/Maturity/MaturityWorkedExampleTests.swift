@testable import AcademyCore
import Foundation
import Testing

@Suite("Maturity: the worked example of docs/maturity.md, plan, trend and JSON")
struct MaturityWorkedExampleTests {
    typealias F = MaturityFixtures

    func example() throws -> MaturityResult {
        try MaturityScorer(model: F.example).score(F.exampleAnswers, people: F.examplePeople)
    }

    @Test("combined answers and spreads per criterion")
    func criteria() throws {
        let result = try example()
        let table = result.dimensions.flatMap(\.criteria).map { "\($0.id) \($0.median ?? "-") \($0.spread) \($0.isMet)" }
        #expect(table == [
            "gov-2-1 fully 1 true",
            "gov-2-2 largely 1 true",
            "gov-3-1 largely 1 true",
            "gov-3-2 partly 3 false",
            "gov-4-1 fully 0 true",
            "gov-5-1 partly 0 false",
            "ppl-2-1 fully 1 true",
            "ppl-2-2 fully 1 true",
            "ppl-3-1 largely 1 true",
            "ppl-3-2 fully 1 true",
            "ppl-4-1 partly 1 false",
            "ppl-4-2 fully 0 true",
            "ppl-5-1 not-in-place 0 false",
        ])
        #expect(result.assessors == ["ana", "ben", "cho"])
        #expect(result.criterion("ppl-4-1")?.answers.map(\.assessor) == ["ana", "ben"])
    }

    @Test("levels, scores, coverage and headline")
    func levels() throws {
        let result = try example()
        let governance = try #require(result.dimension("governance"))
        #expect(governance.level == 2)
        #expect(abs(governance.score - 7.0 / 3) < 1e-12)   // 2 + (2/3 + 0) / 2
        #expect(governance.coverage == MaturityCoverage(met: 4, total: 6))
        #expect(governance.unmetAtNextLevel == ["gov-3-2"])

        let people = try #require(result.dimension("people"))
        #expect(people.level == 3)
        #expect(people.score == 3.5)                         // 3 + (0 + 3/3) / 2
        #expect(people.coverage == MaturityCoverage(met: 5, total: 7))
        #expect(people.unmetAtNextLevel == ["ppl-4-1"])

        #expect(result.coverage == MaturityCoverage(met: 9, total: 13))
        #expect(String(format: "%.1f", result.coverage.percent) == "69.2")
        #expect(result.headline.level == 2)
        #expect(result.headline.heldBackBy == [.init(dimension: "governance", name: "Governance", unmet: ["gov-3-2"])])
        #expect(result.isComplete, "every criterion has at least one assessor's answer")
        #expect(result.criterion("ppl-3-1")?.capability?.share == 0.5)
    }

    @Test("one assessor's incomplete questionnaire lists what is missing")
    func chosMissing() throws {
        let cho = F.exampleAnswers.filter { $0.assessor == "cho" }
        #expect(try MaturityScorer(model: F.example).missingAnswers(cho) == [
            .init(dimension: "governance", name: "Governance", criteria: ["gov-5-1"]),
            .init(dimension: "people", name: "People", criteria: ["ppl-4-1"]),
        ])
    }

    @Test("the improvement plan lists each dimension's unmet next-level criteria with their courses")
    func plan() throws {
        let plan = try example().improvementPlan
        #expect(plan == MaturityImprovementPlan(dimensions: [
            .init(dimension: "governance", name: "Governance", currentLevel: 2, targetLevel: 3, steps: [
                .init(criterion: "gov-3-2", level: 3, text: "Text of gov-3-2.", point: "partly",
                      courses: ["governance-knowledge", "pmo"]),
            ]),
            .init(dimension: "people", name: "People", currentLevel: 3, targetLevel: 4, steps: [
                .init(criterion: "ppl-4-1", level: 4, text: "Text of ppl-4-1.", point: "partly",
                      courses: ["risk", "leading-people"]),
            ]),
        ]))
        #expect(plan.courses == ["governance-knowledge", "pmo", "risk", "leading-people"])
    }

    @Test("a trend lists headline, coverage and per-dimension scores, oldest first")
    func trend() throws {
        let scorer = try MaturityScorer(model: F.example)
        let later = try example()
        let earlier = scorer.score([])
        let day: TimeInterval = 86_400
        let trend = MaturityTrend([
            MaturitySubmission(date: Date(timeIntervalSince1970: 200 * day), result: later),
            MaturitySubmission(date: Date(timeIntervalSince1970: 100 * day), result: earlier),
        ])
        #expect(trend.points.map(\.date) == [Date(timeIntervalSince1970: 100 * day), Date(timeIntervalSince1970: 200 * day)])
        #expect(trend.points.map(\.headline) == [1, 2])
        #expect(trend.points.map(\.coverage) == [0, later.coverage.percent])
        #expect(trend.points[0].dimensions == [
            .init(dimension: "governance", level: 1, score: 1), .init(dimension: "people", level: 1, score: 1),
        ])
        #expect(trend.points[1].dimensions.map(\.level) == [2, 3])
        #expect(trend.points[1].dimensions.map(\.score)[1] == 3.5)
        #expect(MaturityTrend([]).points.isEmpty)
    }

    @Test("results round-trip through JSON, with derived numbers written out")
    func json() throws {
        let result = try MaturityScorer(model: F.example, capabilityCapsAnswers: true)
            .score(F.exampleAnswers, people: F.examplePeople)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(result)
        #expect(try JSONDecoder().decode(MaturityResult.self, from: data) == result)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains(#""percent":61.53"#))   // 8 of 13 with people capped
        #expect(text.contains(#""isMet":false"#))
        #expect(text.contains(#""share":0.5"#))

        let submission = MaturitySubmission(date: Date(timeIntervalSince1970: 0), result: result)
        let trend = MaturityTrend([submission])
        #expect(try JSONDecoder().decode(MaturityTrend.self, from: encoder.encode(trend)) == trend)
        #expect(try JSONDecoder().decode(MaturitySubmission.self, from: encoder.encode(submission)) == submission)
    }
}
