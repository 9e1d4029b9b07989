import Foundation
import AcademyCore

/// Maturity models and answer sets built in code for the scoring tests.
enum MaturityFixtures {
    static let scale: [MaturityModel.ScalePoint] = [
        .init(id: "not-in-place", label: "Not in place", value: 0),
        .init(id: "partly", label: "Partly", value: 1),
        .init(id: "largely", label: "Largely", value: 2),
        .init(id: "fully", label: "Fully", value: 3),
    ]

    static let levels: [MaturityModel.Level] = [
        .init(number: 1, name: "Initial", description: ""),
        .init(number: 2, name: "Repeatable", description: ""),
        .init(number: 3, name: "Defined", description: ""),
        .init(number: 4, name: "Managed", description: ""),
        .init(number: 5, name: "Optimizing", description: ""),
    ]

    static let here = SourceLocation(file: "test.yaml")

    static func criterion(_ id: String, _ level: Int, courses: [String] = [],
                          capability: MaturityModel.CapabilityRequirement? = nil) -> MaturityModel.Criterion {
        .init(id: id, level: level, text: "Text of \(id).", evidence: "Evidence for \(id).", courses: courses,
              capability: capability, location: here)
    }

    static func dimension(_ id: String, _ criteria: [MaturityModel.Criterion]) -> MaturityModel.Dimension {
        .init(id: id, name: id.capitalized, description: "", criteria: criteria, location: here)
    }

    /// A dimension with `count[level]` criteria per level, named `<id>-<level>-<n>`.
    static func dimension(_ id: String, perLevel count: [Int: Int]) -> MaturityModel.Dimension {
        let criteria = (2...5).flatMap { level in
            (0..<(count[level] ?? 0)).map { criterion("\(id)-\(level)-\($0 + 1)", level) }
        }
        return dimension(id, criteria)
    }

    static func model(_ dimensions: [MaturityModel.Dimension], threshold: String = "largely",
                      scale: [MaturityModel.ScalePoint] = scale) -> MaturityModel {
        .init(id: "test-model", name: "Test model", version: "1.0.0", description: "", scale: scale,
              threshold: threshold, levels: levels, dimensions: dimensions, location: here)
    }

    /// Answers by one assessor: criterion id → point id.
    static func answers(_ points: [String: String], by assessor: String = "ana") -> [MaturityAnswer] {
        points.sorted { $0.key < $1.key }.map { MaturityAnswer(criterion: $0.key, point: $0.value, assessor: assessor) }
    }

    // MARK: - The worked example of docs/maturity.md

    static let pmCapability = MaturityModel.CapabilityRequirement(
        competencies: ["scope-schedule", "risk-management"], role: "project-manager", minimumLevel: 3, share: 0.6)

    /// Two dimensions, three assessors; the example in docs/maturity.md.
    static let example = model([
        dimension("governance", [
            criterion("gov-2-1", 2, courses: ["foundations"]),
            criterion("gov-2-2", 2, courses: ["pmo"]),
            criterion("gov-3-1", 3, courses: ["governance-knowledge"]),
            criterion("gov-3-2", 3, courses: ["governance-knowledge", "pmo"]),
            criterion("gov-4-1", 4),
            criterion("gov-5-1", 5),
        ]),
        dimension("people", [
            criterion("ppl-2-1", 2),
            criterion("ppl-2-2", 2),
            criterion("ppl-3-1", 3, courses: ["scope-schedule-cost", "risk"], capability: pmCapability),
            criterion("ppl-3-2", 3),
            criterion("ppl-4-1", 4, courses: ["risk", "leading-people"]),
            criterion("ppl-4-2", 4),
            criterion("ppl-5-1", 5),
        ]),
    ])

    /// Answers of ana, ben and cho for the example (cho left gov-5-1 and ppl-4-1 open).
    static let exampleAnswers: [MaturityAnswer] = {
        let rows: [(String, String?, String?, String?)] = [
            ("gov-2-1", "fully", "largely", "fully"),
            ("gov-2-2", "largely", "partly", "largely"),
            ("gov-3-1", "fully", "largely", "largely"),
            ("gov-3-2", "partly", "not-in-place", "fully"),
            ("gov-4-1", "fully", "fully", "fully"),
            ("gov-5-1", "partly", "partly", nil),
            ("ppl-2-1", "largely", "fully", "fully"),
            ("ppl-2-2", "fully", "fully", "largely"),
            ("ppl-3-1", "largely", "largely", "partly"),
            ("ppl-3-2", "fully", "largely", "fully"),
            ("ppl-4-1", "partly", "largely", nil),
            ("ppl-4-2", "fully", "fully", "fully"),
            ("ppl-5-1", "not-in-place", "not-in-place", "not-in-place"),
        ]
        return rows.flatMap { row in
            [("ana", row.1), ("ben", row.2), ("cho", row.3)].compactMap { assessor, point in
                point.map { MaturityAnswer(criterion: row.0, point: $0, note: "\(assessor) on \(row.0)", assessor: assessor) }
            }
        }
    }()

    /// Measured people for the example's capability criterion ppl-3-1.
    static let examplePeople: [PersonCapability] = [
        .init(person: "p1", role: "project-manager", levels: ["scope-schedule": 3, "risk-management": 4]),
        .init(person: "p2", role: "project-manager", levels: ["scope-schedule": 3, "risk-management": 2]),
        .init(person: "p3", role: "project-manager", levels: ["scope-schedule": 4]),
        .init(person: "p4", role: "project-manager", levels: ["scope-schedule": 5, "risk-management": 3]),
        .init(person: "p5", role: "sponsor", levels: ["scope-schedule": 5, "risk-management": 5]),
    ]
}
