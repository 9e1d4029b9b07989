@testable import AcademyCore
import Foundation
import Testing

extension MeasurementTests {
    @Suite("Ability estimation")
    struct AbilityEstimatorTests {
        let bank = (0..<30).map { IRTParameters(a: 0.8 + Double($0 % 5) * 0.3, b: -2.5 + Double($0) / 6) }

        @Test func withoutResponsesTheEstimateIsThePrior() {
            let estimate = AbilityEstimator().estimate([])
            #expect(abs(estimate.theta) < 1e-12)
            #expect(abs(estimate.se - 1) < 0.01)
            #expect(estimate.responses == 0)
        }

        @Test func moreRightAnswersGiveAHigherThetaAndMoreAnswersASmallerSE() {
            let estimator = AbilityEstimator()
            let items = Array(bank.prefix(10))
            var previous = -Double.infinity
            for right in 0...10 {
                let estimate = estimator.estimate(parameters: items, correct: (0..<10).map { $0 < right })
                #expect(estimate.theta > previous)
                previous = estimate.theta
            }
            let five = estimator.estimate(parameters: Array(bank.prefix(5)), correct: [true, false, true, false, true])
            let twenty = estimator.estimate(parameters: Array(bank.prefix(20)), correct: (0..<20).map { $0 % 2 == 0 })
            #expect(twenty.se < five.se)
            #expect(twenty.responses == 20)
        }

        @Test func allRightAndAllWrongStayFiniteAndInsideTheGrid() {
            let estimator = AbilityEstimator()
            let allRight = estimator.estimate(parameters: bank, correct: Array(repeating: true, count: bank.count))
            let allWrong = estimator.estimate(parameters: bank, correct: Array(repeating: false, count: bank.count))
            #expect(allRight.theta > 2 && allRight.theta < 4)
            #expect(allWrong.theta < -2 && allWrong.theta > -4)
            #expect(allRight.se.isFinite && allRight.se > 0)
        }

        @Test func longPatternsDoNotUnderflow() {
            // 600 answers to very discriminating items: the product of probabilities would underflow without rescaling.
            let items = (0..<600).map { IRTParameters(a: 4, b: -3 + Double($0 % 60) / 10) }
            let correct = items.map { $0.b < 0.3 }
            let estimate = AbilityEstimator().estimate(parameters: items, correct: correct)
            #expect(estimate.theta.isFinite && estimate.se.isFinite)
            #expect(abs(estimate.theta - 0.3) < 0.15)
            #expect(estimate.se < 0.1)
        }

        @Test func mapFindsThePosteriorMode() {
            let estimator = AbilityEstimator(method: .map)
            let items = Array(bank.prefix(12))
            let correct = [true, true, false, true, false, true, true, false, false, true, false, false]
            let estimate = estimator.estimate(parameters: items, correct: correct)
            // Brute force: the log posterior on a fine grid.
            func logPosterior(_ theta: Double) -> Double {
                zip(items, correct).reduce(-0.5 * theta * theta) { $0 + $1.0.logLikelihood(correct: $1.1, at: theta) }
            }
            let grid = stride(from: -4.0, through: 4.0, by: 0.0001)
            let best = grid.max { logPosterior($0) < logPosterior($1) }!
            #expect(abs(estimate.theta - best) < 2e-4)
            let information = items.reduce(0) { $0 + $1.information(at: estimate.theta) }
            #expect(abs(estimate.se - 1 / (information + 1).squareRoot()) < 1e-12)
            // MAP and EAP differ but are close for a symmetric-ish posterior.
            let eap = AbilityEstimator().estimate(parameters: items, correct: correct)
            #expect(abs(eap.theta - estimate.theta) < 0.2)
            #expect(eap.theta != estimate.theta)
        }

        @Test func mapWithAFlatPriorIsBoundedForAllRight() {
            let estimator = AbilityEstimator(method: .map, quadrature: .uniform(prior: .uniform))
            let estimate = estimator.estimate(parameters: Array(bank.prefix(5)), correct: Array(repeating: true, count: 5))
            #expect(estimate.theta == 4)
        }

        @Test func tableEstimatesEqualTheDirectOnesForAnyThreadCount() {
            var generator = SeededGenerator(seed: 7)
            let items = ResponseSimulator.bank(count: 40, using: &generator)
            let abilities = ResponseSimulator.abilities(count: 3000, using: &generator)
            let matrix = ResponseSimulator.responses(abilities: abilities, bank: items, answered: 17, using: &generator)
            let table = EAPTable(parameters: items)
            let serial = table.estimate(matrix, parallelism: 1)
            let parallel = table.estimate(matrix, parallelism: 4)
            #expect(serial == parallel)
            let estimator = AbilityEstimator()
            for row in stride(from: 0, to: matrix.rowCount, by: 97) {
                let direct = estimator.estimate(matrix.row(row).map { ScoredResponse(items[$0.item], correct: $0.correct) })
                #expect(abs(direct.theta - serial[row].theta) < 1e-12)
                #expect(abs(direct.se - serial[row].se) < 1e-12)
                #expect(serial[row].responses == 17)
            }
            // The estimates track the true abilities.
            let error = zip(serial, abilities).reduce(0) { $0 + ($1.0.theta - $1.1) * ($1.0.theta - $1.1) } / Double(abilities.count)
            #expect(error.squareRoot() < 0.5)
        }

        @Test func cutScoresMapThetaToLevels() {
            let cuts = CutScores.default
            #expect([-2.0, -1.0, -0.3, -0.25, 0.49, 0.5, 1.25, 3].map(cuts.level(forTheta:)) == [1, 2, 2, 3, 3, 4, 5, 5])
            #expect(cuts.name(ofLevel: 3) == "Competent")
            #expect(cuts.name(ofLevel: 9) == "level 9")
        }
    }
}
