@testable import AcademyCore
import Foundation
import Testing

extension MeasurementTests {
    @Suite("Item analysis")
    struct ItemAnalysisTests {
        @Test func facilityAndCorrectedPointBiserialOnASmallMatrix() throws {
            // Four persons, three items; item 2 is answered right by the weaker persons (a miskeyed item).
            let rows: [[Bool?]] = [
                [true, true, false],
                [true, true, false],
                [true, false, true],
                [false, false, true],
            ]
            let statistics = ItemAnalysis.analyse(ResponseMatrix(rows: rows, itemCount: 3),
                                                  options: ItemAnalysis.Options(minimumResponses: 1))
            #expect(statistics.map(\.facility) == [0.75, 0.5, 0.5])
            // Item 0 against the mean of the other two: x = 1,1,1,0; rest = 0.5, 0.5, 0.5, 0.5 → no variance → nil.
            #expect(statistics[0].discrimination == nil)
            // Item 1: x = 1,1,0,0; rest = 0.5, 0.5, 1, 0.5 → r = −0.577….
            let r1 = try #require(statistics[1].discrimination)
            #expect(abs(r1 - -1 / 3.0.squareRoot()) < 1e-12)
            let r2 = try #require(statistics[2].discrimination)
            #expect(r2 < 0)
            #expect(statistics[2].flags.contains(.negativeDiscrimination))
            #expect(statistics[0].infit == nil && statistics[0].outfit == nil)
        }

        @Test func flagsExtremeFacilityAWrongKeyAndMisfit() {
            var generator = SeededGenerator(seed: 21)
            let bank = [IRTParameters(a: 1.5, b: 0), IRTParameters(a: 1.5, b: -4.5), IRTParameters(a: 1.5, b: 4.5),
                        IRTParameters(a: 1.2, b: 0.5), IRTParameters(a: 1.3, b: -0.5), IRTParameters(a: 1.0, b: 0.2)]
            let abilities = ResponseSimulator.abilities(count: 2000, using: &generator)
            var matrix = ResponseMatrix(itemCount: bank.count + 2)
            for theta in abilities {
                for (index, item) in bank.enumerated() {
                    matrix.append(item: index, correct: ResponseSimulator.response(theta: theta, parameters: item, using: &generator))
                }
                // Item 6: the key is wrong (the right answer is scored as wrong).
                matrix.append(item: 6, correct: !ResponseSimulator.response(theta: theta, parameters: bank[0], using: &generator))
                // Item 7: answered at random, whatever the ability.
                matrix.append(item: 7, correct: generator.nextUnit() < 0.5)
                matrix.endRow()
            }
            // Fit is judged against the parameters claimed for each item; item 7 claims to be sharp.
            let claimed: [IRTParameters?] = bank + [IRTParameters(a: -1.5, b: 0), IRTParameters(a: 2.5, b: 0)]
            let statistics = ItemAnalysis.analyse(matrix, parameters: claimed, abilities: abilities)
            #expect(statistics[0].flags.isEmpty)
            #expect(statistics[1].flags == [.tooEasy])
            #expect(statistics[2].flags == [.tooHard])
            #expect(statistics[6].flags.contains(.negativeDiscrimination))
            #expect(statistics[7].flags.contains(.misfit))
            // Extreme items have few surprises, so a low outfit; that is not misfit.
            #expect((statistics[1].outfit ?? 1) < 0.7)
            #expect(abs((statistics[0].infit ?? 0) - 1) < 0.1)
            #expect(abs((statistics[0].outfit ?? 0) - 1) < 0.15)
            #expect((statistics[7].outfit ?? 0) > 1.3)
        }

        @Test func noFlagsBelowTheMinimumNumberOfResponses() {
            let rows: [[Bool?]] = Array(repeating: [true, false], count: 10)
            let statistics = ItemAnalysis.analyse(ResponseMatrix(rows: rows, itemCount: 2))
            #expect(statistics[0].facility == 1)
            #expect(statistics.allSatisfy { $0.flags.isEmpty })
            #expect(statistics.allSatisfy { $0.responses == 10 })
        }
    }
}
