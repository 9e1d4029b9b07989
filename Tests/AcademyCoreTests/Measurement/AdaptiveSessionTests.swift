@testable import AcademyCore
import Foundation
import Testing

extension MeasurementTests {
    @Suite("Adaptive testing")
    struct AdaptiveSessionTests {
        /// 60 items in 6 lessons, difficulties spread over −3…3.
        static func bank(competency: String = "risk", count: Int = 60) -> [AdaptiveItem] {
            (0..<count).map { index in
                let a = 1 + Double(index % 4) * 0.3
                let b = -3 + 6 * Double(index) / Double(count - 1)
                let tags = index % 2 == 0 ? ["even"] : ["odd"]
                return AdaptiveItem(id: "\(competency)-\(index)", competency: competency, parameters: IRTParameters(a: a, b: b),
                                    lesson: "lesson-\(index % 6)", tags: tags)
            }
        }

        @Test func nextItemIsStableUntilAnswered() throws {
            var session = AdaptiveSession(bank: Self.bank())
            var generator = SeededGenerator(seed: 1)
            let asked = session.nextItem(using: &generator)
            let first = try #require(asked)
            let again = session.nextItem(using: &generator)
            #expect(again == first)
            try session.record(itemID: first.id, correct: true)
            #expect(session.pending == nil)
            #expect(session.administered.count == 1)
            #expect(session.estimate.theta > 0)
            #expect(throws: AdaptiveSessionError.noPendingItem) { try session.record(correct: false) }
            let next = session.nextItem(using: &generator)
            let second = try #require(next)
            #expect(second != first)
            #expect(throws: AdaptiveSessionError.notPending(itemID: first.id)) { try session.record(itemID: first.id, correct: true) }
        }

        @Test func withOneCandidateTheMostInformativeItemIsChosen() throws {
            var session = AdaptiveSession(bank: Self.bank(), configuration: AdaptiveConfiguration(exposureCandidates: 1))
            var generator = SeededGenerator(seed: 2)
            let asked = session.nextItem(using: &generator)
            let first = try #require(asked)
            let best = Self.bank().max { $0.parameters.information(at: 0) < $1.parameters.information(at: 0) }!
            #expect(first == best)
        }

