import AcademyCore
import AcademyStore
import ChatBot
import Foundation

/// Reads what the reminder planner needs from the store and the catalogue, once.
enum BotReminderInputBuilder {
    /// How far back review answers are read for the weekly digest (a week plus time-zone slack).
    static let digestLookBack: TimeInterval = 16 * 86_400

    static func build(store: any Store, catalog: Catalog, now: Date) async throws -> ReminderInput {
        async let peopleTask = store.people()
        async let unitsTask = store.units()
        async let factsTask = store.learningFacts()
        async let dueTask = store.dueReviewCounts(at: now)
        async let reviewsTask = store.answerTimes(kind: .review, since: now.addingTimeInterval(-digestLookBack))
        async let assignmentsTask = store.allAssignments()
        async let channelsTask = store.channels()
        let people = try await peopleTask.filter(\.active)
        let units = try await unitsTask
        let facts = try await factsTask
        let due = try await dueTask
        let reviews = try await reviewsTask

        var members: [Int64: [Person]] = [:]
        for person in people { if let unit = person.unitID { members[unit, default: []].append(person) } }
        var children: [Int64: [Int64]] = [:]
        for unit in units { if let id = unit.id, let parent = unit.parentID { children[parent, default: []].append(id) } }
        func subtree(_ unit: Int64, _ seen: inout Set<Int64>) -> [Person] {
            guard seen.insert(unit).inserted else { return [] }
            var result = members[unit] ?? []
            for child in children[unit] ?? [] { result += subtree(child, &seen) }
            return result
        }
        var assignments: [String: ReminderInput.Assignment] = [:]
        for assignment in try await assignmentsTask {
            guard let course = catalog.courseByID[assignment.courseID] else { continue }
            var seen = Set<Int64>()
            let assigned = assignment.personID.map { id in people.filter { $0.id == id } } ?? assignment.unitID.map { subtree($0, &seen) } ?? []
            for person in assigned {
                let status = AssignmentStatus.evaluate(course: course, due: assignment.dueDate, facts: facts[person.personID],
                                                       person: person.login, now: now)
                let key = "\(person.personID)|\(course.id)"
                let fact = ReminderInput.Assignment(personID: person.personID, courseID: course.id, courseTitle: course.title,
                                                    confidential: course.classification == .confidential, due: assignment.dueDate,
                                                    completedAt: status.completedAt)
                // Assigned twice (to the person and their unit): the earlier due date counts.
                if let existing = assignments[key], let old = existing.due, let new = fact.due, old <= new { continue }
                assignments[key] = fact
            }
        }

        var channels: [ReminderInput.Channel] = []
        var submissions: [Int64: [String: [Date]]] = [:]
        for record in try await channelsTask {
            let delivery = DeliveryChannel(record: record)
            var previous: [String]?
            if let last = try await store.latestOutboxMessage(keyPrefix: PlannedReminder.keyPrefix(channel: record.name, kind: .digest)) {
                previous = (try? OutboxPayload.decode(last.payload))?.announcedCourses ?? []
            }
            channels.append(.init(name: record.name, unitID: record.unitID, platform: delivery.platform, timeZone: delivery.timeZone,
                                  previousDigestCourses: previous))
            if let unit = record.unitID, submissions[unit] == nil {
                var byModel: [String: [Date]] = [:]
                for model in catalog.maturityModels {
                    byModel[model.id] = try await store.maturityAssessments(modelID: model.id, unitID: unit).compactMap(\.submittedAt)
                }
                submissions[unit] = byModel
            }
        }

        return ReminderInput(
            now: now,
            people: people.map { person in
                let fact = facts[person.personID]
                return ReminderInput.Person(id: person.personID, login: person.login, name: person.name, unitID: person.unitID,
                                            chat: person.chat, joinedAt: person.createdAt, lastActivity: fact?.lastActivity,
                                            reviewsDue: due[person.personID] ?? 0,
                                            lessonsCompleted: fact.map { Array($0.lessonsCompleted.values) } ?? [],
                                            reviewAnswers: reviews[person.personID] ?? [])
            },
            units: units.compactMap { unit in unit.id.map { ReminderInput.Unit(id: $0, code: unit.code, name: unit.name, parentID: unit.parentID) } },
            channels: channels,
            assignments: assignments.values.sorted { ($0.personID, $0.courseID) < ($1.personID, $1.courseID) },
            courses: catalog.courses.filter { $0.classification != .confidential }.map { .init(id: $0.id, title: $0.title) },
            maturityModels: catalog.maturityModels.map { .init(id: $0.id, name: $0.name) },
            maturitySubmissions: submissions)
    }
}
