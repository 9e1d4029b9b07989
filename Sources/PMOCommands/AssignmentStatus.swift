import AcademyCore
import AcademyStore
import Foundation

/// Where one person stands on one assigned course.
struct AssignmentStatus: Codable, Equatable {
    enum State: String, Codable {
        case onTime = "on-time", late, overdue, inProgress = "in-progress", notStarted = "not-started"
    }

    var person: String
    var course: String
    var due: Date?
    var lessonsDone: Int
    var lessons: Int
    var completedAt: Date?
    var state: State

    /// A course is complete when every lesson is completed and every lesson check has been finished.
    static func evaluate(course: Course, due: Date?, facts: LearningFacts?, person: String, now: Date) -> AssignmentStatus {
        let facts = facts ?? LearningFacts()
        var times: [Date] = []
        var done = 0
        var complete = true
        for lesson in course.lessons {
            if let at = facts.lessonsCompleted[lesson.id] { done += 1; times.append(at) } else { complete = false }
            if !lesson.check.isEmpty {
                if let at = facts.checksFinished[lesson.id] { times.append(at) } else { complete = false }
            }
        }
        let completedAt = complete ? times.max() : nil
        let state: State
        if let completedAt {
            state = due.map { completedAt <= $0 } ?? true ? .onTime : .late
        } else if let due, due < now {
            state = .overdue
        } else {
            state = done > 0 ? .inProgress : .notStarted
        }
        return AssignmentStatus(person: person, course: course.id, due: due, lessonsDone: done, lessons: course.lessons.count,
                                completedAt: completedAt, state: state)
    }
}
