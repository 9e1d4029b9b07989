import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO.Assess {
    /// `pmo assess maturity`: the organisational maturity questionnaire.
    struct Maturity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maturity",
            abstract: "Answer the PMO maturity questionnaire for a unit, dimension by dimension.",
            discussion: """
            For a PMO lead or manager. Each answer (not in place, partly, largely, fully) and its evidence note \
            is saved when given: stop at any time and run the same command to resume. A review screen shows \
            the provisional levels before you submit; an incomplete questionnaire cannot be submitted and \
            lists what is missing. Several assessors of one unit are combined by median in 'pmo report maturity'.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var person: PersonOptions

        @Option(name: .long, help: "The unit assessed (its code). Default: your unit, else the whole organisation.")
        var unit: String?

        @Option(name: .long, help: "The maturity model (default: the only one, pmo-maturity).")
        var model: String?

        func run() async throws {
            let context = try await LearnerContext.open(options: options, actingAs: person.as)
            let model = try MaturityContext.model(model, in: context.catalog)
            let unit = try await MaturityContext.unit(unit, context: context)
            let prompter = Prompter(style: context.style, interactive: Terminal.isTerminal(0) && Terminal.isTerminal(1))
            defer { prompter.close() }
            try await MaturityQuestionnaire(context: context, prompter: prompter, model: model, unit: unit).run()
        }
    }
}

/// Looking up the model and unit a maturity command is about.
enum MaturityContext {
    static func model(_ id: String?, in catalog: Catalog) throws -> MaturityModel {
        guard let id else {
            guard let first = catalog.maturityModels.first else {
                throw PMOError.nothingToDo("the content has no maturity model; add one under Assessments/maturity/")
            }
            return first
        }
        guard let found = catalog.maturityModels.first(where: { $0.id == id }) else {
            throw PMOError.unknown(kind: "maturity model", id: id, suggestions: Identifier.suggestions(for: id, in: catalog.maturityModels.map(\.id)))
        }
        return found
    }

    /// The unit named by `code`, else the person's own unit, else nil (the whole organisation).
    static func unit(_ code: String?, context: LearnerContext) async throws -> OrgUnit? {
        let units = try await context.store.units()
        if let code {
            guard let found = units.first(where: { $0.code == code }) else {
                throw PMOError.unknown(kind: "unit", id: code, suggestions: Identifier.suggestions(for: code, in: units.map(\.code)))
            }
            return found
        }
        return units.first { $0.id != nil && $0.id == context.person.unitID }
    }

    static func unitName(_ unit: OrgUnit?) -> String { unit?.name ?? "the whole organisation" }
}

/// The questionnaire: an overview of dimensions, each criterion with an answer and an evidence note, a review, submission.
struct MaturityQuestionnaire {
    let context: LearnerContext
    let prompter: Prompter
    let model: MaturityModel
    let unit: OrgUnit?

    var style: Style { context.style }
    var resume: String { "pmo assess maturity" + (unit.map { " --unit \($0.code)" } ?? "") }

    func run() async throws {
        let store = context.store
        var assessment: MaturityAssessmentRecord
        if let draft = try await store.draftMaturityAssessment(modelID: model.id, unitID: unit?.id, assessor: context.person.login) {
            assessment = draft
        } else {
            assessment = try await store.createMaturityAssessment(MaturityAssessmentRecord(
                modelID: model.id, unitID: unit?.id, assessor: context.person.login, startedAt: context.now()))
        }
        while true {
            let answers = try await currentAnswers(assessment)
            switch overview(answers) {
            case let .value(choice):
                if choice < model.dimensions.count {
                    guard try await answerDimension(model.dimensions[choice], assessment: assessment) else { return }
                } else if choice == model.dimensions.count {
                    if try await review(assessment, answers: answers) {
                        try await store.submitMaturityAssessment(id: assessment.assessmentID, at: context.now())
                        try await store.audit(AuditEntry(at: context.now(), actor: context.actor.login, action: "maturity.submit",
                                                         detail: "\(model.id) \(unit?.code ?? "organisation")"))
                        prompter.say([style.green("Submitted. See the result with '") + "pmo report maturity" + (unit.map { " --unit \($0.code)" } ?? "")
                            + style.green("'.")])
                        return
                    }
                } else {
                    prompter.say(["Saved. Continue with '\(resume)'."])
                    return
                }
            case .quit:
                prompter.say(["Saved. Continue with '\(resume)'."])
                return
            case .endOfInput:
                throw endOfInput()
            }
            assessment = try await store.draftMaturityAssessment(modelID: model.id, unitID: unit?.id, assessor: context.person.login) ?? assessment
        }
    }

    func endOfInput() -> ExitCode {
        prompter.close()
        Output.error("pmo: input ended; your answers are saved. Continue with '\(resume)'.")
        return ExitCode(3)
    }

    func currentAnswers(_ assessment: MaturityAssessmentRecord) async throws -> [String: MaturityAnswerRecord] {
        Dictionary(try await context.store.maturityAnswers(assessmentID: assessment.assessmentID).map { ($0.criterionID, $0) },
                   uniquingKeysWith: { _, last in last })
    }

    /// The dimension menu with progress, then review-and-submit and save-and-quit.
    func overview(_ answers: [String: MaturityAnswerRecord]) -> PromptOutcome<Int> {
        let total = model.dimensions.reduce(0) { $0 + $1.criteria.count }
        let header = [style.bold("\(model.name) · \(MaturityContext.unitName(unit))"),
                      style.dim("\(answers.count) of \(total) criteria answered. Answers are saved as you give them."), ""]
        var labels = model.dimensions.map { dimension -> String in
            let done = dimension.criteria.filter { answers[$0.id] != nil }.count
            let mark = done == dimension.criteria.count ? style.green("✔") : (done == 0 ? " " : style.yellow("…"))
            return "\(mark) \(dimension.name)  " + style.dim("\(done)/\(dimension.criteria.count)")
        }
        labels.append(style.bold("Review and submit"))
        labels.append("Save and quit")
        switch prompter.choose(header: header, options: labels, multiple: false) {
        case let .value(picked): return .value(picked.first ?? labels.count - 1)
        case .quit: return .quit
        case .endOfInput: return .endOfInput
        }
    }

    /// Asks every criterion of `dimension`, level by level; false when the person stopped the whole session.
    func answerDimension(_ dimension: MaturityModel.Dimension, assessment: MaturityAssessmentRecord) async throws -> Bool {
        let criteria = dimension.criteria.sorted { ($0.level, $0.id) < ($1.level, $1.id) }
        let renderer = MarkdownRenderer(style: style, width: prompter.width)
        for (index, criterion) in criteria.enumerated() {
            let existing = try await currentAnswers(assessment)[criterion.id]
            let levelName = model.levels.first { $0.number == criterion.level }?.name ?? ""
            var header = [style.bold(dimension.name) + style.dim("  ·  level \(criterion.level) \(levelName)  ·  \(index + 1) of \(criteria.count)"), ""]
            header += renderer.render(criterion.text)
            header += [""] + renderer.render("*Evidence to look for:* " + criterion.evidence).map { style.dim($0) }
            if let existing {
                let label = model.scale.first { $0.id == existing.answer }?.label ?? existing.answer
                header += ["", style.cyan("Current answer: \(label)") + (existing.note.isEmpty ? "" : style.dim(" — \(existing.note)"))]
            }
            let options = model.scale.map(\.label) + ["Skip for now", "Back to the dimensions"]
            switch prompter.choose(header: header, options: options, multiple: false,
                                   help: ["Choose how far the criterion is in place; an evidence note follows.", "Answers are saved immediately."]) {
            case let .value(picked):
                guard let choice = picked.first else { continue }
                if choice == model.scale.count { continue }
                if choice == model.scale.count + 1 { return true }
                let point = model.scale[choice]
                let note: String
                switch prompter.text(header: header + ["", style.bold("Answer: \(point.label)"),
                                                       style.dim("Evidence note (what you saw; Enter to leave it empty):")],
                                     numeric: false, initial: existing?.note ?? "", allowEmpty: true) {
                case let .value(text): note = text
                case .quit: note = existing?.note ?? ""
                case .endOfInput:
                    try await save(assessment, criterion, point.id, existing?.note ?? "")
                    throw endOfInput()
                }
                try await save(assessment, criterion, point.id, note)
            case .quit: return true
            case .endOfInput: throw endOfInput()
            }
        }
        return true
    }

    func save(_ assessment: MaturityAssessmentRecord, _ criterion: MaturityModel.Criterion, _ point: String, _ note: String) async throws {
        try await context.store.saveMaturityAnswer(MaturityAnswerRecord(assessmentID: assessment.assessmentID, criterionID: criterion.id,
                                                                        answer: point, note: note, answeredAt: context.now()))
    }

    /// Provisional levels and what is missing; true when the person confirms a complete questionnaire.
    func review(_ assessment: MaturityAssessmentRecord, answers: [String: MaturityAnswerRecord]) async throws -> Bool {
        let scorer = try MaturityScorer(model: model)
        let given = answers.values.map { MaturityAnswer(criterion: $0.criterionID, point: $0.answer, note: $0.note, assessor: assessment.assessor) }
        let result = scorer.score(given)
        var lines = [style.bold("Review: \(model.name) · \(MaturityContext.unitName(unit))"), ""]
        var table = Table(headers: ["Dimension", "Answered", "Level", "Score"], alignments: [.left, .right, .left, .right])
        for dimension in result.dimensions {
            let total = model.dimensions.first { $0.id == dimension.id }?.criteria.count ?? 0
            table.append([dimension.name, "\(total - dimension.missing.count)/\(total)", "\(dimension.level) \(dimension.levelName)",
                          String(format: "%.2f", dimension.score)])
        }
        lines += table.render(style: style, width: prompter.width).split(separator: "\n").map(String.init)
        lines += ["", result.headline.statement]
        let missing = scorer.missingAnswers(given)
        if !missing.isEmpty {
            lines += ["", style.yellow(style.bold("Not yet answered — the questionnaire cannot be submitted until these are:"))]
            for group in missing {
                lines.append("  \(group.name): " + group.criteria.joined(separator: ", "))
            }
            switch prompter.pause(header: lines, prompt: "Press Enter to go back to the dimensions") {
            case .value, .quit: return false
            case .endOfInput: throw endOfInput()
            }
        }
        switch prompter.confirm(header: lines + [""], question: "Submit this assessment? Submitted answers are kept and cannot be changed.",
                                defaultYes: false) {
        case let .value(yes): return yes
        case .quit: return false
        case .endOfInput: throw endOfInput()
        }
    }
}
