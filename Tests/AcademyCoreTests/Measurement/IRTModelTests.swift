@testable import AcademyCore
import Foundation
import Testing

extension MeasurementTests {
    @Suite("2PL model")
    struct IRTModelTests {
        @Test func probabilityIsHalfAtTheDifficultyAndRisesWithAbility() {
            let item = IRTParameters(a: 1.7, b: 0.4)
            #expect(abs(item.probability(at: 0.4) - 0.5) < 1e-15)
            #expect(item.probability(at: -1) < item.probability(at: 0) && item.probability(at: 0) < item.probability(at: 1))
            #expect(abs(item.probability(at: 1.4) - 1 / (1 + exp(-1.7))) < 1e-15)
        }

        @Test func raschIsTheTwoPLWithUnitDiscrimination() {
            let rasch = IRTParameters.authored(difficulty: 4)
            #expect(rasch.isRasch && rasch.b == 1)
            #expect(abs(rasch.probability(at: 2) - 1 / (1 + exp(-1.0))) < 1e-15)
            #expect(!IRTParameters(a: 1.2, b: 0).isRasch)
        }

        @Test func informationPeaksAtTheDifficultyWithAQuarterOfASquared() {
            let item = IRTParameters(a: 2, b: -0.5)
            #expect(abs(item.information(at: -0.5) - 1.0) < 1e-15)
            for theta in stride(from: -3.0, through: 3.0, by: 0.25) where theta != -0.5 {
                #expect(item.information(at: theta) < 1.0)
            }
            let p = item.probability(at: 0.7)
            #expect(abs(item.information(at: 0.7) - 4 * p * (1 - p)) < 1e-15)
        }

        @Test func usability() {
            #expect(IRTParameters(a: 1, b: 0).isUsable)
            #expect(!IRTParameters(a: 0, b: 0).isUsable)
            #expect(!IRTParameters(a: 1, b: .nan).isUsable)
        }

        @Test func logLikelihoodOfBothAnswersSumsToOneInProbability() {
            let item = IRTParameters(a: 0.8, b: 1.1)
            let total = exp(item.logLikelihood(correct: true, at: 0.3)) + exp(item.logLikelihood(correct: false, at: 0.3))
            #expect(abs(total - 1) < 1e-15)
        }
    }

    @Suite("Quadrature")
    struct QuadratureTests {
        @Test func standardGridIsSixtyOneNodesOnPlusMinusFour() {
            let grid = Quadrature.standard
            #expect(grid.count == 61)
            #expect(grid.nodes.first == -4 && grid.nodes.last == 4)
            #expect(abs(grid.nodes[30]) < 1e-15)
            #expect(abs(grid.weights.reduce(0, +) - 1) < 1e-12)
            // The weights follow the N(0, 1) density: symmetric, highest in the middle.
            #expect(abs(grid.weights[0] - grid.weights[60]) < 1e-18)
            #expect(grid.weights.max() == grid.weights[30])
        }

        @Test func gaussLegendreIntegratesPolynomialsExactly() {
            let (nodes, weights) = Quadrature.legendreRoots(10)
            #expect(abs(weights.reduce(0, +) - 2) < 1e-13)
            // ∫₋₁¹ x⁸ dx = 2/9; a 10-point rule is exact up to degree 19.
            let integral = zip(nodes, weights).reduce(0) { $0 + pow($1.0, 8) * $1.1 }
            #expect(abs(integral - 2.0 / 9.0) < 1e-13)
            #expect(nodes == nodes.sorted())
            // Known largest root of P₁₀.
            #expect(abs(nodes[9] - 0.9739065285171717) < 1e-14)
        }

        @Test func shiftedGaussLegendreCoversTheInterval() {
            let grid = Quadrature.gaussLegendre(count: 41, lower: -4.5, upper: 4.5)
            #expect(grid.count == 41)
            #expect(grid.nodes.first! > -4.5 && grid.nodes.last! < 4.5)
            // The weighted prior has mean 0 and variance ≈ 1.
            let mean = zip(grid.nodes, grid.weights).reduce(0) { $0 + $1.0 * $1.1 }
            let variance = zip(grid.nodes, grid.weights).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
            #expect(abs(mean) < 1e-12)
            #expect(abs(variance - 1) < 1e-3)
        }
    }
}
