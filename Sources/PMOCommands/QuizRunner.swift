import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

/// Runs a quiz-like attempt (quiz, lesson check, review) in the terminal, one committed answer at a time.
struct QuizRunner {
    /// How a run ended.
    enum Ending: Equatable {
        case finished
        case quit
        case endOfInput
    }

    let context: LearnerContext
    let prompter: Prompter
    let title: String

    var style: Style { context.style }

    /// Finds an open attempt for `scope` and offers to resume it, or starts a new one from `makePlan`.
    /// Returns nil when the person declined or stopped at the question.
    func openOrCreate(kind: AttemptKind, scope: String, resumeCommand: String,
                      makePlan: () -> QuizPlan) async throws -> (Attempt, [ResponseRecord])? {
        let store = context.store
        if let open = try await store.openAttempt(personID: context.person.personID, kind: kind, scope: scope) {
            let answered = try await store.responses(attemptID: open.attemptID)
            let when = open.updatedAt.formatted(date: .abbreviated, time: .shortened)
            switch prompter.confirm(header: [style.bold(title), "",
                                             "You have an unfinished \(kind.rawValue) from \(when): \(answered.count) of \(open.plan.itemIDs.count) answered."],
                                    question: "Resume where you stopped?") {
            case .value(true):
                if let holder = try await store.claimAttempt(id: open.attemptID, owner: LearnerContext.processOwner,
                                                             isAlive: LearnerContext.ownerIsAlive, at: context.now()) {
                    throw PMOError.attemptOpenElsewhere(owner: holder, command: resumeCommand)
                }
                return (open, answered)
            case .value(false):
                if let holder = try await store.claimAttempt(id: open.attemptID, owner: LearnerContext.processOwner,
                                                             isAlive: LearnerContext.ownerIsAlive, at: context.now()) {
                    throw PMOError.attemptOpenElsewhere(owner: holder, command: resumeCommand)
                }
                try await store.abandonAttempt(id: open.attemptID, at: context.now())
            case .quit: return nil
            case .endOfInput: throw EndOfInput()
            }
        }
        let attempt = try await store.createAttempt(Attempt(personID: context.person.personID, kind: kind, scope: scope,
                                                            plan: makePlan(), startedAt: context.now(), owner: LearnerContext.processOwner))
        return (attempt, [])
    }

    /// Asks every unanswered item of `attempt`, records each answer as it is given, and shows the summary.
    func run(_ attempt: Attempt, answered: [ResponseRecord]) async throws -> (Ending, QuizSession) {
        let results = answered.map { QuizSession.Result(itemID: $0.itemID, answer: $0.answer, correct: $0.correct, seconds: $0.seconds) }
        var session = QuizSession(plan: attempt.plan, catalog: context.catalog, answered: results)
        while let item = session.currentItem {
            let started = context.now()
            let outcome = ask(item, plan: attempt.plan, header: questionHeader(item, session: session))
            let answer: Answer
            switch outcome {
            case let .value(value): answer = value
            case .quit:
                try await context.store.releaseAttempt(id: attempt.attemptID, owner: LearnerContext.processOwner)
                return (.quit, session)
            case .endOfInput:
                try await context.store.releaseAttempt(id: attempt.attemptID, owner: LearnerContext.processOwner)
                return (.endOfInput, session)
            }
            let seconds = context.now().timeIntervalSince(started)
            let feedback = try session.submit(answer, seconds: seconds)
            _ = try await context.store.recordAnswer(ResponseRecord(
                attemptID: attempt.id, personID: context.person.personID, itemID: item.id, competency: item.competency,
                answer: answer, correct: feedback.correct, seconds: seconds, answeredAt: context.now()))
            try await ReviewScheduler(context: context).record(itemID: item.id, correct: feedback.correct, seconds: seconds, at: context.now())
            switch prompter.pause(header: feedbackLines(feedback, session: session),
                                  prompt: session.isFinished ? "Press Enter to see your score" : "Press Enter for the next question") {
            case .value: continue
            case .quit:
                if !session.isFinished {
                    try await context.store.releaseAttempt(id: attempt.attemptID, owner: LearnerContext.processOwner)
                    return (.quit, session)
                }
            case .endOfInput:
                if !session.isFinished {
                    try await context.store.releaseAttempt(id: attempt.attemptID, owner: LearnerContext.processOwner)
                    return (.endOfInput, session)
                }
            }
        }
        try await context.store.finishAttempt(id: attempt.attemptID, at: context.now())
        return (.finished, session)
    }

    /// The header above every question: title, progress bar, stem.
    func questionHeader(_ item: Item, session: QuizSession) -> [String] {
        let competency = context.catalog.competencyByID[item.competency]?.name ?? item.competency
        return questionHeader(item, heading: [
            (style.bold(title) + style.dim("  ·  \(competency)")).truncatedStyled(prompter.width),
            ProgressBar.render(done: session.answeredCount, total: session.total, width: min(prompter.width, 60), style: style),
        ])
    }

    /// `heading` lines, a blank line, the stem and the instruction its type needs.
    func questionHeader(_ item: Item, heading: [String]) -> [String] {
        let renderer = MarkdownRenderer(style: style, width: prompter.width)
        var lines = heading + [""]
        lines += renderer.render(item.stem)
        switch item.type {
        case .multipleChoice: lines.append(style.dim("Choose every right answer."))
        case .ordering: lines.append(style.dim("Put the steps in the right order."))
        default: break
        }
        return lines
    }

