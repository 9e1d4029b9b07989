import AcademyCore
import ChatBot
import Foundation
import Testing
import Yams

/// The answer-quality sets: questions written against the shipped courses, each with the lesson that
/// answers it. Targets: top-1 ≥ 80%, top-3 ≥ 95%.
///
/// `answer-questions.yaml` is the set the engine's thresholds were first chosen on;
/// `answer-questions-heldout.yaml` was written later by someone who had not seen the engine, and its
/// misses were then studied to improve the engine (so it is a development set now);
/// `answer-questions-blind.yaml` was written at the same time and is read by nobody who works on the
/// engine: only its scores are printed, never its questions. It says how the engine does on questions
/// it was not fitted to.
@Suite("Answer quality")
struct AnswerQualityTests {
    struct Question: Decodable {
        var question: String
        var course: String?
        var lesson: String?
        var channel_safe: Bool?
    }

    struct QuestionFile: Decodable {
        var questions: [Question]
    }

    enum QuestionSet: String, CaseIterable, Sendable, CustomStringConvertible {
        case tuning = "answer-questions.yaml"
        case heldOut = "answer-questions-heldout.yaml"
        case blind = "answer-questions-blind.yaml"

        var description: String { rawValue }

        /// The least top-1 and top-3 accuracy the set must show. On the tuning set, the targets of the
        /// answer engine (80 % and 95 %). On the other two, measured floors (2026-11-26: development set
        /// 75.6 % and 86.7 %, blind set 71.1 % and 84.4 %), a little below the figures, so that a change
        /// that makes the engine worse on questions it was not fitted to fails here.
        var floors: (top1: Double, top3: Double) {
            switch self {
            case .tuning: (0.80, 0.95)
            case .heldOut: (0.70, 0.84)
            case .blind: (0.66, 0.80)
            }
        }

        var questions: [Question] {
            Self.loaded[self] ?? []
        }

        private static let loaded: [QuestionSet: [Question]] = Dictionary(uniqueKeysWithValues: allCases.map { set in
            let text = try! String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/\(set.rawValue)"), encoding: .utf8)
            return (set, try! YAMLDecoder().decode(QuestionFile.self, from: text).questions)
        })
    }

    @Test(arguments: QuestionSet.allCases)
    func theSetIsLargeAndPointsAtRealLessons(_ set: QuestionSet) {
        let answerable = set.questions.filter { $0.lesson != nil }
        #expect(answerable.count >= 40)
        #expect(set.questions.count - answerable.count >= 6, "unanswerable questions")
        for q in answerable {
            let lesson = shippedCatalog.lessonByID[q.lesson ?? ""]
            #expect(lesson != nil, "unknown lesson \(q.lesson ?? "")")
            #expect(lesson?.courseID == q.course, "\(q.lesson ?? "") is not in course \(q.course ?? "")")
        }
    }

    /// Asked privately by someone cleared for everything, as `pmo bot ask` does.
    @Test(arguments: QuestionSet.allCases)
    func topOneAndTopThreeAccuracy(_ set: QuestionSet) {
        let answerable = set.questions.filter { $0.lesson != nil }
        var top1 = 0, top3 = 0
        var misses: [String] = []
        for q in answerable {
            let lessons = shippedEngine.ask(q.question, audience: .confidential, lessons: 3).matches.map(\.passage.lessonID)
            if lessons.first == q.lesson { top1 += 1 }
            if lessons.contains(q.lesson ?? "") { top3 += 1 } else { misses.append("“\(q.question)” → \(lessons) (want \(q.lesson ?? ""))") }
        }
        let n = Double(answerable.count)
        print("answer quality (\(set)): top-1 \(top1)/\(answerable.count) = \(String(format: "%.1f", 100 * Double(top1) / n))%, "
            + "top-3 \(top3)/\(answerable.count) = \(String(format: "%.1f", 100 * Double(top3) / n))%")
        // The blind set's questions stay unread by whoever works on the engine: only its scores are shown.
        if set != .blind { for miss in misses { print("  not in top 3: \(miss)") } }
        #expect(Double(top1) / n >= set.floors.top1)
        #expect(Double(top3) / n >= set.floors.top3)
    }

    /// At least seven in eight questions the courses do not answer get "I don't know". Each set has two
    /// deliberate near misses (a question sharing a rare word with a lesson), which a word-matching
    /// engine cannot always tell apart.
    @Test(arguments: QuestionSet.allCases)
    func unanswerableQuestionsGetIDontKnow(_ set: QuestionSet) {
        let unanswerable = set.questions.filter { $0.lesson == nil }
        var answered: [String] = []
        for q in unanswerable {
            if let best = shippedEngine.ask(q.question, audience: .confidential).best {
                answered.append("\(set == .blind ? "a blind question" : "“\(q.question)”") → \(best.passage.lessonID)")
            }
        }
        print("I don't know (\(set)): \(unanswerable.count - answered.count) of \(unanswerable.count)")
        if set != .blind { for line in answered { print("  answered: \(line)") } }
        #expect(Double(answered.count) <= Double(unanswerable.count) / 8, "\(answered)")
    }

    /// Questions answered by the confidential course: in a channel, never from it.
    @Test(arguments: QuestionSet.allCases)
    func channelUnsafeQuestionsAreNotAnsweredFromConfidentialContentInAChannel(_ set: QuestionSet) {
        let unsafe = set.questions.filter { $0.channel_safe == false }
        #expect(unsafe.count >= 3)
        for q in unsafe {
            for audience in [Classification.public, .internal] {
                let result = shippedEngine.ask(q.question, audience: audience)
                #expect(!result.matches.contains { $0.passage.classification == .confidential })
            }
        }
    }
}
