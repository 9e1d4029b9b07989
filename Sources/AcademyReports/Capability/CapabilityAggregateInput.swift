import Foundation

/// What the organisation-wide group report is built from: levels and completion per member in flat
/// arrays, activity already summed. No record, dictionary or string per person beyond their id and role.
///
/// `members` are exactly the people the report counts: the caller has already kept only the active
/// people in the viewer's `AccessScope`.
public struct CapabilityAggregateInput: Sendable {
    public struct Member: Sendable, Equatable {
        public var id: Int64
        public var role: String?

        public init(id: Int64, role: String?) {
            self.id = id
            self.role = role
        }
    }

    public var members: [Member]
    /// Competency ids and names, in framework order.
    public var competencies: [(id: String, name: String)]
    public var levelNames: [String]
    /// Role id → competency id → target level.
    public var roleTargets: [String: [String: Int]]
    /// Row-major (`members.count × competencies.count`): the member's level, 0 where unmeasured.
    public var levels: [UInt8]
    /// Assigned courses of all members by state.
    public var completion: GroupReport.Completion
    /// Overdue assigned courses per member (parallel to `members`).
    public var overdue: [Int32]
    /// The start of each activity week, oldest first, with the members' answers and active people.
    public var activityWeeks: [Date]
    public var activityAnswers: [Int]
    public var activityPeople: [Int]
    /// Competency id → courses that teach it (id, title).
    public var courses: [String: [(id: String, title: String)]]
    public var now: Date

    public init(members: [Member], competencies: [(id: String, name: String)], levelNames: [String], roleTargets: [String: [String: Int]],
                levels: [UInt8], completion: GroupReport.Completion, overdue: [Int32], activityWeeks: [Date], activityAnswers: [Int],
                activityPeople: [Int], courses: [String: [(id: String, title: String)]], now: Date) {
        self.members = members
        self.competencies = competencies
        self.levelNames = levelNames
        self.roleTargets = roleTargets
        self.levels = levels
        self.completion = completion
        self.overdue = overdue
        self.activityWeeks = activityWeeks
        self.activityAnswers = activityAnswers
        self.activityPeople = activityPeople
        self.courses = courses
        self.now = now
    }

    /// The member's level in competency `c`, nil where unmeasured.
    public func level(member m: Int, competency c: Int) -> Int? {
        let value = levels[m * competencies.count + c]
        return value == 0 ? nil : Int(value)
    }
}
