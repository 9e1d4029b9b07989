import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo assess …`: adaptive skill assessments and organisational maturity assessments.
    struct Assess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "Assess skills (adaptive test) or the organisation's project-management maturity.",
            subcommands: [Skills.self, Maturity.self]
        )
    }
}

extension PMO.Assess {
    /// `pmo assess skills`: a computerised adaptive test per competency.
    struct Skills: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "skills",
            abstract: "An adaptive skills assessment: level ± standard error per competency, beside your role's target.",
            discussion: """
            Each question is chosen for the information it gives about your level (2PL IRT, EAP ability). \
            A competency ends when the standard error is 0.35 or less (after at least 5 questions), after \
            15 questions, or when its bank is exhausted. Questions answered in the last 30 days are not \
            asked again. Quit at any time: answers are saved and the assessment resumes.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var person: PersonOptions

        @Option(name: .long, help: "A competency to assess (repeat for several). Default: your role's competencies, else a menu.")
        var competency: [String] = []

        func run() async throws {
            let context = try await LearnerContext.open(options: options, actingAs: person.as)
            let prompter = Prompter(style: context.style, interactive: Terminal.isTerminal(0) && Terminal.isTerminal(1))
            defer { prompter.close() }
            let assessment = AdaptiveAssessmentRunner(context: context, prompter: prompter)
            let open = try await context.store.openAttempt(personID: context.person.personID, kind: .assessment, scope: "skills")
            var competencies: [Competency] = []
            if open == nil {
                guard let chosen = try chooseCompetencies(context, prompter) else { return }
                competencies = chosen
            }
            try await assessment.run(competencies: competencies)
        }

        func chooseCompetencies(_ context: LearnerContext, _ prompter: Prompter) throws -> [Competency]? {
            let catalog = context.catalog
            if !competency.isEmpty {
                return try competency.map { id in
                    guard let found = catalog.competencyByID[id] else {
                        throw PMOError.unknown(kind: "competency", id: id, suggestions: Identifier.suggestions(for: id, in: catalog.competencies.map(\.id)))
                    }
                    return found
                }
            }
            if let role = context.person.role.flatMap({ catalog.roleByID[$0] }) {
                return catalog.competencies.filter { role.targets[$0.id] != nil }
            }
            let labels = catalog.competencies.map { "\($0.name)  " + context.style.dim($0.group.title) }
            switch prompter.choose(header: [context.style.bold("Which competencies shall we assess?"),
                                            context.style.dim("Each takes 5–15 questions.")],
                                   options: labels, multiple: true) {
            case let .value(picked): return picked.map { catalog.competencies[$0] }
            case .quit: return nil
            case .endOfInput: throw ExitCode(3)
            }
        }
    }
}

/// Drives adaptive sessions competency by competency, persisting every chosen item and answer.
///
/// The attempt's plan grows by one item each time the selector chooses one, so a resumed
/// assessment replays the answered items and asks the pending one again with the same option order.
struct AdaptiveAssessmentRunner {
    let context: LearnerContext
    let prompter: Prompter

    var style: Style { context.style }

    /// The plan's item order carries the competencies assessed, first as markers "=competency".
    static func competencies(in plan: QuizPlan) -> [String] {
        plan.itemIDs.filter { $0.hasPrefix("=") }.map { String($0.dropFirst()) }
    }

    func run(competencies chosen: [Competency]) async throws {
        let store = context.store
        let person = context.person.personID
        var rng = context.makeGenerator()
        let runner = QuizRunner(context: context, prompter: prompter, title: "Skills assessment")
        guard let (created, answeredRecords) = try await runner.openOrCreate(
            kind: .assessment, scope: "skills", resumeCommand: "pmo assess skills",
            makePlan: { QuizPlan(itemIDs: chosen.map { "=" + $0.id }, optionOrders: [:]) }) else { return }
        var attempt = created
        let competencyIDs = AdaptiveAssessmentRunner.competencies(in: attempt.plan)
        let answered = Dictionary(answeredRecords.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        let lastSeen = try await store.lastAnswered(personID: person)
        let calibrations = try await store.latestCalibrations()
        let configuration = AdaptiveConfiguration.default

        for (index, competencyID) in competencyIDs.enumerated() {
            guard let competency = context.catalog.competencyByID[competencyID] else { continue }
            let items = context.visibleItems(context.catalog.items(forCompetency: competencyID))
            let bank = items.map { item in
                AdaptiveItem(item, parameters: calibrations[item.id].map { IRTParameters(a: $0.a, b: $0.b) })
            }
            // Items of this attempt are not "recently seen": they are replayed below.
            let planned = Set(attempt.plan.itemIDs)
            var session = AdaptiveSession(bank: bank, lastSeen: lastSeen.filter { !planned.contains($0.key) }, now: context.now(),
                                          configuration: configuration)
            for itemID in attempt.plan.itemIDs where context.catalog.itemByID[itemID]?.competency == competencyID {
                try session.administer(itemID: itemID)
                if let record = answered[itemID] { try session.record(itemID: itemID, correct: record.correct) }
            }
            while let next = session.nextItem(using: &rng) {
                guard let item = context.catalog.itemByID[next.id] else { break }
                if !attempt.plan.itemIDs.contains(item.id) {
                    attempt.plan.itemIDs.append(item.id)
                    if !item.options.isEmpty {
                        attempt.plan.optionOrders[item.id] = QuizPlan.make(items: [item], using: &rng).optionOrders[item.id]
                    }
                    try await store.updateAttemptPlan(id: attempt.attemptID, plan: attempt.plan, at: context.now())
                }
                let precision = session.administered.isEmpty ? "" : String(format: " · current SE %.2f (stops at %.2f)", session.estimate.se,
                                                                                                    configuration.targetStandardError)
                let heading = [
                    style.bold("Skills assessment") + style.dim("  ·  \(index + 1) of \(competencyIDs.count): \(competency.name)"),
                    style.dim("Question \(session.administered.count + 1) (5–\(configuration.maximumItems))" + precision),
                ]
                let started = context.now()
                switch runner.ask(item, plan: attempt.plan, header: runner.questionHeader(item, heading: heading)) {
                case let .value(answer):
                    let correct = item.isCorrect(answer)
                    let seconds = context.now().timeIntervalSince(started)
                    _ = try await store.recordAnswer(ResponseRecord(attemptID: attempt.id, personID: person, itemID: item.id,
                                                                    competency: item.competency, answer: answer, correct: correct,
                                                                    seconds: seconds, answeredAt: context.now()))
                    try await ReviewScheduler(context: context).record(itemID: item.id, correct: correct, seconds: seconds, at: context.now())
                    try session.record(itemID: item.id, correct: correct)
                case .quit:
                    try await store.releaseAttempt(id: attempt.attemptID, owner: LearnerContext.processOwner)
                    try QuizRunner.finish(.quit, prompter: prompter, style: style, resumeCommand: "pmo assess skills", summary: [])
                    return
                case .endOfInput:
                    try await store.releaseAttempt(id: attempt.attemptID, owner: LearnerContext.processOwner)
                    try QuizRunner.finish(.endOfInput, prompter: prompter, style: style, resumeCommand: "pmo assess skills", summary: [])
                    return
                }
            }
        }
        try await store.finishAttempt(id: attempt.attemptID, at: context.now())
        try await SkillUpdater(context: context).update(competencies: Set(competencyIDs))
        prompter.say(try await resultLines(competencyIDs))
    }

    /// Level ± SE and responses per competency, beside the role's target.
    func resultLines(_ competencyIDs: [String]) async throws -> [String] {
        let estimates = Dictionary(try await context.store.latestEstimates(personID: context.person.personID).map { ($0.competency, $0) },
                                   uniquingKeysWith: { a, _ in a })
        let role = context.person.role.flatMap { context.catalog.roleByID[$0] }
        var table = Table(headers: ["Competency", "Level", "θ ± SE", "Answers", "Target"], alignments: [.left, .left, .right, .right, .left])
        for id in competencyIDs {
            guard let competency = context.catalog.competencyByID[id], let estimate = estimates[id] else { continue }
            let level = competency.level(forTheta: estimate.theta)
            var target = "–"
            if let wanted = role?.targets[id] {
                target = level.number >= wanted ? style.green("\(wanted) ✔") : style.yellow("\(wanted) (gap \(wanted - level.number))")
            }
            table.append([competency.name, "\(level.number) \(level.name)", String(format: "%+.2f ± %.2f", estimate.theta, estimate.se),
                          "\(estimate.responses)", target])
        }
        var lines = [style.bold("Your skills assessment"), ""]
        lines += table.render(style: style, width: Terminal.width()).split(separator: "\n").map(String.init)
        lines += ["", style.dim("Levels come from all your answers in each competency; ± is the standard error."
            + (role == nil ? " Ask your PMO to set your role to see targets." : ""))]
        return lines
    }
}
