import Foundation

/// The state of one quiz attempt: which item is next, what was answered, the score.
///
/// Pure and deterministic: the terminal drives it, the store persists each recorded answer,
/// and an attempt restored from the store resumes at the same item with the same option order.
public struct QuizSession: Sendable {
    /// One answered item.
    public struct Result: Sendable, Equatable {
        public var itemID: String
        public var answer: Answer
        public var correct: Bool
        public var seconds: Double

        public init(itemID: String, answer: Answer, correct: Bool, seconds: Double) {
            self.itemID = itemID
            self.answer = answer
            self.correct = correct
            self.seconds = seconds
        }
    }

    /// What the learner sees after answering.
    public struct Feedback: Sendable, Equatable {
        public var item: Item
        public var answer: Answer
        public var correct: Bool
    }

    public let plan: QuizPlan
    public let items: [Item]
    public private(set) var results: [Result] = []

    /// A session over `plan`; `answered` restores earlier answers (from the store) when resuming.
    public init(plan: QuizPlan, catalog: Catalog, answered: [Result] = []) {
        self.plan = plan
        items = plan.itemIDs.compactMap { catalog.itemByID[$0] }
        let known = Set(items.map(\.id))
        results = answered.filter { known.contains($0.itemID) }
    }

    /// Index of the next unanswered item in plan order.
    public var position: Int {
        let done = Set(results.map(\.itemID))
        return items.firstIndex { !done.contains($0.id) } ?? items.count
    }

    public var currentItem: Item? { position < items.count ? items[position] : nil }
    public var isFinished: Bool { currentItem == nil }
    public var total: Int { items.count }
    public var answeredCount: Int { results.count }
    public var correctCount: Int { results.filter(\.correct).count }

    /// Records the answer to the current item and returns the feedback to show.
    ///
    /// - Throws: `SessionError.noCurrentItem` when the session is finished.
    public mutating func submit(_ answer: Answer, seconds: Double) throws -> Feedback {
        guard let item = currentItem else { throw SessionError.noCurrentItem }
        let correct = item.isCorrect(answer)
        results.append(Result(itemID: item.id, answer: answer, correct: correct, seconds: max(0, seconds)))
        return Feedback(item: item, answer: answer, correct: correct)
    }

    /// Items answered wrongly, with the answer given, for the review at the end.
    public var mistakes: [(item: Item, answer: Answer)] {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return results.filter { !$0.correct }.compactMap { result in byID[result.itemID].map { ($0, result.answer) } }
    }

    /// Share of answered items that were right, 0 when nothing was answered.
    public var score: Double { answeredCount == 0 ? 0 : Double(correctCount) / Double(answeredCount) }
}

/// Misuse of a session state machine.
public enum SessionError: Error, Equatable {
    case noCurrentItem
}
