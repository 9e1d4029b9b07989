import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo quiz`: a quiz on a course or a competency, with instant feedback.
    struct Quiz: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quiz",
            abstract: "Take a quiz on a course or a competency, with feedback and explanations.",
            discussion: """
            Options are shuffled for each attempt. Every answer is saved when you give it: quit with q \
            (or Ctrl-C, or close the terminal) and run the same command to resume at the same question. \
            Exit status: 0 finished or saved, 1 error, 3 standard input ended (answers saved).
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var person: PersonOptions

        @Argument(help: "The course to be quizzed on (see 'pmo courses').")
        var course: String?

        @Option(name: .long, help: "Quiz on a competency instead of a course.")
        var competency: String?

        @Option(name: .long, help: "Number of questions (default 10).")
        var count: Int = 10

        func validate() throws {
            if (course == nil) == (competency == nil) {
                throw ValidationError("name a course (pmo quiz COURSE) or a competency (--competency ID), not both")
            }
            if count < 1 { throw ValidationError("--count must be at least 1") }
        }

        func run() async throws {
            let context = try await LearnerContext.open(options: options, actingAs: person.as)
            let (scope, title, pool) = try resolve(context)
            let prompter = Prompter(style: context.style, interactive: Terminal.isTerminal(0) && Terminal.isTerminal(1))
            defer { prompter.close() }
            let runner = QuizRunner(context: context, prompter: prompter, title: title)
            let resume = "pmo quiz " + (course ?? "--competency \(competency ?? "")")
            var rng = context.makeGenerator()
            guard let (attempt, answered) = try await runner.openOrCreate(kind: .quiz, scope: scope, resumeCommand: resume, makePlan: {
                QuizPlan.make(items: QuizSelection.choose(from: pool, count: count, using: &rng), using: &rng)
            }) else { return }
            let (ending, session) = try await runner.run(attempt, answered: answered)
            if ending == .finished {
                try await SkillUpdater(context: context).update(competencies: Set(session.items.map(\.competency)))
            }
            try QuizRunner.finish(ending, prompter: prompter, style: context.style, resumeCommand: resume,
                                  summary: runner.summaryLines(session))
        }

        func resolve(_ context: LearnerContext) throws -> (scope: String, title: String, pool: [Item]) {
            if let competency {
                guard let found = context.catalog.competencyByID[competency] else {
                    throw PMOError.unknown(kind: "competency", id: competency,
                                           suggestions: Identifier.suggestions(for: competency, in: context.catalog.competencies.map(\.id)))
                }
                let pool = context.visibleItems(context.catalog.items(forCompetency: found.id))
                guard !pool.isEmpty else { throw PMOError.nothingToDo("competency '\(found.id)' has no questions yet") }
                return ("competency:\(found.id)", "Quiz: \(found.name)", pool)
            }
            let found = try context.course(course ?? "")
            let pool = context.catalog.items(forCourse: found.id)
            guard !pool.isEmpty else { throw PMOError.nothingToDo("course '\(found.id)' has no questions yet") }
            return ("course:\(found.id)", "Quiz: \(found.title)", pool)
        }
    }
}

/// `--as LOGIN`: act for another person (administrators only).
struct PersonOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Act as another person (administrators only).", valueName: "login"))
    var `as`: String?
}
