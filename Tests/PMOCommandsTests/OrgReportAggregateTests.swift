import AcademyCore
import AcademyReports
import AcademyStore
import Foundation
import Testing
@testable import PMOCommands

/// The organisation report's aggregated path (compact tables) against the per-person path, on a demo organisation.
@Suite("Organisation report: aggregated path equals the per-person path")
struct OrgReportAggregateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// A demo organisation of `people` people in an in-memory store, with a few extra assignments
    /// (to a person, with no due date, to a sub-unit) so that every completion state occurs.
    func demo(people: Int, seed: UInt64) async throws -> (SQLiteStore, Catalog) {
        let catalog = try CatalogLoader.load(directory: Self.root).catalog
        let store = try SQLiteStore()
        let generator = DemoGenerator(catalog: catalog, people: people, seed: seed, now: now, adminLogin: "admin", adminName: "Admin")
        _ = try await generator.write(to: store)
        let units = try await store.units()
        let team = try #require(units.first { $0.parentID != nil && $0.name == "Platform" })
        let someone = try #require(try await store.person(login: "p000004"))
        _ = try await store.assign(Assignment(personID: someone.id, courseID: "foundations", dueDate: nil, assignedBy: "admin", createdAt: now))
        _ = try await store.assign(Assignment(unitID: team.id, courseID: "pmo", dueDate: now.addingTimeInterval(86_400 * 90),
                                              assignedBy: "admin", createdAt: now))
        // Someone who has left: counted by neither path.
        var leaver = try #require(try await store.person(login: "p000007"))
        leaver.active = false
        try await store.updatePerson(leaver)
        return (store, catalog)
    }

    func reports(store: SQLiteStore, catalog: Catalog, viewer login: String) async throws -> (perPerson: GroupReport, aggregated: GroupReport) {
        let people = try await store.people()
        let units = try await store.units()
        let viewer = try #require(people.first { $0.login == login })
        let scope = AccessScope(viewer: viewer, people: people, units: units)
        let rows = PMO.Report.Org.departmentRows(people: people, units: units)
        let input = try await CapabilityInputBuilder.build(store: store, catalog: catalog, now: now, people: people, units: units)
        let perPerson = CapabilityReports.group(input, title: "Organisation report", personIDs: scope.personIDs, listMembers: false, unitRows: rows)
        let aggregate = try await CapabilityInputBuilder.buildAggregate(store: store, catalog: catalog, now: now, people: people, units: units,
                                                                        personIDs: scope.personIDs)
        let aggregated = CapabilityReports.group(aggregate, title: "Organisation report", unitRows: rows)
        return (perPerson, aggregated)
    }

    @Test("an administrator: the whole organisation, the same numbers both ways")
    func administrator() async throws {
        let (store, catalog) = try await demo(people: 120, seed: 5)
        let (perPerson, aggregated) = try await reports(store: store, catalog: catalog, viewer: "admin")
        #expect(aggregated == perPerson)
        #expect(aggregated.people == 121, "120 demo people and two administrators, one person has left")
        #expect(aggregated.measuredPeople > 0 && aggregated.activity.contains { $0.answers > 0 })
        let c = aggregated.completion
        #expect(c.overdue > 0 && c.notStarted + c.inProgress > 0, "the demo's assignments give several states: \(c)")
        #expect(aggregated.units.count > 1)
    }

    @Test("a manager: only their subtree, the same numbers both ways")
    func manager() async throws {
        let (store, catalog) = try await demo(people: 120, seed: 9)
        let (perPerson, aggregated) = try await reports(store: store, catalog: catalog, viewer: "p000000")
        #expect(aggregated == perPerson)
        #expect(aggregated.people == 9, "the first team: its manager and nine people, one of whom (p000007) has left")
        #expect(aggregated.units.map(\.people).reduce(0, +) == 9)
    }

    @Test("the compact course progress counts what the per-person facts hold")
    func courseProgress() async throws {
        let (store, catalog) = try await demo(people: 60, seed: 3)
        let courses = catalog.courses.filter { ["pmo", "risk", "foundations"].contains($0.id) }
        let table = try await store.courseProgress(courses.map {
            CourseLessons(courseID: $0.id, lessonIDs: $0.lessons.map(\.id), hasCheck: $0.lessons.map { !$0.check.isEmpty })
        })
        let facts = try await store.completionFacts(courses: Set(courses.map(\.id)))
        for person in try await store.people() {
            for (slot, course) in courses.enumerated() {
                let cell = table.cell(personID: person.personID, course: slot)
                let personFacts = facts[person.personID] ?? LearningFacts()
                let done = course.lessons.filter { personFacts.lessonsCompleted[$0.id] != nil }.count
                let checks = course.lessons.filter { !$0.check.isEmpty && personFacts.checksFinished[$0.id] != nil }.count
                #expect(cell.lessonsDone == done && cell.checksDone == checks, "\(person.login) \(course.id)")
                for due in [nil, now, now.addingTimeInterval(-86_400 * 60)] {
                    let expected = AssignmentStatus.evaluate(course: course, due: due, facts: facts[person.personID], person: person.login, now: now)
                    #expect(AssignmentStatus.state(course: course, due: due, progress: cell, now: now) == expected.state)
                }
            }
        }
    }
}
