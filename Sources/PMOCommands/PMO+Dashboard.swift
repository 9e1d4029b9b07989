import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo` with no arguments: where you are and what to do next.
    struct Dashboard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dashboard",
            abstract: "Your dashboard: continue where you left off, assignments, reviews due, recent results, next step."
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var person: PersonOptions

        func run() async throws {
            let context = try await LearnerContext.open(options: options, actingAs: person.as)
            let snapshot = try await context.store.dashboard(personID: context.person.personID, at: context.now())
            Output.print(DashboardView(context: context, snapshot: snapshot).lines().joined(separator: "\n"))
        }
    }
}

/// The dashboard's text, built from one store snapshot.
struct DashboardView {
    let context: LearnerContext
    let snapshot: DashboardSnapshot

    var style: Style { context.style }

    func lines() -> [String] {
        let catalog = context.catalog
        var lines = [style.bold("PMO Academy") + style.dim("  ·  \(snapshot.person.name) (\(snapshot.person.login))"
            + (snapshot.person.isAdmin ? " · administrator" : "")), ""]
        var next: String?

        lines.append(style.bold("Continue where you left off"))
        if let open = snapshot.openAttempt {
            let command = resumeCommand(open)
            lines.append("  ▶ Unfinished \(open.kind.rawValue) on \(describe(scope: open.scope)): run " + style.cyan(command))
            next = command
        } else if let last = snapshot.lastLesson, let course = catalog.courseByID[last.courseID] {
            if let index = course.lessons.firstIndex(where: { !snapshot.completedLessons.contains($0.id) }) {
                let command = "pmo learn \(course.id) --lesson \(index + 1)"
                lines.append("  ▶ \(course.title), lesson \(index + 1): “\(course.lessons[index].title)” — " + style.cyan(command))
                next = command
            } else {
                lines.append("  ✔ You finished “\(course.title)”. Test yourself: " + style.cyan("pmo quiz \(course.id)"))
                next = "pmo quiz \(course.id)"
            }
        } else {
            lines.append("  Nothing started yet. Begin with " + style.cyan("pmo learn pmo") + style.dim(" (The PMO: what it is and why it matters)"))
        }
        lines.append("")

        lines.append(style.bold("Assigned to you"))
        if snapshot.assignments.isEmpty {
            lines.append(style.dim("  No assigned courses."))
        }
        for assignment in snapshot.assignments {
            guard let course = catalog.courseByID[assignment.courseID] else { continue }
            let done = course.lessons.filter { snapshot.completedLessons.contains($0.id) }.count
            var due = ""
            if let date = assignment.dueDate {
                let overdue = date < context.now() && done < course.lessons.count
                let text = "due " + date.formatted(date: .abbreviated, time: .omitted)
                due = overdue ? style.red(text + " (overdue)") : style.dim(text)
            }
            lines.append("  \(done == course.lessons.count ? style.green("✔") : "•") \(course.title)  \(done)/\(course.lessons.count) lessons  \(due)")
            if next == nil, done < course.lessons.count { next = "pmo learn \(course.id)" }
        }
        lines.append("")

        lines.append(style.bold("Reviews"))
        if snapshot.reviewsDue > 0 {
            lines.append("  \(snapshot.reviewsDue) question\(snapshot.reviewsDue == 1 ? " is" : "s are") due for review: " + style.cyan("pmo review"))
            if next == nil { next = "pmo review" }
        } else {
            lines.append(style.dim("  Nothing due. Questions you answer come back here when it is time to review them."))
        }
        lines.append("")

        lines.append(style.bold("Recent results"))
        if snapshot.recentAttempts.isEmpty { lines.append(style.dim("  No finished quizzes yet.")) }
        for result in snapshot.recentAttempts {
            let percent = result.answered == 0 ? 0 : result.correct * 100 / result.answered
            let when = result.finishedAt?.formatted(date: .abbreviated, time: .omitted) ?? ""
            lines.append("  \(when)  \(describe(scope: result.scope))  \(result.correct)/\(result.answered) (\(percent)%)")
        }
        lines.append("")
        lines.append(style.bold("Next step: ") + style.cyan(next ?? "pmo learn"))
        lines.append(style.dim("pmo --help lists every command."))
        return lines
    }

    func describe(scope: String) -> String {
        let parts = scope.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return scope }
        switch parts[0] {
        case "course": return context.catalog.courseByID[parts[1]]?.title ?? parts[1]
        case "competency": return context.catalog.competencyByID[parts[1]]?.name ?? parts[1]
        case "lesson": return context.catalog.lessonByID[parts[1]].map { "“\($0.title)”" } ?? parts[1]
        default: return scope
        }
    }

    func resumeCommand(_ attempt: Attempt) -> String {
        let parts = attempt.scope.split(separator: ":", maxSplits: 1).map(String.init)
        let value = parts.count == 2 ? parts[1] : ""
        switch (attempt.kind, parts.first ?? "") {
        case (.quiz, "course"): return "pmo quiz \(value)"
        case (.quiz, "competency"): return "pmo quiz --competency \(value)"
        case (.check, _):
            if let lesson = context.catalog.lessonByID[value], let course = context.catalog.courseByID[lesson.courseID],
               let index = course.lessons.firstIndex(of: lesson) {
                return "pmo learn \(course.id) --lesson \(index + 1)"
            }
            return "pmo learn"
        case (.review, _): return "pmo review"
        case (.assessment, _): return "pmo assess skills"
        default: return "pmo"
        }
    }
}
