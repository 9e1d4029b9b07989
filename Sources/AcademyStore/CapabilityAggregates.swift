import Foundation

/// Every person's newest estimate per competency, as one compact table: no record per person.
///
/// For organisation-wide reports, where a dictionary of records per person would cost more than
/// the reading. Rows are people (ascending id), columns are `competencies` in the order asked for;
/// competencies not asked for are left out.
public struct LatestEstimateTable: Sendable, Equatable {
    public let competencies: [String]
    /// The people with at least one estimate in `competencies`, ascending.
    public internal(set) var personIDs: [Int64] = []
    /// θ, row-major (`personIDs.count × competencies.count`); `nan` where the person has no estimate.
    public internal(set) var theta: [Double] = []
    /// The number of responses behind each estimate (0 where there is none).
    public internal(set) var responses: [Int32] = []

    public init(competencies: [String]) {
        self.competencies = competencies
    }

    /// The row of `personID`, if they have an estimate.
    public func row(of personID: Int64) -> Int? { personIDs.sortedIndex(of: personID) }

    public func theta(row: Int, competency: Int) -> Double? {
        let value = theta[row * competencies.count + competency]
        return value.isNaN ? nil : value
    }
}

/// The lessons of one course, for completion tracking: which have a check that must be finished.
public struct CourseLessons: Sendable, Equatable {
    public var courseID: String
    public var lessonIDs: [String]
    /// Parallel to `lessonIDs`: the lesson has a check.
    public var hasCheck: [Bool]

    public init(courseID: String, lessonIDs: [String], hasCheck: [Bool]) {
        self.courseID = courseID
        self.lessonIDs = lessonIDs
        self.hasCheck = hasCheck
    }
}

/// Progress of every person in some courses, as one compact table (see `LatestEstimateTable`).
///
/// Counts what `completionFacts` would give for the same courses: lessons completed (rows whose
/// `course_id` is the course) and lesson checks finished, each lesson counted once, with the
/// latest of those times.
public struct CourseProgressTable: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// Lessons of the course the person has completed.
        public var lessonsDone: Int
        /// Lessons with a check whose check the person has finished.
        public var checksDone: Int
        /// The latest completion or finished check among them (seconds since 1970), if any.
        public var latest: Double?

        public init(lessonsDone: Int = 0, checksDone: Int = 0, latest: Double? = nil) {
            self.lessonsDone = lessonsDone
            self.checksDone = checksDone
            self.latest = latest
        }
    }

    public let courses: [String]
    /// People with any progress in `courses`, ascending.
    public internal(set) var personIDs: [Int64] = []
    /// Row-major (`personIDs.count × courses.count`).
    public internal(set) var cells: [Cell] = []

    public init(courses: [String]) {
        self.courses = courses
    }

    /// The person's progress in course `course` (an index into `courses`); empty when none.
    public func cell(personID: Int64, course: Int) -> Cell {
        guard let row = personIDs.sortedIndex(of: personID) else { return Cell() }
        return cells[row * courses.count + course]
    }
}

/// Answers and active people per week, summed over a set of people.
public struct ActivityTotals: Sendable, Equatable {
    /// Answers per week, oldest first.
    public var answers: [Int]
    /// People with at least one answer in the week.
    public var activePeople: [Int]

    public init(answers: [Int], activePeople: [Int]) {
        self.answers = answers
        self.activePeople = activePeople
    }
}

extension Array where Element == Int64 {
    /// Binary search in an ascending array.
    func sortedIndex(of value: Int64) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low] == value ? low : nil
    }
}
