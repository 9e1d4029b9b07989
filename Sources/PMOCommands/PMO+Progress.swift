import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo progress`: courses, lessons, quiz results and skills per competency.
    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "progress", abstract: "Show your progress: courses, quiz results and skill per competency.")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var person: PersonOptions

        @Flag(name: .long, help: "Print JSON instead of tables.")
        var json = false

        func run() async throws {
            let context = try await LearnerContext.open(options: options, actingAs: person.as)
            let report = try await ProgressReport.build(context)
            if json {
                Output.print(try JSONOutput.encode(report))
            } else {
                Output.print(report.render(style: context.style, width: context.command.terminalWidth).joined(separator: "\n"))
            }
        }
    }
}

/// A person's progress, as `pmo progress` prints it and as JSON.
struct ProgressReport: Codable {
    struct CourseRow: Codable {
        var id: String
        var title: String
        var lessonsCompleted: Int
        var lessons: Int
        var lastQuizPercent: Int?
    }

    struct QuizRow: Codable {
        var kind: String
        var scope: String
        var status: String
        var correct: Int
        var answered: Int
        var questions: Int
        var startedAt: Date
        var finishedAt: Date?
    }

    struct CompetencyRow: Codable {
        var id: String
        var name: String
        var responses: Int
        var correct: Int
        var theta: Double?
        var se: Double?
        var level: Int?
        var levelName: String?
        var target: Int?
    }

    var person: String
    var role: String?
    var courses: [CourseRow]
    var quizzes: [QuizRow]
    var competencies: [CompetencyRow]

    static func build(_ context: LearnerContext) async throws -> ProgressReport {
        let store = context.store
        let id = context.person.personID
        let done = Set(try await store.lessonProgress(personID: id).filter { $0.completedAt != nil }.map(\.lessonID))
        let attempts = try await store.attempts(personID: id)
        let responses = try await store.responses(personID: id)
        let byAttempt = Dictionary(grouping: responses, by: { $0.attemptID ?? -1 })
        let quizzes = attempts.map { attempt in
            let answers = byAttempt[attempt.attemptID] ?? []
            return QuizRow(kind: attempt.kind.rawValue, scope: attempt.scope, status: attempt.status.rawValue,
                           correct: answers.filter(\.correct).count, answered: answers.count, questions: attempt.plan.itemIDs.count,
                           startedAt: attempt.startedAt, finishedAt: attempt.finishedAt)
        }
        let courses = context.visibleCourses.map { course -> CourseRow in
            let last = quizzes.last { $0.scope == "course:\(course.id)" && $0.status == "finished" && $0.answered > 0 }
            return CourseRow(id: course.id, title: course.title, lessonsCompleted: course.lessons.filter { done.contains($0.id) }.count,
                             lessons: course.lessons.count, lastQuizPercent: last.map { $0.correct * 100 / max(1, $0.answered) })
        }
        let estimates = Dictionary(try await store.latestEstimates(personID: id).map { ($0.competency, $0) }, uniquingKeysWith: { a, _ in a })
        let role = context.person.role.flatMap { context.catalog.roleByID[$0] }
        let byCompetency = Dictionary(grouping: responses, by: \.competency)
        let competencies = context.catalog.competencies.map { competency -> CompetencyRow in
            let answers = byCompetency[competency.id] ?? []
            let estimate = estimates[competency.id]
            let level = estimate.map { competency.level(forTheta: $0.theta) }
            return CompetencyRow(id: competency.id, name: competency.name, responses: answers.count,
                                 correct: answers.filter(\.correct).count, theta: estimate?.theta, se: estimate?.se,
                                 level: level?.number, levelName: level?.name, target: role?.targets[competency.id])
        }
        return ProgressReport(person: context.person.login, role: context.person.role, courses: courses, quizzes: quizzes,
                              competencies: competencies)
    }

    func render(style: Style, width: Int) -> [String] {
        var lines = [style.bold("Progress of \(person)") + (role.map { style.dim("  (\($0))") } ?? ""), ""]
        var courseTable = Table(headers: ["Course", "Lessons", "Last quiz"], alignments: [.left, .right, .right])
        for row in courses {
            courseTable.append([row.title, "\(row.lessonsCompleted)/\(row.lessons)", row.lastQuizPercent.map { "\($0)%" } ?? "–"])
        }
        lines += courseTable.render(style: style, width: width).split(separator: "\n").map(String.init)
        lines.append("")
        let finished = quizzes.filter { $0.status == "finished" }
        lines.append(style.bold("Quizzes and checks") + style.dim("  \(finished.count) finished, \(quizzes.filter { $0.status == "open" }.count) open"))
        for quiz in quizzes.suffix(8) {
            let when = quiz.startedAt.formatted(date: .abbreviated, time: .shortened)
            lines.append("  \(when)  \(quiz.kind) \(quiz.scope)  \(quiz.correct)/\(quiz.answered) right" + (quiz.status == "open" ? style.yellow("  (open: \(quiz.answered)/\(quiz.questions))") : ""))
        }
        lines.append("")
        var skills = Table(headers: ["Competency", "Answers", "Right", "Level", "θ ± SE", "Target"],
                           alignments: [.left, .right, .right, .left, .right, .right])
        for row in competencies {
            let level = row.levelName.map { "\(row.level ?? 0) \($0)" } ?? "–"
            let theta = row.theta.map { String(format: "%+.2f ± %.2f", $0, row.se ?? 0) } ?? "–"
            skills.append([row.name, "\(row.responses)", row.responses == 0 ? "–" : "\(row.correct * 100 / row.responses)%", level, theta,
                           row.target.map(String.init) ?? "–"])
        }
        lines += skills.render(style: style, width: width).split(separator: "\n").map(String.init)
        return lines
    }
}
