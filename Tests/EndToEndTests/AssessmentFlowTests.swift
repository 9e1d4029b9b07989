import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Adaptive skills assessment and spaced review, through a real terminal", .serialized)
struct AssessmentFlowTests {
    @Test("an adaptive assessment survives kill -9, resumes, and ends with level ± SE")
    func assessKillResume() throws {
        let fixture = try LearnerFixture()
        var term = try fixture.terminal(["assess", "skills", "--competency", "risk-management"], columns: 100)
        #expect(term.waitFor("Question 1 (5–15)"))
        term.typeAnswer()
        #expect(term.waitFor("Question 2 (5–15)"))
        term.typeAnswer()
        #expect(term.waitFor("Question 3 (5–15)"))
        term.kill(signal: SIGKILL)
        _ = term.wait()
        #expect(try fixture.quizzes().first?["answered"] as? Int == 2)

        term = try fixture.terminal(["assess", "skills"], columns: 100)
        #expect(term.waitFor("Resume where you stopped?"))
        term.clear()
        term.send("y")
        #expect(term.waitFor("Question 3 (5–15)"), "resumes at the pending question")
        var asked = 2
        while asked < 15 {
            term.typeAnswer()
            asked += 1
            if term.waitFor("Question \(asked + 1) (5–15)", timeout: 5) { continue }
            break
        }
        #expect(asked >= 5, "at least five questions per competency")
        #expect(term.waitFor("Your skills assessment"))
        #expect(term.screenText.contains("Risk and uncertainty"))
        #expect(term.screenText.contains("±"))
        #expect(term.wait() == 0)
        let quizzes = try fixture.quizzes()
        #expect(quizzes.count == 1)
        #expect(quizzes.first?["answered"] as? Int == asked)
        #expect(quizzes.first?["status"] as? String == "finished")
        let competencies = try fixture.progress()["competencies"] as? [[String: Any]] ?? []
        let risk = competencies.first { $0["id"] as? String == "risk-management" }
        #expect(risk?["theta"] is Double)
        #expect((risk?["se"] as? Double ?? 9) < 1.0)
    }

    @Test("answered questions get review cards; wrong ones come back after the learning step and pmo review asks them")
    func review() throws {
        let fixture = try LearnerFixture()
        let quiz = try fixture.run(["quiz", "lines", "--count", "3"], stdin: "1\n\n1\n\n1\n\n", now: "2026-11-26T10:00:00Z")
        #expect(quiz.status == 0, "\(quiz.stderr)")
        let right = ["0", "1", "2", "3"].firstIndex { quiz.stdout.contains("\($0) of 3 right") } ?? -1
        let wrong = 3 - right
        try #require(right >= 0 && wrong > 0, "with PMO_SEED=7 at least one of the first options is wrong")
        let soon = try fixture.run([], now: "2026-11-26T10:00:30Z")
        #expect(soon.stdout.contains("Nothing due"), "FSRS's first learning step is one minute")
        let dashboard = try fixture.run([], now: "2026-11-26T10:05:00Z")
        #expect(dashboard.stdout.contains("\(wrong) question\(wrong == 1 ? " is" : "s are") due for review"), "\(dashboard.stdout)")
        let review = try fixture.run(["review"], stdin: String(repeating: "1\n\n", count: wrong), now: "2026-11-26T10:05:00Z")
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("of \(wrong) right"), "the review asks exactly the cards that were due")
        // A week later the cards answered right in the quiz are due again too.
        let later = try fixture.run([], now: "2026-12-20T10:00:00Z")
        #expect(later.stdout.contains("due for review"))
    }
}
