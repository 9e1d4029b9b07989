@testable import AcademyCore
import Foundation
import Testing

@Suite("Maturity: the shipped model")
struct ShippedMaturityModelTests {
    /// The repository root, four levels above this file.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func shipped() throws -> MaturityModel {
        let catalog = try CatalogLoader.load(directory: Self.root).catalog
        return try #require(catalog.maturityModels.first { $0.id == "pmo-maturity" })
    }

    @Test("all fully scores level 5 everywhere; no answers scores level 1 everywhere")
    func extremes() throws {
        let model = try shipped()
        #expect(model.dimensions.count == 7)
        let scorer = try MaturityScorer(model: model)
        #expect(scorer.threshold == "largely")
        let criteria = model.dimensions.flatMap(\.criteria)
        let full = scorer.score(criteria.map { MaturityAnswer(criterion: $0.id, point: "fully", assessor: "lead") })
        #expect(full.dimensions.allSatisfy { $0.level == 5 && $0.score == 5 })
        #expect(full.headline.level == 5)
        #expect(full.coverage.percent == 100)
        #expect(full.isComplete)
        #expect(full.improvementPlan.dimensions.isEmpty)

        let empty = scorer.score([])
        #expect(empty.dimensions.allSatisfy { $0.level == 1 && $0.score == 1 })
        #expect(empty.headline.level == 1)
        #expect(empty.headline.heldBackBy.count == 7)
        #expect(empty.missing.flatMap(\.criteria).count == criteria.count)
        // The plan for an empty assessment is every level-2 criterion.
        #expect(empty.improvementPlan.dimensions.flatMap(\.steps).map(\.criterion)
            == criteria.filter { $0.level == 2 }.map(\.id))
    }

    @Test("the shipped capability criteria produce evidence from people's levels")
    func capability() throws {
        let model = try shipped()
        let scorer = try MaturityScorer(model: model)
        let result = scorer.score([], people: [PersonCapability(person: "p", role: "project-manager", levels: [:])])
        let withEvidence = result.dimensions.flatMap(\.criteria).filter { $0.capability != nil }
        #expect(withEvidence.count == model.dimensions.flatMap(\.criteria).filter { $0.capability != nil }.count)
        #expect(!withEvidence.isEmpty)
    }
}
