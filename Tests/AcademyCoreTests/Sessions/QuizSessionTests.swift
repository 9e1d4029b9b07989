@testable import AcademyCore
import Testing

@Suite("Quiz session state machine")
struct QuizSessionTests {
    let catalog = CatalogLoader.load(files: Fixtures.files).catalog

    @Test("a plan shuffles options per item, never starts an ordering item solved, and is reproducible")
    func plans() {
        var rng = SeededGenerator(seed: 1)
        let items = catalog.items
        let plan = QuizPlan.make(items: items, using: &rng)
        #expect(plan.itemIDs == items.map(\.id))
        for item in items where !item.options.isEmpty {
            #expect(plan.optionOrders[item.id]?.sorted() == Array(item.options.indices))
        }
        for seed in 0..<50 {
            var g = SeededGenerator(seed: UInt64(seed))
            let p = QuizPlan.make(items: items, using: &g)
            #expect(p.optionOrders["risk-004"] != [0, 1, 2])
        }
        var again = SeededGenerator(seed: 1)
        #expect(QuizPlan.make(items: items, using: &again) == plan)
    }

    @Test("selection spreads over difficulties and never repeats an item")
    func selection() {
        var rng = SeededGenerator(seed: 3)
        let chosen = QuizSelection.choose(from: catalog.items, count: 4, using: &rng)
        #expect(chosen.count == 4)
        #expect(Set(chosen.map(\.id)).count == 4)
        #expect(Set(chosen.map(\.difficulty)).count >= 2)
        #expect(QuizSelection.choose(from: catalog.items, count: 100, using: &rng).count == catalog.items.count)
    }

    @Test("answers move the session on; a resumed session starts at the first unanswered item")
    func answering() throws {
        let plan = QuizPlan(itemIDs: ["risk-001", "risk-002", "risk-003"], optionOrders: ["risk-001": [3, 2, 1, 0]])
        var session = QuizSession(plan: plan, catalog: catalog)
        #expect(session.currentItem?.id == "risk-001")
        let first = try session.submit(.choices([0]), seconds: 3)
        #expect(first.correct)
        let second = try session.submit(.trueFalse(false), seconds: 2)
        #expect(!second.correct)
        #expect(session.position == 2)
        let resumed = QuizSession(plan: plan, catalog: catalog, answered: session.results)
        #expect(resumed.currentItem?.id == "risk-003")
        #expect(resumed.correctCount == 1)
        _ = try session.submit(.number(20), seconds: 1)
        #expect(session.isFinished)
        #expect(session.mistakes.map(\.item.id) == ["risk-002"])
        #expect(abs(session.score - 2.0 / 3.0) < 1e-12)
        #expect(throws: SessionError.noCurrentItem) { try session.submit(.number(1), seconds: 1) }
    }
}
