import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo learn`: read a course's lessons and take their end-of-lesson checks.
    struct Learn: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "learn",
            abstract: "Read the lessons of a course, mark them complete and take the end-of-lesson checks.",
            discussion: "Without a course, choose one from a menu. Exit status: 0 done or saved, 1 error, 3 standard input ended."
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var person: PersonOptions

        @Argument(help: "The course to study (see 'pmo courses').")
        var course: String?

        @Option(name: .long, help: "Start at lesson N of the course (1 is the first).")
        var lesson: Int?

        func run() async throws {
            let context = try await LearnerContext.open(options: options, actingAs: person.as)
            let prompter = Prompter(style: context.style, interactive: Terminal.isTerminal(0) && Terminal.isTerminal(1))
            defer { prompter.close() }
            let session = LearnSession(context: context, prompter: prompter)
            let chosen: Course
            if let course {
                chosen = try context.course(course)
            } else {
                guard let picked = try await session.pickCourse() else { return }
                chosen = picked
            }
            if let lesson, !(1...max(1, chosen.lessons.count)).contains(lesson) {
                throw ValidationError("course '\(chosen.id)' has lessons 1 to \(chosen.lessons.count); --lesson \(lesson) is not one of them")
            }
            try await session.study(chosen, startAt: lesson.map { $0 - 1 })
        }
    }
}

/// The flow of `pmo learn`: course menu, lesson menu, pager, completion, check, next lesson.
struct LearnSession {
    let context: LearnerContext
    let prompter: Prompter

    var style: Style { context.style }

    func completed() async throws -> Set<String> {
        Set(try await context.store.lessonProgress(personID: context.person.personID).filter { $0.completedAt != nil }.map(\.lessonID))
    }

    /// The course menu, with progress and prerequisites beside each course.
    func pickCourse() async throws -> Course? {
        let done = try await completed()
        let courses = context.visibleCourses
        let labels = courses.map { course -> String in
            let finished = course.lessons.filter { done.contains($0.id) }.count
            let missing = course.prerequisites.filter { id in
                !(context.catalog.courseByID[id]?.lessons.allSatisfy { done.contains($0.id) } ?? true)
            }
            var label = "\(course.title)  " + style.dim("\(finished)/\(course.lessons.count) lessons · \(course.minutes) min")
            if course.classification == .confidential { label += " " + style.magenta("confidential") }
            if !missing.isEmpty { label += " " + style.yellow("(first: \(missing.joined(separator: ", ")))") }
            return label
        }
        switch prompter.choose(header: [style.bold("Choose a course"), ""], options: labels, multiple: false) {
        case let .value(picked): return picked.first.map { courses[$0] }
        case .quit: return nil
        case .endOfInput: throw ExitCode(3)
        }
    }

    /// Lessons from `startAt` (or the lesson menu), each read, completed and checked, then the next.
    func study(_ course: Course, startAt: Int?) async throws {
        var index: Int
        if let startAt {
            index = startAt
        } else {
            guard let picked = try await pickLesson(course) else { return }
            index = picked
        }
        while index < course.lessons.count {
            let lesson = course.lessons[index]
            guard try await read(lesson, in: course) else { return }
            guard index + 1 < course.lessons.count else {
                prompter.say([style.green(style.bold("You have finished “\(course.title)”.")) + " Test yourself with 'pmo quiz \(course.id)'."])
                return
            }
            let next = course.lessons[index + 1]
            switch prompter.confirm(header: [style.green("✔ “\(lesson.title)” is complete."), ""], question: "Go on to lesson \(index + 2), “\(next.title)”?") {
            case .value(true): index += 1
            case .value(false), .quit:
                prompter.say(["Saved. Continue later with 'pmo learn \(course.id) --lesson \(index + 2)'."])
                return
            case .endOfInput: throw endOfInput(course, index + 2)
            }
        }
    }

    func endOfInput(_ course: Course, _ lessonNumber: Int) -> ExitCode {
        prompter.close()
        Output.error("pmo: input ended; your progress is saved. Continue with 'pmo learn \(course.id) --lesson \(lessonNumber)'.")
        return ExitCode(3)
    }

    /// The lesson menu: ✔ done, ▶ the next one to read; prerequisites listed above.
    func pickLesson(_ course: Course) async throws -> Int? {
        let done = try await completed()
        let nextIndex = course.lessons.firstIndex { !done.contains($0.id) } ?? 0
        var header = [style.bold(course.title), ""] + MarkdownRenderer(style: style, width: prompter.width).render(course.summary)
        if !course.prerequisites.isEmpty {
            let names = course.prerequisites.map { context.catalog.courseByID[$0]?.title ?? $0 }
            header.append(style.dim("Builds on: " + names.joined(separator: ", ")))
        }
        header.append("")
        let labels = course.lessons.enumerated().map { n, lesson in
            let mark = done.contains(lesson.id) ? style.green("✔") : (n == nextIndex ? style.cyan("▶") : " ")
            return "\(mark) \(lesson.title)  " + style.dim("\(lesson.minutes) min")
        }
        switch prompter.choose(header: header, options: labels, multiple: false) {
        case let .value(picked): return picked.first
        case .quit: return nil
        case .endOfInput: throw endOfInput(course, nextIndex + 1)
        }
    }

    /// Reads one lesson; true when it was completed (and its check taken or skipped), false to stop.
    func read(_ lesson: Lesson, in course: Course) async throws -> Bool {
        let store = context.store
        let person = context.person.personID
        try await store.startLesson(personID: person, lessonID: lesson.id, courseID: course.id, at: context.now())
        let number = (course.lessons.firstIndex(of: lesson) ?? 0) + 1
        let title = "\(course.title) · \(number)/\(course.lessons.count) · \(lesson.title)"
        let body = MarkdownRenderer(style: style, width: prompter.width).render(lesson.body)
        switch prompter.page(title: title, lines: body) {
        case .value: break
        case .quit:
            prompter.say(["Saved. Continue with 'pmo learn \(course.id) --lesson \(number)'."])
            return false
        case .endOfInput: throw endOfInput(course, number)
        }
        if !prompter.isInteractive {
            switch prompter.confirm(header: [""], question: "Mark “\(lesson.title)” complete?") {
            case .value(true): break
            case .value(false), .quit: return false
            case .endOfInput: throw endOfInput(course, number)
            }
        }
        try await store.completeLesson(personID: person, lessonID: lesson.id, courseID: course.id, at: context.now())
        let checkItems = lesson.check.compactMap { context.catalog.itemByID[$0] }
        guard !checkItems.isEmpty else { return true }
        switch prompter.confirm(header: [style.green("✔ Lesson complete."), ""],
                                question: "Take the \(checkItems.count)-question check on this lesson now?") {
        case .value(true):
            let runner = QuizRunner(context: context, prompter: prompter, title: "Check: \(lesson.title)")
            let resume = "pmo learn \(course.id) --lesson \(number)"
            var rng = context.makeGenerator()
            guard let (attempt, answered) = try await runner.openOrCreate(kind: .check, scope: "lesson:\(lesson.id)", resumeCommand: resume,
                                                                          makePlan: { QuizPlan.make(items: checkItems, using: &rng) }) else { return false }
            let (ending, session) = try await runner.run(attempt, answered: answered)
            if ending == .finished {
                try await SkillUpdater(context: context).update(competencies: Set(checkItems.map(\.competency)))
                switch prompter.pause(header: runner.summaryLines(session), prompt: "Press Enter to continue") {
                case .value: return true
                case .quit: return false
                case .endOfInput: throw endOfInput(course, number)
                }
            }
            try QuizRunner.finish(ending, prompter: prompter, style: style, resumeCommand: resume, summary: [])
            return false
        case .value(false): return true
        case .quit: return false
        case .endOfInput: throw endOfInput(course, number)
        }
    }
}
