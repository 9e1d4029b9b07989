@testable import AcademyReports
import AcademyCore
import Foundation
import Testing

@Suite("Maturity report: model")
struct MaturityReportTests {
    @Test("the headline is the weakest link, stated as such, with OPM3-style coverage")
    func headline() throws {
        let report = try MaturityReportFixtures.report()
        #expect(report.headline.level == 2)
        #expect(report.headline.statement
            == "Level 2 Repeatable — the lowest of the three dimensions (weakest link, as CMMI rates)")
        #expect(report.headline.heldBackBy.map(\.id) == ["governance"])
        #expect(report.headline.heldBackStatement == "Held back by Governance and methodology (1 of 2 level-3 criteria met).")
        #expect(report.headline.previousLevel == 1)
        // 10 of 12 criteria answered; met: gov 2-1, 2-2, 3-1; ppl 2-1, 3-1, 4-2; pmis 2-1, 3-1 = 8.
        #expect(report.coverage.met == 8 && report.coverage.total == 12)
        #expect(report.coverage.percent == 66.7)
        #expect(!report.complete)
        #expect(report.missing.flatMap(\.criteria) == ["gov-4-1", "ppl-5-1"])
        #expect(report.assessedOn == "2025-01-01" && report.previousAssessedOn == "2024-07-01")
    }

    @Test("dimensions carry level, rounded score, coverage and the previous values")
    func dimensions() throws {
        let report = try MaturityReportFixtures.report()
        let people = try #require(report.dimensions.first { $0.id == "people" })
        #expect(people.level == 3 && people.score == 3.5 && people.levelName == "Defined")
        #expect(people.previousLevel == 2)
        #expect(!people.holdsHeadline)
        #expect(report.dimensions.first { $0.id == "governance" }?.holdsHeadline == true)
        #expect(report.dimensions.first { $0.id == "pmis" }?.level == 5)
    }

    @Test("blockers list the unmet next-level criteria of the weakest dimension with answers, spread and evidence")
    func blockers() throws {
        let report = try MaturityReportFixtures.report()
        #expect(report.blockers.map(\.criterion) == ["gov-3-2"])
        let b = try #require(report.blockers.first)
        #expect(b.answer == "not-in-place" && b.answerLabel == "Not in place")
        #expect(b.spread == 3)
        #expect(b.answers.map(\.assessor) == ["ana", "ben"])
        #expect(b.answers.first?.note == "No tailoring guide <yet> & no owner")
        #expect(b.courses.map(\.id) == ["governance-knowledge", "pmo"])
        #expect(b.courses.first?.title == "Governance & knowledge <management>")
        #expect(b.evidenceHint == "Sample five projects for gov-3-2.")
    }

    @Test("the improvement plan names the courses with titles; unknown ids keep no title")
    func plan() throws {
        let report = try MaturityReportFixtures.report()
        #expect(report.improvementPlan.map(\.dimension) == ["governance", "people"])
        let people = try #require(report.improvementPlan.last)
        #expect(people.targetLevel == 4 && people.targetLevelName == "Quantitatively managed")
        #expect(people.steps.map(\.criterion) == ["ppl-4-1"])
        #expect(people.steps.first?.courses.map(\.title) == ["Risk management", "Leading people"])
    }

    @Test("the trend has every assessment, oldest first; an empty trend is the latest alone")
    func trend() throws {
        let report = try MaturityReportFixtures.report()
        #expect(report.trend.map(\.date) == ["2024-01-01", "2024-07-01", "2025-01-01"])
        #expect(report.trend.map(\.headline) == [1, 1, 2])
        let subs = try MaturityReportFixtures.submissions()
        let alone = MaturityReport(model: MaturityReportFixtures.small, latest: subs[2].result, trend: MaturityTrend(points: []),
                                   unit: "U", assessedOn: subs[2].date, courseTitles: [:])
        #expect(alone.trend.count == 1)
        #expect(alone.headline.previousLevel == nil)
    }

    @Test("building from submissions takes the latest and the one before it")
    func fromSubmissions() throws {
        let subs = try MaturityReportFixtures.submissions()
        let report = try #require(MaturityReport(model: MaturityReportFixtures.small, submissions: subs.reversed(),
                                                 unit: "Engineering/Platform",
                                                 courseTitles: MaturityReportFixtures.courseTitles))
        #expect(report == (try MaturityReportFixtures.report()))
        #expect(MaturityReport(model: MaturityReportFixtures.small, submissions: [], unit: "U", courseTitles: [:]) == nil)
    }

    @Test("a single-dimension model says so")
    func singleDimension() throws {
        let model = MaturityReportFixtures.model([.init(id: "only", name: "Only", description: "", criteria: [
            MaturityReportFixtures.criterion("o-2-1", 2, courses: ["pmo"]),
        ], location: MaturityReportFixtures.here)])
        let result = try MaturityScorer(model: model).score([])
        let report = MaturityReport(model: model, latest: result, trend: MaturityTrend(points: []), unit: "U",
                                    assessedOn: MaturityReportFixtures.dates[0], courseTitles: [:])
        #expect(report.headline.statement == "Level 1 Initial — the level of the only dimension rated (weakest link, as CMMI rates)")
    }
}

@Suite("Maturity report: derived views")
struct MaturityReportDerivedTests {
    @Test("key points say what raises the headline and the largest changes")
    func keyPoints() throws {
        let points = try MaturityReportFixtures.report().keyPoints
        #expect(points.first == "To raise the headline to level 3: meet 1 more criterion in Governance and methodology.")
        #expect(points.contains("Strongest: Information systems and tools (PMIS), level 5 (5.00)."))
        #expect(points.contains("Largest gain since 2024-07-01: Information systems and tools (PMIS) (+3.00)."))
        #expect(points.contains { $0.hasPrefix("Assessors disagree by two steps or more on 1 of the criteria") })
        #expect(points.contains("2 criteria have no answer yet and count as not met."))
    }

    @Test("plan courses: most criteria first, ties in order of first mention")
    func planCourses() throws {
        let courses = try MaturityReportFixtures.report().planCourses
        #expect(courses.map(\.course.id) == ["governance-knowledge", "pmo", "risk", "leading-people"])
        #expect(courses.allSatisfy { $0.criteria.count == 1 })
    }
}
