import AcademyCore
import AcademyReports
import Foundation

/// Small maturity models and scored results built in code for the report tests.
enum MaturityReportFixtures {
    static let scale: [MaturityModel.ScalePoint] = [
        .init(id: "not-in-place", label: "Not in place", value: 0),
        .init(id: "partly", label: "Partly", value: 1),
        .init(id: "largely", label: "Largely", value: 2),
        .init(id: "fully", label: "Fully", value: 3),
    ]

    static let levels: [MaturityModel.Level] = zip(1...5, ["Initial", "Repeatable", "Defined", "Quantitatively managed",
                                                           "Optimizing"]).map { .init(number: $0, name: $1, description: "") }

    static let here = SourceLocation(file: "test.yaml")

    static let pmCapability = MaturityModel.CapabilityRequirement(
        competencies: ["scope-schedule", "risk-management"], role: "project-manager", minimumLevel: 3, share: 0.6)

    static func criterion(_ id: String, _ level: Int, courses: [String] = [],
                          capability: MaturityModel.CapabilityRequirement? = nil) -> MaturityModel.Criterion {
        .init(id: id, level: level, text: "Practice \(id) is in place & used on most projects.",
              evidence: "Sample five projects for \(id).", courses: courses, capability: capability, location: here)
    }

    static func model(_ dimensions: [MaturityModel.Dimension]) -> MaturityModel {
        .init(id: "test-model", name: "Test model", version: "1.0.0", description: "", scale: scale, threshold: "largely",
              levels: levels, dimensions: dimensions, location: here)
    }

    /// Three dimensions; governance is the weakest link at level 2.
    static let small = model([
        .init(id: "governance", name: "Governance and methodology", description: "", criteria: [
            criterion("gov-2-1", 2, courses: ["foundations"]),
            criterion("gov-2-2", 2, courses: ["pmo"]),
            criterion("gov-3-1", 3, courses: ["governance-knowledge"]),
            criterion("gov-3-2", 3, courses: ["governance-knowledge", "pmo"], capability: pmCapability),
            criterion("gov-4-1", 4),
        ], location: here),
        .init(id: "people", name: "People and capability", description: "", criteria: [
            criterion("ppl-2-1", 2),
            criterion("ppl-3-1", 3, courses: ["scope-schedule-cost", "risk"], capability: pmCapability),
            criterion("ppl-4-1", 4, courses: ["risk", "leading-people"]),
            criterion("ppl-4-2", 4, courses: ["unknown-course"]),
            criterion("ppl-5-1", 5),
        ], location: here),
        .init(id: "pmis", name: "Information systems and tools (PMIS)", description: "", criteria: [
            criterion("pmis-2-1", 2),
            criterion("pmis-3-1", 3, courses: ["pmis-basics"]),
        ], location: here),
    ])

    static let courseTitles = [
        "foundations": "Project management foundations",
        "pmo": "Running a PMO",
        "governance-knowledge": "Governance & knowledge <management>",
        "scope-schedule-cost": "Scope, schedule and cost",
        "risk": "Risk management",
        "leading-people": "Leading people",
        "pmis-basics": "PMIS basics",
    ]

    static let people = [
        PersonCapability(person: "p1", role: "project-manager", levels: ["scope-schedule": 3, "risk-management": 4]),
        PersonCapability(person: "p2", role: "project-manager", levels: ["scope-schedule": 3, "risk-management": 2]),
        PersonCapability(person: "p3", role: "project-manager", levels: ["scope-schedule": 4]),
        PersonCapability(person: "p4", role: "project-manager", levels: ["scope-schedule": 5, "risk-management": 3]),
    ]

    static func answers(_ points: [String: String], by assessor: String, notes: [String: String] = [:]) -> [MaturityAnswer] {
        points.sorted { $0.key < $1.key }.map {
            MaturityAnswer(criterion: $0.key, point: $0.value, note: notes[$0.key], assessor: assessor)
        }
    }

    /// The earlier assessment: everything at level 1 or 2.
    static let previousAnswers = answers([
        "gov-2-1": "largely", "gov-2-2": "partly", "ppl-2-1": "largely", "ppl-3-1": "partly",
        "pmis-2-1": "fully", "pmis-3-1": "partly",
    ], by: "ana")

    /// The latest assessment by ana and ben; gov-4-1 and ppl-5-1 are left open.
    static let latestAnswers =
        answers(["gov-2-1": "fully", "gov-2-2": "largely", "gov-3-1": "largely", "gov-3-2": "not-in-place",
                 "ppl-2-1": "fully", "ppl-3-1": "largely", "ppl-4-1": "partly", "ppl-4-2": "fully",
                 "pmis-2-1": "fully", "pmis-3-1": "largely"],
                by: "ana", notes: ["gov-3-2": "No tailoring guide <yet> & no owner", "ppl-4-1": "Only \"some\" teams"])
        + answers(["gov-2-1": "largely", "gov-2-2": "fully", "gov-3-1": "fully", "gov-3-2": "fully",
                   "ppl-2-1": "fully", "ppl-3-1": "largely", "ppl-4-1": "largely", "ppl-4-2": "fully",
                   "pmis-2-1": "largely", "pmis-3-1": "fully"], by: "ben")

    static let dates = [
        Date(timeIntervalSince1970: 1_704_067_200),  // 2024-01-01
        Date(timeIntervalSince1970: 1_719_792_000),  // 2024-07-01
        Date(timeIntervalSince1970: 1_735_689_600),  // 2025-01-01
    ]

    static func submissions(unit: String = "Engineering/Platform") throws -> [MaturitySubmission] {
        let scorer = try MaturityScorer(model: small)
        return [
            MaturitySubmission(date: dates[0], result: scorer.score([])),
            MaturitySubmission(date: dates[1], result: scorer.score(previousAnswers, people: people)),
            MaturitySubmission(date: dates[2], result: scorer.score(latestAnswers, people: people)),
        ]
    }

    /// The report of the latest of three assessments of the small model.
    static func report(unit: String = "Engineering/Platform") throws -> MaturityReport {
        let subs = try submissions(unit: unit)
        return MaturityReport(model: small, latest: subs[2].result, previous: subs[1].result, previousDate: subs[1].date,
                              trend: MaturityTrend(subs), unit: unit, assessedOn: subs[2].date,
                              courseTitles: courseTitles)
    }
}
