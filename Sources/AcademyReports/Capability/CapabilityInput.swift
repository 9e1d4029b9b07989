import Foundation

/// Everything the capability reports are built from, read from the store once.
///
/// Pure data: the builders filter it through an `AccessScope`'s person ids, so no report
/// can show what its viewer may not see.
public struct CapabilityInput: Sendable {
    public struct PersonRow: Sendable {
        public var id: Int64
        public var login: String
        public var name: String
        public var unitID: Int64?
        public var role: String?

        public init(id: Int64, login: String, name: String, unitID: Int64?, role: String?) {
            self.id = id
            self.login = login
            self.name = name
            self.unitID = unitID
            self.role = role
        }
    }

    public struct UnitRow: Sendable {
        public var id: Int64
        public var name: String
        public var parentID: Int64?

        public init(id: Int64, name: String, parentID: Int64?) {
            self.id = id
            self.name = name
            self.parentID = parentID
        }
    }

    /// A person's latest estimate in one competency, with its level.
    public struct Estimate: Sendable {
        public var theta: Double
        public var se: Double
        public var responses: Int
        public var level: Int

        public init(theta: Double, se: Double, responses: Int, level: Int) {
            self.theta = theta
            self.se = se
            self.responses = responses
            self.level = level
        }
    }

    /// One assigned course for one person.
    public struct Completion: Sendable {
        public var course: String
        public var due: Date?
        public var state: String
        public var lessonsDone: Int
        public var lessons: Int

        public init(course: String, due: Date?, state: String, lessonsDone: Int, lessons: Int) {
            self.course = course
            self.due = due
            self.state = state
            self.lessonsDone = lessonsDone
            self.lessons = lessons
        }
    }

    public var people: [PersonRow]
    public var units: [UnitRow]
    /// Competency ids and names, in framework order.
    public var competencies: [(id: String, name: String)]
    public var levelNames: [String]
    /// Role id → competency id → target level.
    public var roleTargets: [String: [String: Int]]
    public var roleNames: [String: String]
    /// Person id → competency id → latest estimate.
    public var estimates: [Int64: [String: Estimate]]
    /// Person id → competency id → estimate history (θ over time), for the person report.
    public var history: [Int64: [String: [(date: Date, theta: Double)]]]
    public var completion: [Int64: [Completion]]
    /// Person id → answers per week, oldest first, over the last `activityWeeks.count` weeks.
    public var activity: [Int64: [Int]]
    /// The Monday (start) of each activity week, oldest first.
    public var activityWeeks: [Date]
    /// Competency id → courses that teach it (id, title).
    public var courses: [String: [(id: String, title: String)]]
    public var now: Date

    public init(people: [PersonRow], units: [UnitRow], competencies: [(id: String, name: String)], levelNames: [String],
                roleTargets: [String: [String: Int]], roleNames: [String: String], estimates: [Int64: [String: Estimate]],
                history: [Int64: [String: [(date: Date, theta: Double)]]], completion: [Int64: [Completion]],
                activity: [Int64: [Int]], activityWeeks: [Date], courses: [String: [(id: String, title: String)]], now: Date) {
        self.people = people
        self.units = units
        self.competencies = competencies
        self.levelNames = levelNames
        self.roleTargets = roleTargets
        self.roleNames = roleNames
        self.estimates = estimates
        self.history = history
        self.completion = completion
        self.activity = activity
        self.activityWeeks = activityWeeks
        self.courses = courses
        self.now = now
    }

    /// The ids of `unit` and every unit below it.
    public func subtree(of unit: Int64) -> Set<Int64> {
        var children: [Int64: [Int64]] = [:]
        for u in units { if let parent = u.parentID { children[parent, default: []].append(u.id) } }
        var result: Set<Int64> = [unit]
        var stack = [unit]
        while let next = stack.popLast() {
            for child in children[next] ?? [] where result.insert(child).inserted { stack.append(child) }
        }
        return result
    }

    public func levelName(_ level: Int) -> String {
        level >= 1 && level <= levelNames.count ? levelNames[level - 1] : "Level \(level)"
    }
}
