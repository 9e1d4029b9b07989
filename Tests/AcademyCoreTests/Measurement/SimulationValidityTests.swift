@testable import AcademyCore
import Foundation
import Testing

extension MeasurementTests {
    /// Validity by simulation: 2,000 persons from N(0, 1), a 200-item bank with a ~ U(0.8, 2.0), b ~ N(0, 1).
    @Suite("Validity by simulation")
    struct SimulationValidityTests {
        @Test func catRecoversThetaWithAtMostFifteenItems() {
            var generator = SeededGenerator(seed: 2024)
            let parameters = ResponseSimulator.bank(count: 200, using: &generator)
            let bank = parameters.enumerated().map { index, parameter in
                AdaptiveItem(id: "item-\(index)", competency: "c", parameters: parameter, lesson: "lesson-\(index % 10)",
                             tags: ["tag-\(index % 7)"])
            }
            let abilities = ResponseSimulator.abilities(count: 2000, using: &generator)
            var squaredError = 0.0
            var longest = 0
            var lengths = 0
            for theta in abilities {
                var session = AdaptiveSession(bank: bank)
                while let item = session.nextItem(using: &generator) {
                    try? session.record(correct: ResponseSimulator.response(theta: theta, parameters: item.parameters,
                                                                            using: &generator))
                }
                let error = session.estimate.theta - theta
                squaredError += error * error
                longest = max(longest, session.administered.count)
                lengths += session.administered.count
            }
            let rmse = (squaredError / Double(abilities.count)).squareRoot()
            #expect(rmse <= 0.40, "RMSE \(rmse)")
            #expect(longest <= 15)
            #expect(Double(lengths) / Double(abilities.count) >= 5)
        }

        @Test func calibrationRecoversDifficulty() throws {
            var generator = SeededGenerator(seed: 2025)
            let bank = ResponseSimulator.bank(count: 200, using: &generator)
            let abilities = ResponseSimulator.abilities(count: 2000, using: &generator)
            // Each person answers 40 of the 200 items (missing by design): about 400 responses an item.
            let matrix = ResponseSimulator.responses(abilities: abilities, bank: bank, answered: 40, using: &generator)
            let result = Calibrator().calibrate(matrix)
            let estimated = try result.items.map { try #require($0.parameters).b }
            #expect(result.items.allSatisfy { $0.calibrated })
            let correlation = Self.correlation(estimated, bank.map(\.b))
            #expect(correlation >= 0.95, "correlation \(correlation)")
        }

        static func correlation(_ x: [Double], _ y: [Double]) -> Double {
            let n = Double(x.count)
            let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for (a, b) in zip(x, y) {
                sxy += (a - mx) * (b - my)
                sxx += (a - mx) * (a - mx)
                syy += (b - my) * (b - my)
            }
            return sxy / (sxx * syy).squareRoot()
        }
    }
}
