import AcademyCore
import AcademyStore
import Foundation

/// Re-estimates a person's ability per competency from all their responses, and stores the history.
struct SkillUpdater {
    let context: LearnerContext

    /// New estimates for `competencies`, from every response the person has given in each.
    func update(competencies: Set<String>) async throws {
        var estimates: [SkillEstimateRecord] = []
        // Calibrated parameters, where an item has them, replace the authored ones.
        let calibrations = try await context.store.latestCalibrations()
        for competency in competencies.sorted() {
            let responses = try await context.store.responses(personID: context.person.personID, competency: competency)
            let pairs: [(IRTParameters, Bool)] = responses.compactMap { response in
                context.catalog.itemByID[response.itemID].map { item in
                    (calibrations[item.id].map { IRTParameters(a: $0.a, b: $0.b) } ?? item.parameters, response.correct)
                }
            }
            guard !pairs.isEmpty else { continue }
            let estimate = AbilityEstimator().estimate(parameters: pairs.map(\.0), correct: pairs.map(\.1))
            estimates.append(SkillEstimateRecord(personID: context.person.personID, competency: competency, theta: estimate.theta,
                                                 se: estimate.se, responses: pairs.count, estimatedAt: context.now()))
        }
        try await context.store.saveEstimates(estimates)
    }
}
