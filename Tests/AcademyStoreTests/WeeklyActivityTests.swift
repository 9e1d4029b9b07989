import AcademyCore
import AcademyStore
import Foundation
import Testing

@Suite("Weekly activity")
struct WeeklyActivityTests {
    @Test("answers are counted in the week they fall in; older and future answers are not", arguments: Backend.allCases)
    func buckets(backend: Backend) async throws {
        let store = try backend.make()
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let week = 7 * 86_400.0
        let person = try await store.enrolPerson(login: "ada", name: "Ada", at: now)
        let other = try await store.enrolPerson(login: "bo", name: "Bo", at: now)
        let offsets: [(Int64, Double)] = [(person.personID, -0.5 * week), (person.personID, -0.1 * week), (person.personID, -1.5 * week),
                                          (person.personID, -3 * week + 1), (person.personID, -3.5 * week), (other.personID, -1.2 * week),
                                          (other.personID, 0.5 * week)]
        for (index, (id, offset)) in offsets.enumerated() {
            let attempt = try await store.createAttempt(Attempt(personID: id, kind: .quiz, scope: "s\(index)",
                                                                plan: QuizPlan(itemIDs: ["q"], optionOrders: [:]), startedAt: now))
            _ = try await store.recordAnswer(ResponseRecord(attemptID: attempt.id, personID: id, itemID: "q", competency: "c",
                                                            answer: .trueFalse(true), correct: true, seconds: 1,
                                                            answeredAt: now.addingTimeInterval(offset)))
        }
        let activity = try await store.weeklyActivity(weeks: 3, endingAt: now)
        #expect(activity[person.personID] == [1, 1, 2], "weeks oldest first: [-3w,-2w) [-2w,-1w) [-1w,now)")
        #expect(activity[other.personID] == [0, 1, 0])
    }
}
