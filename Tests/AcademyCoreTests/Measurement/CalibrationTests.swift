@testable import AcademyCore
import Foundation
import Testing

extension MeasurementTests {
    @Suite("Calibration")
    struct CalibrationTests {
        static func data(persons: Int, items: Int, answered: Int? = nil, seed: UInt64)
            -> (bank: [IRTParameters], matrix: ResponseMatrix) {
            var generator = SeededGenerator(seed: seed)
            let bank = ResponseSimulator.bank(count: items, using: &generator)
            let abilities = ResponseSimulator.abilities(count: persons, using: &generator)
            return (bank, ResponseSimulator.responses(abilities: abilities, bank: bank, answered: answered, using: &generator))
        }

        @Test func recoversSimulatedParameters() throws {
            let (bank, matrix) = Self.data(persons: 3000, items: 15, seed: 11)
            let result = Calibrator().calibrate(matrix)
            #expect(result.converged)
            #expect(result.iterations > 1)
            for (truth, item) in zip(bank, result.items) {
                let estimated = try #require(item.parameters)
                #expect(item.calibrated && item.responses == 3000)
                #expect(abs(estimated.b - truth.b) < 0.25, "b \(estimated.b) vs \(truth.b)")
                #expect(abs(estimated.a - truth.a) < 0.35, "a \(estimated.a) vs \(truth.a)")
            }
        }

        @Test func itemsWithTooFewResponsesAreNotCalibrated() {
            var matrix = Self.data(persons: 400, items: 6, seed: 12).matrix
            // A seventh item answered by only 50 persons.
            var extended = ResponseMatrix(itemCount: 7)
            for row in 0..<matrix.rowCount {
                for response in matrix.row(row) { extended.append(item: response.item, correct: response.correct) }
                if row < 50 { extended.append(item: 6, correct: row % 2 == 0) }
                extended.endRow()
            }
            matrix = extended
            let free = Calibrator().calibrate(matrix)
            #expect(free.items[6].calibrated == false)
            #expect(free.items[6].parameters == nil)
            #expect(free.items[6].responses == 50)
            #expect(free.items[0].calibrated)
            // With a given value the item anchors the run and keeps it.
            let anchor = IRTParameters(a: 1.3, b: 0.7)
            let anchored = Calibrator().calibrate(matrix, initial: Array(repeating: nil, count: 6) + [anchor])
            #expect(anchored.items[6].parameters == anchor)
            #expect(!anchored.items[6].calibrated)
        }

        @Test func theResultDoesNotDependOnTheThreadCount() {
            let (_, matrix) = Self.data(persons: 2000, items: 10, answered: 7, seed: 13)
            var one = CalibrationOptions()
            one.parallelism = 1
            var four = CalibrationOptions()
            four.parallelism = 4
            #expect(Calibrator(options: one).calibrate(matrix) == Calibrator(options: four).calibrate(matrix))
        }

        @Test func priorsShrinkTowardsTheirMeans() throws {
            let (_, matrix) = Self.data(persons: 250, items: 8, seed: 14)
            let loose = Calibrator(options: CalibrationOptions(slopePrior: nil, difficultyPrior: nil)).calibrate(matrix)
            let tight = Calibrator(options: CalibrationOptions(slopePrior: ParameterPrior(mean: 0, standardDeviation: 0.05),
                                                               difficultyPrior: ParameterPrior(mean: 0, standardDeviation: 0.05)))
                .calibrate(matrix)
            for (l, t) in zip(loose.items, tight.items) {
                let looseParameters = try #require(l.parameters), tightParameters = try #require(t.parameters)
                #expect(abs(tightParameters.b) <= abs(looseParameters.b) + 1e-9)
                #expect(abs(log(tightParameters.a)) < 0.2)
            }
        }

        @Test func theMStepFindsTheMaximumOfTheExpectedLogLikelihood() {
            // Expected counts generated exactly from a = 1.4, b = 0.3: the maximiser must return them.
            let options = CalibrationOptions(slopePrior: nil, difficultyPrior: nil)
            let truth = IRTParameters(a: 1.4, b: 0.3)
            let nodes = options.quadrature.nodes
            let n = options.quadrature.weights.map { $0 * 10_000 }
            let r = zip(nodes, n).map { truth.probability(at: $0) * $1 }
            let fitted = Calibrator(options: options).maximise(IRTParameters(a: 0.6, b: -1), r: r[...], n: n[...])
            #expect(abs(fitted.a - 1.4) < 1e-6)
            #expect(abs(fitted.b - 0.3) < 1e-6)
        }
    }
}