    /// Asks one item with the widget its type needs; returns the answer in original option indices.
    func ask(_ item: Item, plan: QuizPlan, header: [String]) -> PromptOutcome<Answer> {
        let help = ["Answers are saved the moment you give them.", "q (or Esc) stops; run the same command to resume at this question."]
        let order = plan.optionOrder(for: item)
        switch item.type {
        case .singleChoice, .multipleChoice:
            let shown = order.map { item.options[$0] }
            switch prompter.choose(header: header, options: shown, multiple: item.type == .multipleChoice, help: help) {
            case let .value(picked): return .value(.choices(picked.map { order[$0] }.sorted()))
            case .quit: return .quit
            case .endOfInput: return .endOfInput
            }
        case .trueFalse:
            switch prompter.choose(header: header, options: ["True", "False"], multiple: false, help: help) {
            case let .value(picked): return .value(.trueFalse(picked.first == 0))
            case .quit: return .quit
            case .endOfInput: return .endOfInput
            }
        case .ordering:
            switch prompter.order(header: header, labels: item.options, initial: order, help: help) {
            case let .value(final): return .value(.order(final))
            case .quit: return .quit
            case .endOfInput: return .endOfInput
            }
        case .numeric:
            var retryHeader = header
            while true {
                switch prompter.text(header: retryHeader, numeric: true, suffix: item.unit, help: help) {
                case let .value(text):
                    if let number = QuizRunner.parseNumber(text) { return .value(.number(number)) }
                    retryHeader = header + ["", style.yellow("'\(text)' is not a number: type digits, e.g. 12.5 or -3")]
                case .quit: return .quit
                case .endOfInput: return .endOfInput
                }
            }
        case .shortAnswer:
            switch prompter.text(header: header, numeric: false, help: help) {
            case let .value(text): return .value(.text(text))
            case .quit: return .quit
            case .endOfInput: return .endOfInput
            }
        }
    }

    /// "1,234.5", "1 234,5", "12.5%", "EUR 15000" → a number.
    static func parseNumber(_ text: String) -> Double? {
        var cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        cleaned = cleaned.filter { $0.isNumber || "-+.,eE".contains($0) }
        if cleaned.contains(","), cleaned.contains(".") {
            cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        } else if cleaned.contains(",") {
            let parts = cleaned.split(separator: ",")
            // "15,000" is a thousands separator; "2,5" a decimal comma.
            cleaned = parts.count == 2 && parts[1].count == 3 ? parts.joined() : cleaned.replacingOccurrences(of: ",", with: ".")
        }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// Right or wrong, the right answer, and the explanation.
    func feedbackLines(_ feedback: QuizSession.Feedback, session: QuizSession) -> [String] {
        let renderer = MarkdownRenderer(style: style, width: prompter.width)
        let item = feedback.item
        var lines = [style.bold(title), ProgressBar.render(done: session.answeredCount, total: session.total, width: min(prompter.width, 60), style: style), ""]
        lines += renderer.render(item.stem)
        lines.append("")
        if feedback.correct {
            lines += renderer.wrapPlain(style.green(style.bold("✔ Correct")) + style.dim("  — your answer: "), feedback.answer.description(for: item))
        } else {
            lines += renderer.wrapPlain(style.red(style.bold("✘ Not quite")) + style.dim("  — your answer: "), feedback.answer.description(for: item))
            lines += renderer.wrapPlain(style.bold("Right answer: "), item.keyDescription)
        }
        lines.append("")
        lines += renderer.render(item.explanation)
        return lines
    }

    /// The score and a review of every mistake, for the normal screen.
    func summaryLines(_ session: QuizSession) -> [String] {
        let percent = Int((session.score * 100).rounded())
        var lines = [style.bold("\(title): \(session.correctCount) of \(session.answeredCount) right (\(percent)%)")]
        let mistakes = session.mistakes
        if mistakes.isEmpty {
            lines.append(style.green("No mistakes. Well done."))
            return lines
        }
        lines.append("")
        lines.append(style.bold("Review of your mistakes"))
        let renderer = MarkdownRenderer(style: style, width: min(100, Terminal.width()) - 4)
        for (n, mistake) in mistakes.enumerated() {
            lines.append("")
            lines += renderer.render("\(n + 1). " + mistake.item.stem).map { "  " + $0 }
            lines += renderer.wrapPlain(style.red("Your answer: "), mistake.answer.description(for: mistake.item)).map { "   " + $0 }
            lines += renderer.wrapPlain(style.green("Right answer: "), mistake.item.keyDescription).map { "   " + $0 }
            lines += renderer.render(mistake.item.explanation).map { "   " + style.dim($0.strippingANSI) }
        }
        return lines
    }
}

/// Standard input ended: progress is saved; the command exits with status 3.
struct EndOfInput: Error, LocalizedError {
    var errorDescription: String? { "input ended; everything answered so far is saved. Run the same command again to resume" }
}

extension QuizRunner {
    /// Prints what happened and turns the ending into the process exit status (0 done or quit, 3 input ended).
    static func finish(_ ending: Ending, prompter: Prompter, style: Style, resumeCommand: String, summary: [String]) throws {
        switch ending {
        case .finished:
            prompter.say(summary)
        case .quit:
            prompter.say([style.yellow("Saved. Your answers are kept; run '\(resumeCommand)' to continue where you stopped.")])
        case .endOfInput:
            prompter.close()
            Output.error("pmo: input ended; your answers are saved. Run '\(resumeCommand)' to resume.")
            throw ExitCode(3)
        }
    }
}

extension String {
    /// Cut to `width` visible columns; styling is dropped only when the text is cut.
    func truncatedStyled(_ width: Int) -> String {
        displayWidth > width ? strippingANSI.truncated(to: width) : self
    }
}
