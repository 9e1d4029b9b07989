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
        try await build(store: context.store, catalog: context.catalog, now: context.now(), historyFor: personID, people: knownPeople,
                        units: knownUnits)
    }

    static func build(store: any Store, catalog: Catalog, now: Date, historyFor personID: Int64? = nil, people knownPeople: [Person]? = nil,
                      units knownUnits: [OrgUnit]? = nil) async throws -> CapabilityInput {
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
        let courses = teachingCourses(catalog)
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

    /// The organisation-wide input: the active people of `personIDs` (the viewer's scope), read as compact
    /// tables and aggregated here, without a record per person (docs/reports.md, "How the organisation report stays fast").
    static func buildAggregate(store: any Store, catalog: Catalog, now: Date, people: [Person], units: [OrgUnit],
                               personIDs: Set<Int64>) async throws -> CapabilityAggregateInput {
        // Members as (id, role): the people are read field by field, never copied (100,000 of them in a large organisation).
        let members: [CapabilityAggregateInput.Member] = people.indices.compactMap { i in
            people[i].active && personIDs.contains(people[i].personID) ? .init(id: people[i].personID, role: people[i].role) : nil
        }
        let competencies = catalog.competencies
        let assignments = try await store.allAssignments()
        let assignedCourses = Array(Set(assignments.map(\.courseID))).sorted().compactMap { catalog.courseByID[$0] }
        async let estimatesTask = store.latestEstimateTable(competencies: competencies.map(\.id))
        async let progressTask = store.courseProgress(assignedCourses.map { course in
            CourseLessons(courseID: course.id, lessonIDs: course.lessons.map(\.id), hasCheck: course.lessons.map { !$0.check.isEmpty })
        })
        let memberIDs = Set(members.map(\.id))
        async let activityTask = store.weeklyActivityTotals(weeks: weeks, endingAt: now, personIDs: memberIDs)

        let estimates = try await estimatesTask
        var levels = [UInt8](repeating: 0, count: members.count * competencies.count)
        for m in members.indices {
            guard let row = estimates.row(of: members[m].id) else { continue }
            for (c, competency) in competencies.enumerated() {
                guard let theta = estimates.theta(row: row, competency: c) else { continue }
                levels[m * competencies.count + c] = UInt8(clamping: competency.level(forTheta: theta).number)
            }
        }

        let progress = try await progressTask
        let completion = aggregateCompletion(assignments: assignments, people: people, units: units, members: members, catalog: catalog,
                                             progress: progress, now: now)
        let activity = try await activityTask
        return CapabilityAggregateInput(
            members: members,
            competencies: competencies.map { ($0.id, $0.name) }, levelNames: catalog.framework.levels.map(\.name),
            roleTargets: Dictionary(catalog.roles.map { ($0.id, $0.targets) }, uniquingKeysWith: { a, _ in a }),
            levels: levels, completion: completion.counts, overdue: completion.overdue,
            activityWeeks: (0..<weeks).map { now.addingTimeInterval(-Double(weeks - $0) * 7 * 86_400) },
            activityAnswers: activity.answers, activityPeople: activity.activePeople, courses: teachingCourses(catalog), now: now)
    }

    /// Completion counts of `members`' assignments and overdue courses per member, as `AssignmentStatus.all` would
    /// find them (a unit assignment covers the active people of the unit and of every unit below it), by index.
    static func aggregateCompletion(assignments: [Assignment], people: [Person], units: [OrgUnit], members: [CapabilityAggregateInput.Member],
                                    catalog: Catalog, progress: CourseProgressTable, now: Date) -> (counts: GroupReport.Completion, overdue: [Int32]) {
        let memberIndex = Dictionary(members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Active people by unit, as member indices (nil: active but not counted).
        var unitMembers: [Int64: [Int?]] = [:]
        for i in people.indices where people[i].active {
            if let unit = people[i].unitID { unitMembers[unit, default: []].append(memberIndex[people[i].personID]) }
        }
        var children: [Int64: [Int64]] = [:]
        for unit in units { if let id = unit.id, let parent = unit.parentID { children[parent, default: []].append(id) } }
        let courseSlot = Dictionary(progress.courses.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var counts = GroupReport.Completion()
        var overdue = [Int32](repeating: 0, count: members.count)
        for assignment in assignments {
            guard let course = catalog.courseByID[assignment.courseID], let slot = courseSlot[course.id] else { continue }
            let rule = AssignmentStatus.Rule(course: course, due: assignment.dueDate, now: now)
            func count(_ m: Int?) {
                guard let m else { return }
                switch rule.state(progress.cell(personID: members[m].id, course: slot)) {
                case .onTime: counts.onTime += 1
                case .late: counts.late += 1
                case .overdue: counts.overdue += 1; overdue[m] += 1
                case .inProgress: counts.inProgress += 1
                case .notStarted: counts.notStarted += 1
                }
            }
            if let personID = assignment.personID {
                for i in people.indices where people[i].active && people[i].id == personID { count(memberIndex[personID]) }
            } else if let unit = assignment.unitID {
                var stack = [unit]
                while let next = stack.popLast() {
                    for m in unitMembers[next] ?? [] { count(m) }
                    stack.append(contentsOf: children[next] ?? [])
                }
            }
        }
        return (counts, overdue)
    }

    /// Competency id → the courses that teach it (not confidential ones).
    static func teachingCourses(_ catalog: Catalog) -> [String: [(id: String, title: String)]] {
        var courses: [String: [(id: String, title: String)]] = [:]
        for course in catalog.courses where course.classification != .confidential {
            for competency in course.competencies { courses[competency, default: []].append((course.id, course.title)) }
        }
        return courses
    }
}

