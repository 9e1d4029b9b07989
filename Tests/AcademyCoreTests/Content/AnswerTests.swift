@testable import AcademyCore
import Testing

@Suite("Answer checking")
struct AnswerTests {
    let catalog = CatalogLoader.load(files: Fixtures.files).catalog

    func item(_ id: String) -> Item { catalog.itemByID[id]! }

    @Test func singleChoice() {
        #expect(item("risk-001").isCorrect(.choices([0])))
        #expect(!item("risk-001").isCorrect(.choices([1])))
        #expect(!item("risk-001").isCorrect(.choices([0, 1])))
        #expect(!item("risk-001").isCorrect(.trueFalse(true)))
    }

    @Test func multipleChoiceNeedsExactlyTheKeyedSet() {
        #expect(item("risk-005").isCorrect(.choices([2, 0])))
        #expect(!item("risk-005").isCorrect(.choices([0])))
        #expect(!item("risk-005").isCorrect(.choices([0, 2, 3])))
        #expect(!item("risk-005").isCorrect(.choices([0, 0, 2])))
    }

    @Test func numericWithinTolerance() {
        #expect(item("risk-003").isCorrect(.number(20)))
        #expect(!item("risk-003").isCorrect(.number(20.5)))
        #expect(!item("risk-003").isCorrect(.number(.nan)))
        var wide = item("risk-003")
        wide.key = .numeric(value: 1.25, tolerance: 0.01)
        #expect(wide.isCorrect(.number(1.26)))
        #expect(!wide.isCorrect(.number(1.27)))
    }

    @Test func shortAnswerIgnoresCaseAndPunctuation() {
        #expect(item("risk-006").isCorrect(.text("  Risk Register. ")))
        #expect(item("risk-006").isCorrect(.text("risk-register")))
        #expect(!item("risk-006").isCorrect(.text("issue log")))
        #expect(!item("risk-006").isCorrect(.text("...")))
    }

    @Test func orderingAndTrueFalse() {
        #expect(item("risk-004").isCorrect(.order([0, 1, 2])))
        #expect(!item("risk-004").isCorrect(.order([1, 0, 2])))
        #expect(item("risk-002").isCorrect(.trueFalse(true)))
        #expect(!item("risk-002").isCorrect(.trueFalse(false)))
    }

    @Test func descriptions() {
        #expect(item("risk-005").keyDescription == "A. Avoid; C. Mitigate")
        #expect(Answer.order([2, 0, 1]).description(for: item("risk-004")) == "1. Respond  2. Identify  3. Analyse")
        #expect(item("risk-003").keyDescription == "20")
    }

    @Test func authoredDifficultyMapsToB() {
        #expect((1...5).map { IRTParameters.authored(difficulty: $0).b } == [-2, -1, 0, 1, 2])
        #expect(item("risk-001").parameters == IRTParameters(a: 1, b: -1))
    }

    @Test func levelsFromCutScores() {
        let competency = catalog.competencyByID["risk-management"]!
        #expect(competency.level(forTheta: -3).number == 1)
        #expect(competency.level(forTheta: -1.0).number == 2)
        #expect(competency.level(forTheta: 0).number == 3)
        #expect(competency.level(forTheta: 0.5).number == 4)
        #expect(competency.level(forTheta: 4).number == 5)
    }
}
