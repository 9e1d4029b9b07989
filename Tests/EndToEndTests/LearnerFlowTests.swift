import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Learner flows through a real terminal and through pipes", .serialized)
struct LearnerFlowTests {
    @Test("read a lesson in the pager, mark it complete, decline the check")
    func readLesson() throws {
        let fixture = try LearnerFixture()
        let term = try fixture.terminal(["learn", "e2e", "--lesson", "1"])
        #expect(term.waitFor("The only lesson"))
        #expect(term.waitFor("End of lesson"))
        term.send(PseudoTerminal.enter)
        #expect(term.waitFor("Take the 3-question check"))
        term.send("n")
        #expect(term.waitFor("You have finished"))
        #expect(term.wait() == 0)
        let courses = try fixture.progress()["courses"] as? [[String: Any]] ?? []
        #expect(courses.first { $0["id"] as? String == "e2e" }?["lessonsCompleted"] as? Int == 1)
    }

    @Test("answer with the keyboard, get killed mid-quiz, resume at the same question, finish")
    func killAndResume() throws {
        let fixture = try LearnerFixture()
        var term = try fixture.terminal(["quiz", "e2e", "--count", "6"])
        for _ in 0..<2 {
            #expect(term.answerCurrentQuestion())
            term.clear()
            term.send(PseudoTerminal.enter)
        }
        #expect(term.waitFor("2/6"))
        term.kill(signal: SIGKILL)
        #expect(term.wait() == 128 + SIGKILL)

        let afterKill = try fixture.quizzes()
        #expect(afterKill.count == 1)
        #expect(afterKill.first?["answered"] as? Int == 2)
        #expect(afterKill.first?["status"] as? String == "open")

        term = try fixture.terminal(["quiz", "e2e", "--count", "6"])
        #expect(term.waitFor("Resume where you stopped?"))
        #expect(term.screenText.contains("2 of 6 answered"))
        term.clear()
        term.send("y")
        #expect(term.waitFor("2/6"))
        for _ in 0..<4 {
            #expect(term.answerCurrentQuestion())
            term.clear()
            term.send(PseudoTerminal.enter)
        }
        #expect(term.waitFor("of 6 right"))
        #expect(term.wait() == 0)
        let finished = try fixture.quizzes()
        #expect(finished.count == 1)
        #expect(finished.first?["answered"] as? Int == 6)
        #expect(finished.first?["status"] as? String == "finished")
        // The typed answers (42, "risk register") are right whatever the shuffled option order.
        #expect((finished.first?["correct"] as? Int ?? 0) >= 2)
    }

    @Test("the terminal is restored and answers kept when the terminal is closed (SIGHUP)")
    func hangup() throws {
        let fixture = try LearnerFixture()
        let term = try fixture.terminal(["quiz", "e2e", "--count", "6"])
        #expect(term.answerCurrentQuestion())
        term.kill(signal: SIGHUP)
        #expect(term.wait() != nil)
        #expect(try fixture.quizzes().first?["answered"] as? Int == 1)
    }

    @Test("a second terminal is told the quiz is open elsewhere; after the first dies it resumes")
    func twoTerminals() throws {
        let fixture = try LearnerFixture()
        let first = try fixture.terminal(["quiz", "e2e", "--count", "6"])
        #expect(first.answerCurrentQuestion())
        let second = try fixture.terminal(["quiz", "e2e", "--count", "6"])
        #expect(second.waitFor("Resume where you stopped?"))
        second.send("y")
        #expect(second.waitFor("open in another terminal"))
        #expect(second.wait() == 1)
        first.kill(signal: SIGKILL)
        _ = first.wait()
        let third = try fixture.terminal(["quiz", "e2e", "--count", "6"])
        #expect(third.waitFor("Resume where you stopped?"))
        third.send("y")
        #expect(third.waitFor("1/6"))
        third.send("q")
        #expect(third.waitFor("Saved."))
        #expect(third.wait() == 0)
        #expect(try fixture.quizzes().first?["answered"] as? Int == 1)
    }

    @Test("line mode: piped answers, hints on bad input, a score at the end")
    func lineMode() throws {
        let fixture = try LearnerFixture()
        let result = try fixture.run(["quiz", "lines", "--count", "3"], stdin: "9\nx\n2\n\n2\n\n2\n\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Enter one option number from 1 to 4."))
        #expect(result.stdout.contains("of 3 right"))
        #expect(!result.stdout.contains("\u{1B}["), "no escape codes when not a terminal")
        #expect(try fixture.quizzes().first?["answered"] as? Int == 3)
    }

    @Test("end of input saves, exits 3, and the next run resumes")
    func endOfInput() throws {
        let fixture = try LearnerFixture()
        let result = try fixture.run(["quiz", "lines", "--count", "3"], stdin: "2\n")
        #expect(result.status == 3)
        #expect(result.stderr.contains("input ended"))
        #expect(try fixture.quizzes().first?["answered"] as? Int == 1)
        let resumed = try fixture.run(["quiz", "lines", "--count", "3"], stdin: "y\n2\n\n2\n\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("of 3 right"))
        #expect(try fixture.quizzes().first?["answered"] as? Int == 3)
    }

    @Test("unknown ids suggest the closest; --as is for administrators only")
    func errors() throws {
        let fixture = try LearnerFixture()
        let unknown = try fixture.run(["quiz", "e2f"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown course 'e2f'; did you mean 'e2e'"))
        let competency = try fixture.run(["quiz", "--competency", "risk-managment"])
        #expect(competency.stderr.contains("did you mean 'risk-management'"))
        _ = try fixture.run(["progress"])                  // e2e: first person, administrator
        _ = try fixture.run(["progress"], user: "bob")     // bob: a learner
        let denied = try fixture.run(["progress", "--as", "e2e"], user: "bob")
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("only an administrator"))
        let allowed = try fixture.run(["progress", "--as", "bob", "--json"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout.contains("\"person\" : \"bob\""))
    }

    @Test("the dashboard shows where to continue and the next step")
    func dashboard() throws {
        let fixture = try LearnerFixture()
        _ = try fixture.run(["quiz", "lines", "--count", "3"], stdin: "2\n")
        let result = try fixture.run([])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Unfinished quiz on Line mode course"))
        #expect(result.stdout.contains("Next step: pmo quiz lines"))
    }
}
