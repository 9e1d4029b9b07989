@testable import AcademyCore
import Foundation
import Testing

extension MeasurementTests {
    @Suite("Measurement against reference implementations")
    struct GoldenMeasurementTests {
        @Test func eapMatchesCatsimWithTheSameNodesAndPrior() throws {
            let golden = try GoldenVectors.load("eap", as: GoldenVectors.EAP.self)
            let bank = zip(golden.bank.a, golden.bank.b).map { IRTParameters(a: $0, b: $1) }
            let quadrature = Quadrature.uniform(count: golden.catsim.nodes, lower: golden.catsim.lower, upper: golden.catsim.upper)
            #expect(quadrature == Quadrature.standard)
            let estimator = AbilityEstimator(quadrature: quadrature)
            let table = EAPTable(parameters: bank, quadrature: quadrature)
            #expect(golden.catsim.cases.count == 400)
            var worst = 0.0
            for vector in golden.catsim.cases {
                let responses = zip(vector.items, vector.correct).map { ScoredResponse(bank[$0], correct: $1 == 1) }
                let estimate = estimator.estimate(responses)
                let fromTable = table.estimate(items: vector.items.map(Int32.init), correct: vector.correct.map(UInt8.init))
                let se = try #require(vector.se)
                worst = max(worst, abs(estimate.theta - vector.theta), abs(estimate.se - se),
                            abs(fromTable.theta - vector.theta), abs(fromTable.se - se))
                #expect(estimate.responses == vector.items.count)
            }
            #expect(worst <= 1e-6, "largest difference from catsim: \(worst)")
        }

        @Test func eapMatchesGirthWithGaussLegendreNodes() throws {
            let golden = try GoldenVectors.load("eap", as: GoldenVectors.EAP.self)
            let bank = zip(golden.bank.a, golden.bank.b).map { IRTParameters(a: $0, b: $1) }
            let estimator = AbilityEstimator(quadrature: .gaussLegendre(count: golden.girth.nodes, lower: golden.girth.lower,
                                                                        upper: golden.girth.upper))
            var worst = 0.0
            for vector in golden.girth.cases {
                let responses = zip(vector.items, vector.correct).map { ScoredResponse(bank[$0], correct: $1 == 1) }
                worst = max(worst, abs(estimator.estimate(responses).theta - vector.theta))
            }
            #expect(golden.girth.cases.count == 200)
            #expect(worst <= 1e-6, "largest difference from girth: \(worst)")
        }

        @Test func calibrationMatchesGirthTwoplMML() throws {
            let golden = try GoldenVectors.load("calibration", as: GoldenVectors.Calibration.self)
            let itemCount = golden.girth.a.count
            var matrix = ResponseMatrix(itemCount: itemCount)
            for line in golden.responses {
                for (item, character) in line.utf8.enumerated() { matrix.append(item: item, correct: character == UInt8(ascii: "1")) }
                matrix.endRow()
            }
            #expect(matrix.rowCount == 5000 && matrix.responseCount == 5000 * 40)
            var options = CalibrationOptions.girthCompatible
            options.minimumResponses = 1
            let result = Calibrator(options: options).calibrate(matrix)
            #expect(result.converged)
            var worstA = 0.0, worstB = 0.0
            for item in 0..<itemCount {
                let estimated = try #require(result.items[item].parameters)
                #expect(result.items[item].calibrated)
                worstA = max(worstA, abs(estimated.a - golden.girth.a[item]))
                worstB = max(worstB, abs(estimated.b - golden.girth.b[item]))
            }
            #expect(worstA <= 0.05, "largest |a − girth a|: \(worstA)")
            #expect(worstB <= 0.05, "largest |b − girth b|: \(worstB)")
        }
    }
}
