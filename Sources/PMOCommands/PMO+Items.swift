import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo items …`: item parameters estimated from real responses.
    struct Items: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "items",
            abstract: "Calibrate item parameters from the stored responses.",
            subcommands: [Calibrate.self]
        )
    }

    /// `pmo report …`: reports for the PMO and managers.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Reports: item statistics, and more as the PMO needs them.",
            subcommands: [Person.self, Team.self, Org.self, Completion.self, Maturity.self, ItemsReport.self]
        )
    }
}

/// The responses of one competency as a person × item matrix, with the items in bank order.
struct CompetencyMatrix {
    let items: [Item]
    let matrix: ResponseMatrix
    let personIDs: [Int64]

    /// Groups `rows` (ordered by person) into one matrix row per person.
    init(items: [Item], rows: [ScoredResponseRow]) {
        self.items = items
        let index = Dictionary(items.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var matrix = ResponseMatrix(itemCount: items.count)
        var persons: [Int64] = []
        var current: Int64?
        var seen: Set<Int> = []
        for row in rows {
            guard let column = index[row.itemID] else { continue }
            if row.personID != current {
                if current != nil { matrix.endRow() }
                current = row.personID
                persons.append(row.personID)
                seen = []
            }
            // A person's first answer to an item counts; later ones were made after feedback.
            if seen.insert(column).inserted { matrix.append(item: column, correct: row.correct) }
        }
        if current != nil { matrix.endRow() }
        self.matrix = matrix
        personIDs = persons
    }
}

extension PMO.Items {
    /// `pmo items calibrate`: 2PL parameters by marginal maximum likelihood (EM), per competency.
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Estimate item discrimination (a) and difficulty (b) from the stored responses.",
            discussion: """
            Each competency is calibrated on its own (2PL, marginal maximum likelihood by EM with weak priors). \
            Items with fewer responses than --min-responses keep their authored parameters. Results are \
            stored with their history; content files are never changed. Administrators only.
            """
        )

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "Responses an item needs to be calibrated (default 200).")
        var minResponses: Int = 200

        @Option(name: .long, help: "Calibrate only this competency.")
        var competency: String?

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            guard context.actor.isAdmin else { throw PMOError.notAdmin(action: "calibrate items") }
            let rows = try await context.store.scoredResponses()
            var calibrationOptions = CalibrationOptions.default
            calibrationOptions.minimumResponses = max(1, minResponses)
            let calibrator = Calibrator(options: calibrationOptions)
            var saved: [ItemCalibrationRecord] = []
            var table = Table(headers: ["Competency", "Items", "Calibrated", "Persons", "Converged"],
                              alignments: [.left, .right, .right, .right, .left])
            for competency in context.catalog.competencies where self.competency == nil || self.competency == competency.id {
                let data = CompetencyMatrix(items: context.catalog.items(forCompetency: competency.id), rows: rows)
                guard data.matrix.rowCount > 0 else {
                    table.append([competency.id, "\(data.items.count)", "0", "0", "no responses"])
                    continue
                }
                let result = calibrator.calibrate(data.matrix, initial: data.items.map(\.irt))
                for (item, calibrated) in zip(data.items, result.items) where calibrated.calibrated {
                    if let p = calibrated.parameters {
                        saved.append(ItemCalibrationRecord(itemID: item.id, a: p.a, b: p.b, responses: calibrated.responses,
                                                           calibratedAt: context.now()))
                    }
                }
                table.append([competency.id, "\(data.items.count)", "\(result.items.filter(\.calibrated).count)",
                              "\(data.matrix.rowCount)", result.converged ? "yes (\(result.iterations) cycles)" : "no"])
            }
            try await context.store.saveCalibrations(saved)
            try await context.store.audit(AuditEntry(at: context.now(), actor: context.actor.login, action: "items.calibrate",
                                                     detail: "\(saved.count) items"))
            Output.print(table.render(style: context.style, width: context.command.terminalWidth))
            Output.print(context.style.dim("\(saved.count) item\(saved.count == 1 ? "" : "s") calibrated (at least \(minResponses) responses each). "
                + "Ability estimates use these parameters from now on."))
        }
    }
}

extension PMO.Report {
    /// `pmo report items`: facility, discrimination, fit and flags per item.
    struct ItemsReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "items",
            abstract: "Item statistics: facility, point-biserial discrimination, fit, and flags for items to look at.",
            discussion: """
            Flags: negative-discrimination (stronger people get it wrong more often: check the key), too-hard \
            (facility below 0.1), too-easy (above 0.95), misfit (infit outside 0.7–1.3 or outfit above 1.5).
            """
        )

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "Only this competency.")
        var competency: String?

        @Option(name: .long, help: "text, csv or json.")
        var format: String = "text"

        @Flag(name: .long, help: "Only items with a flag.")
        var flagged = false

        struct Row: Codable {
            var item: String
            var competency: String
            var difficulty: Int
            var a: Double
            var b: Double
            var calibrated: Bool
            var responses: Int
            var facility: Double?
            var discrimination: Double?
            var infit: Double?
            var outfit: Double?
            var flags: [String]
        }

        func validate() throws {
            guard ["text", "csv", "json"].contains(format) else { throw ValidationError("--format must be text, csv or json") }
        }

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let rows = try await context.store.scoredResponses()
            let calibrations = try await context.store.latestCalibrations()
            var report: [Row] = []
            for competency in context.catalog.competencies where self.competency == nil || self.competency == competency.id {
                let data = CompetencyMatrix(items: context.catalog.items(forCompetency: competency.id), rows: rows)
                let parameters = data.items.map { item in calibrations[item.id].map { IRTParameters(a: $0.a, b: $0.b) } ?? item.parameters }
                let estimator = AbilityEstimator()
                let abilities = (0..<data.matrix.rowCount).map { row in
                    let answers = data.matrix.row(row)
                    return estimator.estimate(parameters: answers.map { parameters[$0.item] }, correct: answers.map(\.correct)).theta
                }
                let statistics = ItemAnalysis.analyse(data.matrix, parameters: parameters, abilities: abilities)
                for (index, item) in data.items.enumerated() {
                    let s = statistics.first { $0.item == index }
                    let row = Row(item: item.id, competency: competency.id, difficulty: item.difficulty, a: parameters[index].a,
                                  b: parameters[index].b, calibrated: calibrations[item.id] != nil, responses: s?.responses ?? 0,
                                  facility: s?.facility, discrimination: s?.discrimination, infit: s?.infit, outfit: s?.outfit,
                                  flags: s?.flags.map(\.rawValue) ?? [])
                    if !flagged || !row.flags.isEmpty { report.append(row) }
                }
            }
            switch format {
            case "json":
                Output.print(try JSONOutput.encode(report))
            case "csv":
                Output.print("item,competency,difficulty,a,b,calibrated,responses,facility,discrimination,infit,outfit,flags")
                func f(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "" }
                for r in report {
                    Output.print("\(r.item),\(r.competency),\(r.difficulty),\(f(r.a)),\(f(r.b)),\(r.calibrated),\(r.responses),"
                        + "\(f(r.facility)),\(f(r.discrimination)),\(f(r.infit)),\(f(r.outfit)),\(r.flags.joined(separator: ";"))")
                }
            default:
                let style = context.style
                var table = Table(headers: ["Item", "n", "Facility", "Discr.", "Infit", "a", "b", "Flags"],
                                  alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
                func f(_ v: Double?, _ digits: Int = 2) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "–" }
                for r in report {
                    table.append([r.item, "\(r.responses)", f(r.facility), f(r.discrimination), f(r.infit), f(r.a), f(r.b),
                                  r.flags.isEmpty ? "" : style.yellow(r.flags.joined(separator: ", "))])
                }
                Output.print(table.render(style: style, width: context.command.terminalWidth))
                let flaggedCount = report.filter { !$0.flags.isEmpty }.count
                Output.print(style.dim("\(report.count) items, \(flaggedCount) flagged. Statistics need at least 30 responses per item."))
            }
        }
    }
}