        @Test func randomesqueDrawsAmongTheFiveMostInformative() throws {
            let top = AdaptiveSession(bank: Self.bank()).rankedCandidates(limit: 5).map { Self.bank()[$0.index].id }
            #expect(top.count == 5)
            var firsts = Set<String>()
            for seed in 0..<200 {
                var session = AdaptiveSession(bank: Self.bank())
                var generator = SeededGenerator(seed: UInt64(seed))
                let asked = session.nextItem(using: &generator)
                firsts.insert(try #require(asked).id)
            }
            #expect(firsts == Set(top))
        }

        @Test func theSameSeedGivesTheSameTest() {
            func run(_ seed: UInt64) -> [String] {
                var session = AdaptiveSession(bank: Self.bank())
                var generator = SeededGenerator(seed: seed)
                var answers = SeededGenerator(seed: 99)
                var ids: [String] = []
                while let item = session.nextItem(using: &generator) {
                    ids.append(item.id)
                    try? session.record(correct: ResponseSimulator.response(theta: 0.5, parameters: item.parameters, using: &answers))
                }
                return ids
            }
            #expect(run(5) == run(5))
            #expect(run(5) != run(6))
        }

        @Test func excludedAndRecentlySeenItemsAreNeverAsked() {
            let now = Date(timeIntervalSince1970: 1_700_000_000)
            let lastSeen = ["risk-30": now.addingTimeInterval(-86_400 * 3), "risk-31": now.addingTimeInterval(-86_400 * 45)]
            #expect(AdaptiveSession.recentlySeen(lastSeen, now: now, withinDays: 30) == ["risk-30"])
            var session = AdaptiveSession(bank: Self.bank(), lastSeen: lastSeen, now: now)
            #expect(session.available.count == 59)
            #expect(!session.available.contains { $0.id == "risk-30" })
            let excluded = Set((20..<40).map { "risk-\($0)" })
            session = AdaptiveSession(bank: Self.bank(), excluding: excluded,
                                      configuration: AdaptiveConfiguration(maximumItems: 50, targetStandardError: 0))
            var generator = SeededGenerator(seed: 3)
            var asked = Set<String>()
            while let item = session.nextItem(using: &generator) {
                asked.insert(item.id)
                try? session.record(correct: true)
            }
            #expect(asked.isDisjoint(with: excluded))
            #expect(asked.count == 40)
            #expect(session.stopReason == .bankExhausted)
        }

        @Test func stopsAtTheMaximumLength() {
            // Weak items: the SE never reaches the target, so the length rule stops the test.
            let weak = Self.bank().map { item -> AdaptiveItem in
                var item = item
                item.parameters.a = 0.3
                return item
            }
            var session = AdaptiveSession(bank: weak)
            var generator = SeededGenerator(seed: 4)
            var count = 0
            while session.nextItem(using: &generator) != nil {
                count += 1
                try? session.record(correct: count % 2 == 0)
            }
            #expect(count == 15)
            #expect(session.stopReason == .length)
            #expect(session.estimate.se > 0.35)
        }

        @Test func stopsOnPrecisionButNotBeforeTheMinimum() {
            // Very discriminating items: the SE falls below 0.35 quickly, yet at least five are asked.
            let sharp = (0..<40).map {
                AdaptiveItem(id: "s\($0)", competency: "c", parameters: IRTParameters(a: 6, b: -2 + Double($0) / 10))
            }
            var session = AdaptiveSession(bank: sharp)
            var generator = SeededGenerator(seed: 5)
            var answers = SeededGenerator(seed: 6)
            while let item = session.nextItem(using: &generator) {
                try? session.record(correct: ResponseSimulator.response(theta: 0.2, parameters: item.parameters, using: &answers))
            }
            #expect(session.stopReason == .precision)
            #expect(session.administered.count >= 5)
            #expect(session.administered.count < 15)
            #expect(session.estimate.se <= 0.35)
            // The SE before the last answer was still above the target (else it would have stopped earlier).
            if session.administered.count > 5 {
                #expect(session.administered[session.administered.count - 2].estimate.se > 0.35)
            }
        }

        @Test func anEmptyBankIsFinishedAtOnce() {
            var session = AdaptiveSession(bank: [])
            var generator = SeededGenerator(seed: 0)
            #expect(session.isFinished && session.stopReason == .bankExhausted)
            let next = session.nextItem(using: &generator)
            #expect(next == nil)
        }

        @Test func contentBalancingSpreadsItemsOverLessons() {
            // Two lessons, one of which holds all the informative items.
            let items = (0..<40).map { index in
                AdaptiveItem(id: "i\(index)", competency: "c",
                             parameters: IRTParameters(a: index < 20 ? 1.6 : 1.2, b: Double(index % 20) / 20 - 0.5),
                             lesson: index < 20 ? "strong" : "weak")
            }
            func lessons(penalty: Double) -> [String: Int] {
                var session = AdaptiveSession(bank: items, configuration: AdaptiveConfiguration(
                    exposureCandidates: 1, maximumItems: 10, targetStandardError: 0, lessonPenalty: penalty, tagPenalty: 1))
                var generator = SeededGenerator(seed: 8)
                var counts: [String: Int] = [:]
                var index = 0
                while let item = session.nextItem(using: &generator) {
                    counts[item.lesson, default: 0] += 1
                    index += 1
                    try? session.record(correct: index % 2 == 0)
                }
                return counts
            }
            #expect(lessons(penalty: 1)["weak"] == nil)
            let balanced = lessons(penalty: 0.6)
            #expect(balanced["weak", default: 0] >= 3)
            #expect(abs(balanced["weak", default: 0] - balanced["strong", default: 0]) <= 2)
        }

        @Test func anAssessmentInterleavesCompetenciesAndStopsEachOnItsOwnRule() throws {
            let bank = Self.bank(competency: "risk") + Self.bank(competency: "scope")
            var assessment = try AdaptiveAssessment(bank: bank, configuration: AdaptiveConfiguration(targetStandardError: 0))
            #expect(assessment.competencies == ["risk", "scope"])
            var generator = SeededGenerator(seed: 9)
            var order: [String] = []
            while let item = assessment.nextItem(using: &generator) {
                order.append(item.competency)
                try assessment.record(itemID: item.id, correct: order.count % 3 == 0)
            }
            #expect(order.count == 30)
            #expect(Array(order.prefix(4)) == ["risk", "scope", "risk", "scope"])
            #expect(assessment.isFinished)
            #expect(assessment.estimates.keys.sorted() == ["risk", "scope"])
            #expect(assessment.sessions.values.allSatisfy { $0.administered.count == 15 })
            #expect(throws: AdaptiveSessionError.unknownCompetency("cost")) {
                try AdaptiveAssessment(bank: bank, competencies: ["cost"])
            }
        }
    }
}
