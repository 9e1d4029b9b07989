import AcademyCore
import AcademyStore
import Foundation
import Testing

/// One suite, run against every backend the store has.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqliteMemory, sqliteFile

    var testDescription: String { rawValue }

    func make() throws -> any Store {
        switch self {
        case .sqliteMemory:
            return try SQLiteStore()
        case .sqliteFile:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-store-\(UUID().uuidString)/academy.sqlite").path
            return try SQLiteStore(path: path)
        }
    }
}

@Suite("Store")
struct StoreTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func plan() -> QuizPlan {
        QuizPlan(itemIDs: ["q-1", "q-2", "q-3"], optionOrders: ["q-1": [2, 0, 1, 3]])
    }

    @Test("first person becomes administrator; later ones are learners; enrolment is idempotent", arguments: Backend.allCases)
    func people(backend: Backend) async throws {
        let store = try backend.make()
        let ada = try await store.enrolPerson(login: "ada", name: "Ada", at: t0)
        let bob = try await store.enrolPerson(login: "bob", name: "Bob", at: t0)
        let again = try await store.enrolPerson(login: "bob", name: "Robert", at: t0)
        #expect(ada.isAdmin && !bob.isAdmin)
        #expect(again.id == bob.id && again.name == "Bob")
        #expect(try await store.people().map(\.login) == ["ada", "bob"])
        var changed = bob
        changed.role = "project-manager"
        try await store.updatePerson(changed)
        #expect(try await store.person(login: "bob")?.role == "project-manager")
        #expect(try await store.auditLog(limit: 10).count == 2)
    }

    @Test("an attempt keeps its plan; answers are kept once each, in order", arguments: Backend.allCases)
    func attemptsAndAnswers(backend: Backend) async throws {
        let store = try backend.make()
        let person = try await store.enrolPerson(login: "ada", name: "Ada", at: t0)
        let attempt = try await store.createAttempt(Attempt(personID: person.personID, kind: .quiz, scope: "course:risk", plan: plan(), startedAt: t0, owner: "h:1"))
        let reopened = try #require(try await store.openAttempt(personID: person.personID, kind: .quiz, scope: "course:risk"))
        #expect(reopened.plan == plan())
        #expect(reopened.id == attempt.id)
        let r1 = ResponseRecord(attemptID: attempt.id, personID: person.personID, itemID: "q-1", competency: "risk-management",
                                answer: .choices([2]), correct: true, seconds: 4.5, answeredAt: t0.addingTimeInterval(5))
        _ = try await store.recordAnswer(r1)
        var duplicate = r1
        duplicate.answer = .choices([1])
        let kept = try await store.recordAnswer(duplicate)
        #expect(kept.answer == .choices([2]), "the first answer to an item wins")
        _ = try await store.recordAnswer(ResponseRecord(attemptID: attempt.id, personID: person.personID, itemID: "q-2", competency: "risk-management",
                                                       answer: .number(3.5), correct: false, seconds: 9, answeredAt: t0.addingTimeInterval(15)))
        let stored = try await store.responses(attemptID: attempt.attemptID)
        #expect(stored.map(\.itemID) == ["q-1", "q-2"])
        #expect(stored[1].answer == .number(3.5))
        #expect(try await store.responses(personID: person.personID, competency: "risk-management").count == 2)
        try await store.finishAttempt(id: attempt.attemptID, at: t0.addingTimeInterval(20))
        #expect(try await store.openAttempt(personID: person.personID, kind: .quiz, scope: "course:risk") == nil)
        let dashboard = try await store.dashboard(personID: person.personID, at: t0)
        #expect(dashboard.recentAttempts.first?.correct == 1)
        #expect(dashboard.recentAttempts.first?.answered == 2)
    }

    @Test("a live owner keeps an attempt; a dead owner's attempt can be taken over", arguments: Backend.allCases)
    func claiming(backend: Backend) async throws {
        let store = try backend.make()
        let person = try await store.enrolPerson(login: "ada", name: "Ada", at: t0)
        let attempt = try await store.createAttempt(Attempt(personID: person.personID, kind: .quiz, scope: "s", plan: plan(), startedAt: t0, owner: "h:1"))
        #expect(try await store.claimAttempt(id: attempt.attemptID, owner: "h:2", isAlive: { _ in true }, at: t0) == "h:1")
        #expect(try await store.claimAttempt(id: attempt.attemptID, owner: "h:2", isAlive: { _ in false }, at: t0) == nil)
        #expect(try await store.claimAttempt(id: attempt.attemptID, owner: "h:1", isAlive: { _ in true }, at: t0) == "h:2")
        try await store.releaseAttempt(id: attempt.attemptID, owner: "h:2")
        #expect(try await store.claimAttempt(id: attempt.attemptID, owner: "h:1", isAlive: { _ in true }, at: t0) == nil)
    }

    @Test("lessons, assignments through the unit tree, estimates and review cards", arguments: Backend.allCases)
    func learning(backend: Backend) async throws {
        let store = try backend.make()
        var person = try await store.enrolPerson(login: "ada", name: "Ada", at: t0)
        let parent = try await store.saveUnit(OrgUnit(code: "corp", name: "Corporate"))
        let child = try await store.saveUnit(OrgUnit(code: "it", name: "IT", parentID: parent.id))
        person.unitID = child.id
        try await store.updatePerson(person)
        _ = try await store.assign(Assignment(unitID: parent.id, courseID: "risk", dueDate: t0.addingTimeInterval(86_400), assignedBy: "pmo", createdAt: t0))
        _ = try await store.assign(Assignment(personID: person.personID, courseID: "pmo", dueDate: nil, assignedBy: "pmo", createdAt: t0))
        #expect(try await store.assignments(personID: person.personID).map(\.courseID) == ["risk", "pmo"])

        try await store.startLesson(personID: person.personID, lessonID: "l1", courseID: "risk", at: t0)
        try await store.completeLesson(personID: person.personID, lessonID: "l1", courseID: "risk", at: t0.addingTimeInterval(60))
        try await store.completeLesson(personID: person.personID, lessonID: "l1", courseID: "risk", at: t0.addingTimeInterval(999))
        let progress = try await store.lessonProgress(personID: person.personID)
        #expect(progress.count == 1 && progress[0].completedAt == t0.addingTimeInterval(60))
        #expect(try await store.enrolledCourses(personID: person.personID) == ["risk"])

        try await store.saveEstimates([SkillEstimateRecord(personID: person.personID, competency: "risk-management", theta: 0.1, se: 0.6, responses: 5, estimatedAt: t0)])
        try await store.saveEstimates([SkillEstimateRecord(personID: person.personID, competency: "risk-management", theta: 0.4, se: 0.4, responses: 12, estimatedAt: t0.addingTimeInterval(10))])
        #expect(try await store.latestEstimates(personID: person.personID).map(\.theta) == [0.4])
        #expect(try await store.estimateHistory(personID: person.personID).count == 2)

        try await store.saveReviewCard(ReviewCardRecord(personID: person.personID, itemID: "q-1", due: t0, state: Data("{}".utf8), updatedAt: t0))
        try await store.saveReviewCard(ReviewCardRecord(personID: person.personID, itemID: "q-2", due: t0.addingTimeInterval(3600), state: Data("{}".utf8), updatedAt: t0))
        #expect(try await store.dueReviewCards(personID: person.personID, at: t0.addingTimeInterval(1), limit: 10).map(\.itemID) == ["q-1"])
        let dashboard = try await store.dashboard(personID: person.personID, at: t0.addingTimeInterval(1))
        #expect(dashboard.reviewsDue == 1)
        #expect(dashboard.completedLessons == ["l1"])
        #expect(dashboard.assignments.count == 2)
    }

    @Test("a file database survives reopening, and two writers at once lose nothing")
    func fileDurability() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-store-\(UUID().uuidString)/a.sqlite").path
        let first = try SQLiteStore(path: path)
        let second = try SQLiteStore(path: path)
        let person = try await first.enrolPerson(login: "ada", name: "Ada", at: t0)
        let attempt = try await first.createAttempt(Attempt(personID: person.personID, kind: .quiz, scope: "s",
                                                            plan: QuizPlan(itemIDs: (0..<100).map { "q-\($0)" }, optionOrders: [:]), startedAt: t0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second].enumerated() {
                group.addTask {
                    for i in stride(from: index, to: 100, by: 2) {
                        _ = try await store.recordAnswer(ResponseRecord(attemptID: attempt.id, personID: person.personID, itemID: "q-\(i)",
                                                                        competency: "c", answer: .trueFalse(true), correct: true, seconds: 1, answeredAt: self.t0))
                    }
                }
            }
            try await group.waitForAll()
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.responses(attemptID: attempt.attemptID).count == 100)
    }
}
