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

extension AssignmentStatus {
    /// Every (person, assigned course) pair: a unit assignment covers the unit and every unit below it.
    static func all(assignments: [Assignment], people: [Person], units: [OrgUnit], facts: [Int64: LearningFacts],
                    catalog: Catalog, now: Date) -> [(person: Person, status: AssignmentStatus)] {
        covered(assignments: assignments, people: people, units: units).compactMap { person, assignment in
            guard let course = catalog.courseByID[assignment.courseID] else { return nil }
            return (person, evaluate(course: course, due: assignment.dueDate, facts: facts[person.personID], person: person.login, now: now))
        }
    }

    /// Every (person, assignment) pair, in assignment order: a unit assignment covers the people of the unit
    /// and of every unit below it.
    static func covered(assignments: [Assignment], people: [Person], units: [OrgUnit]) -> [(person: Person, assignment: Assignment)] {
        var unitMembers: [Int64: [Person]] = [:]
        for person in people { if let unit = person.unitID { unitMembers[unit, default: []].append(person) } }
        var children: [Int64: [Int64]] = [:]
        for unit in units { if let id = unit.id, let parent = unit.parentID { children[parent, default: []].append(id) } }
        func members(of unit: Int64) -> [Person] {
            (unitMembers[unit] ?? []) + (children[unit] ?? []).flatMap(members(of:))
        }
        var result: [(person: Person, assignment: Assignment)] = []
        for assignment in assignments {
            let assigned = assignment.personID.map { id in people.filter { $0.id == id } } ?? assignment.unitID.map(members(of:)) ?? []
            for person in assigned { result.append((person, assignment)) }
        }
        return result
    }

    /// The state `evaluate` gives, from the counts of a `CourseProgressTable` instead of the person's facts.
    static func state(course: Course, due: Date?, progress: CourseProgressTable.Cell, now: Date) -> State {
        Rule(course: course, due: due, now: now).state(progress)
    }

    /// `evaluate`'s rules for one assigned course, prepared once for many people.
    struct Rule {
        let lessons: Int
        let checks: Int
        let due: Date?
        let now: Date

        init(course: Course, due: Date?, now: Date) {
            lessons = course.lessons.count
            checks = course.lessons.count { !$0.check.isEmpty }
            self.due = due
            self.now = now
        }

        func state(_ progress: CourseProgressTable.Cell) -> State {
            // Complete: every lesson completed and every check finished; then when the last of them happened.
            if progress.lessonsDone == lessons, progress.checksDone == checks, let latest = progress.latest {
                let completedAt = Date(timeIntervalSince1970: latest)
                return due.map { completedAt <= $0 } ?? true ? .onTime : .late
            } else if let due, due < now {
                return .overdue
            }
            return progress.lessonsDone > 0 ? .inProgress : .notStarted
        }
    }
}
