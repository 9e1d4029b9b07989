import AcademyCore
import AcademyReports
import AcademyStore
import ArgumentParser
import Foundation

extension PMO.Report {
    /// `pmo report maturity`: the unit's maturity level per dimension, the headline, what holds it back, the trend and a plan.
    struct Maturity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maturity",
            abstract: "Organisational maturity: level per dimension, weakest-link headline, what holds it back, trend, improvement plan.",
            discussion: """
            Submitted assessments of one calendar quarter form a round; several assessors are combined per criterion \
            by the median (the lower middle answer on ties), with their spread shown. Capability evidence (measured \
            skills of the unit's people) is shown beside the criteria that name it. See docs/maturity.md.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var report: ReportOptions

        @Option(name: .long, help: "The unit's code (default: your unit, else the whole organisation).")
        var unit: String?

        @Option(name: .long, help: "The maturity model (default: the only one).")
        var model: String?

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let access = try await ReportAccess.open(context)
            let model = try MaturityContext.model(model, in: context.catalog)
            let target = try await MaturityContext.unit(unit, context: context)
            if let target {
                guard context.actor.access >= .manager, access.scope.canSee(unit: target) else { throw PMOError.outOfScope("unit '\(target.code)'") }
            } else {
                guard context.actor.access >= .manager else { throw PMOError.outOfScope("the organisation's maturity (managers and administrators)") }
            }
            guard let data = try await MaturityReportData.build(context: context, model: model, unit: target) else {
                throw PMOError.nothingToDo("no submitted maturity assessment for \(MaturityContext.unitName(target)) yet; start one with "
                    + "'pmo assess maturity" + (target.map { " --unit \($0.code)" } ?? "") + "'")
            }
            let built = MaturityReport(model: model, latest: data.latest.result, previous: data.previous?.result,
                                       previousDate: data.previous?.date, trend: data.trend, unit: MaturityContext.unitName(target),
                                       assessedOn: data.latest.date, courseTitles: MaturityReport.courseTitles(context.catalog))
            try await access.audit("maturity \(target?.code ?? "organisation")")
            try report.emit(try built.render(report.reportFormat, color: context.style.enabled && report.output == nil))
        }
    }
}
