import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo review`: the questions due for spaced review, scheduled by FSRS.
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Review the questions that are due, spaced by FSRS so you remember them.",
            discussion: """
            Every question you answer gets a review card. A wrong answer brings it back soon; a right one \
            pushes it further out (right and fast, further still). Exit status as for 'pmo quiz'.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var person: PersonOptions

        @Option(name: .long, help: "At most this many questions in one session (default 20).")
        var limit: Int = 20

        func run() async throws {
            let context = try await LearnerContext.open(options: options, actingAs: person.as)
            let prompter = Prompter(style: context.style, interactive: Terminal.isTerminal(0) && Terminal.isTerminal(1))
            defer { prompter.close() }
            let runner = QuizRunner(context: context, prompter: prompter, title: "Review")
            let due = try await context.store.dueReviewCards(personID: context.person.personID, at: context.now(), limit: max(1, limit))
            let items = context.visibleItems(due.compactMap { context.catalog.itemByID[$0.itemID] })
            let open = try await context.store.openAttempt(personID: context.person.personID, kind: .review, scope: "review")
            if items.isEmpty && open == nil {
                prompter.say([context.style.green("Nothing is due for review. Questions come back here when it is time.")])
                return
            }
            var rng = context.makeGenerator()
            guard let (attempt, answered) = try await runner.openOrCreate(kind: .review, scope: "review", resumeCommand: "pmo review",
                                                                          makePlan: { QuizPlan.make(items: items, using: &rng) }) else { return }
            let (ending, session) = try await runner.run(attempt, answered: answered)
            if ending == .finished {
                try await SkillUpdater(context: context).update(competencies: Set(session.items.map(\.competency)))
            }
            try QuizRunner.finish(ending, prompter: prompter, style: context.style, resumeCommand: "pmo review",
                                  summary: runner.summaryLines(session))
        }
    }
}
