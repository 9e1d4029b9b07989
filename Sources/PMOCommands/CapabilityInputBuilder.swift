import AcademyCore
import AcademyReports
import AcademyStore
import Foundation

/// Reads what the capability reports need from the store, once.
enum CapabilityInputBuilder {
    static let weeks = 12

    /// `people` and `units`, when the caller has them already (`ReportAccess`), are not read again.
    static func build(context: LearnerContext, historyFor personID: Int64? = nil, people knownPeople: [Person]? = nil,
                      units knownUnits: [OrgUnit]? = nil) async throws -> CapabilityInput {
        let store = context.store
        let catalog = context.catalog
        let now = context.now()
        async let peopleTask = knownPeople == nil ? store.people() : []
        async let unitsTask = knownUnits == nil ? store.units() : []
        async let estimatesTask = store.latestEstimatesByPerson()
        async let activityTask = store.weeklyActivity(weeks: weeks, endingAt: now)
        let assignmentsList = try await store.allAssignments()
        async let factsTask = store.completionFacts(courses: Set(assignmentsList.map(\.courseID)))
        let readPeople = try await peopleTask
        let readUnits = try await unitsTask
        let people = (knownPeople ?? readPeople).filter(\.active)
        let units = knownUnits ?? readUnits
        var estimates: [Int64: [String: CapabilityInput.Estimate]] = [:]
        for (person, records) in try await estimatesTask {
            var row: [String: CapabilityInput.Estimate] = [:]
            for r in records {
                guard let competency = catalog.competencyByID[r.competency] else { continue }
                row[r.competency] = .init(theta: r.theta, se: r.se, responses: r.responses, level: competency.level(forTheta: r.theta).number)
            }
            estimates[person] = row
        }
        var history: [Int64: [String: [(date: Date, theta: Double)]]] = [:]
        if let personID {
            for r in try await store.estimateHistory(personID: personID) {
                history[personID, default: [:]][r.competency, default: []].append((r.estimatedAt, r.theta))
            }
        }
        let facts = try await factsTask
        var completion: [Int64: [CapabilityInput.Completion]] = [:]
        for (person, status) in AssignmentStatus.all(assignments: assignmentsList, people: people, units: units, facts: facts,
                                                      catalog: catalog, now: now) {
            completion[person.personID, default: []].append(.init(course: status.course, due: status.due, state: status.state.rawValue,
                                                                  lessonsDone: status.lessonsDone, lessons: status.lessons))
        }
        var courses: [String: [(id: String, title: String)]] = [:]
        for course in catalog.courses where course.classification != .confidential {
            for competency in course.competencies { courses[competency, default: []].append((course.id, course.title)) }
        }
        let weekStarts = (0..<weeks).map { now.addingTimeInterval(-Double(weeks - $0) * 7 * 86_400) }
        return CapabilityInput(
            people: people.map { .init(id: $0.personID, login: $0.login, name: $0.name, unitID: $0.unitID, role: $0.role) },
            units: units.compactMap { u in u.id.map { .init(id: $0, name: u.name, parentID: u.parentID) } },
            competencies: catalog.competencies.map { ($0.id, $0.name) },
            levelNames: catalog.framework.levels.map(\.name),
            roleTargets: Dictionary(catalog.roles.map { ($0.id, $0.targets) }, uniquingKeysWith: { a, _ in a }),
            roleNames: Dictionary(catalog.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
            estimates: estimates, history: history, completion: completion, activity: try await activityTask,
            activityWeeks: weekStarts, courses: courses, now: now)
    }
}
