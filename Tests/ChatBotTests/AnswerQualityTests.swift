import AcademyCore
import ChatBot
import Foundation
import Testing
import Yams

/// The answer-quality set (Tests/Fixtures/answer-questions.yaml): questions written against the shipped
/// courses, each with the lesson that answers it. Targets: top-1 ≥ 80%, top-3 ≥ 95%.
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

    static let questions: [Question] = {
        let text = try! String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/answer-questions.yaml"), encoding: .utf8)
        return try! YAMLDecoder().decode(QuestionFile.self, from: text).questions
    }()

    @Test func theSetIsLargeAndPointsAtRealLessons() {
        let answerable = Self.questions.filter { $0.lesson != nil }
        #expect(answerable.count >= 40)
        for q in answerable {
            let lesson = shippedCatalog.lessonByID[q.lesson ?? ""]
            #expect(lesson != nil, "unknown lesson \(q.lesson ?? "")")
            #expect(lesson?.courseID == q.course, "\(q.lesson ?? "") is not in course \(q.course ?? "")")
        }
    }

    /// Asked privately by someone cleared for everything, as `pmo bot ask` does.
    @Test func topOneAndTopThreeAccuracy() {
        let answerable = Self.questions.filter { $0.lesson != nil }
        var top1 = 0, top3 = 0
        var misses: [String] = []
        for q in answerable {
            let lessons = shippedEngine.ask(q.question, audience: .confidential, lessons: 3).matches.map(\.passage.lessonID)
            if lessons.first == q.lesson { top1 += 1 }
            if lessons.contains(q.lesson ?? "") { top3 += 1 } else { misses.append("“\(q.question)” → \(lessons) (want \(q.lesson ?? ""))") }
        }
        let n = Double(answerable.count)
        print("answer quality: top-1 \(top1)/\(answerable.count) = \(String(format: "%.1f", 100 * Double(top1) / n))%, "
            + "top-3 \(top3)/\(answerable.count) = \(String(format: "%.1f", 100 * Double(top3) / n))%")
        for miss in misses { print("  not in top 3: \(miss)") }
        #expect(Double(top1) / n >= 0.80)
        #expect(Double(top3) / n >= 0.95)
    }

    @Test func unanswerableQuestionsGetIDontKnow() {
        for q in Self.questions where q.lesson == nil {
            let result = shippedEngine.ask(q.question, audience: .confidential)
            #expect(result.best == nil, "“\(q.question)” was answered from \(result.best?.passage.lessonID ?? "")")
        }
    }

    /// Questions answered by the confidential course: in a channel, never from it.
    @Test func channelUnsafeQuestionsAreNotAnsweredFromConfidentialContentInAChannel() {
        let unsafe = Self.questions.filter { $0.channel_safe == false }
        #expect(unsafe.count >= 3)
        for q in unsafe {
            for audience in [Classification.public, .internal] {
                let result = shippedEngine.ask(q.question, audience: audience)
                #expect(!result.matches.contains { $0.passage.classification == .confidential })
            }
        }
    }
}
