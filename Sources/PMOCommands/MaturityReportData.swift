import AcademyCore
import AcademyStore
import Foundation

/// The scored maturity of one unit: the latest round, the one before, and the trend over all rounds.
///
/// A round is every assessment of the unit submitted in one calendar quarter; its assessors'
/// answers are combined per criterion by the scorer (median, lower on ties).
struct MaturityReportData {
    var model: MaturityModel
    var unit: OrgUnit?
    var latest: MaturitySubmission
    var previous: MaturitySubmission?
    var trend: MaturityTrend
    var assessors: [String]

    static func build(context: LearnerContext, model: MaturityModel, unit: OrgUnit?) async throws -> MaturityReportData? {
        let store = context.store
        let submitted = try await store.maturityAssessments(modelID: model.id, unitID: unit?.id).filter { $0.status == .submitted }
        guard !submitted.isEmpty else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        func quarter(_ date: Date) -> Int {
            let parts = calendar.dateComponents([.year, .month], from: date)
            return (parts.year ?? 0) * 4 + ((parts.month ?? 1) - 1) / 3
        }
        let rounds = Dictionary(grouping: submitted) { quarter($0.submittedAt ?? $0.startedAt) }.sorted { $0.key < $1.key }
        let scorer = try MaturityScorer(model: model)
        let people = try await capability(context: context, unit: unit)
        var submissions: [MaturitySubmission] = []
        var lastAssessors: [String] = []
        for (_, assessments) in rounds {
            var answers: [MaturityAnswer] = []
            for assessment in assessments {
                for answer in try await store.maturityAnswers(assessmentID: assessment.assessmentID) {
                    answers.append(MaturityAnswer(criterion: answer.criterionID, point: answer.answer,
                                                  note: answer.note.isEmpty ? nil : answer.note, assessor: assessment.assessor))
                }
            }
            let date = assessments.compactMap(\.submittedAt).max() ?? context.now()
            submissions.append(MaturitySubmission(date: date, result: scorer.score(answers, people: people)))
            lastAssessors = assessments.map(\.assessor).sorted()
        }
        guard let latest = submissions.last else { return nil }
        return MaturityReportData(model: model, unit: unit, latest: latest,
                                  previous: submissions.count > 1 ? submissions[submissions.count - 2] : nil,
                                  trend: MaturityTrend(submissions), assessors: lastAssessors)
    }

    /// Measured proficiency of the people in `unit` and the units below it (everyone when nil).
    static func capability(context: LearnerContext, unit: OrgUnit?) async throws -> [PersonCapability] {
        let store = context.store
        let units = try await store.units()
        var inScope: Set<Int64>?
        if let root = unit?.id {
            var scope: Set<Int64> = [root]
            var grew = true
            while grew {
                grew = false
                for u in units where u.parentID.map(scope.contains) == true {
                    if let id = u.id, scope.insert(id).inserted { grew = true }
                }
            }
            inScope = scope
        }
        let estimates = try await store.latestEstimatesByPerson()
        return try await store.people().compactMap { person in
            if let inScope, !(person.unitID.map(inScope.contains) ?? false) { return nil }
            var levels: [String: Int] = [:]
            for estimate in estimates[person.personID] ?? [] {
                if let competency = context.catalog.competencyByID[estimate.competency] {
                    levels[estimate.competency] = competency.level(forTheta: estimate.theta).number
                }
            }
            return PersonCapability(person: person.login, role: person.role, levels: levels)
        }
    }
}
