/// Everything the content directory holds, loaded and cross-checked; immutable once built.
public struct Catalog: Sendable {
    public let framework: CompetencyFramework
    public let roles: [Role]
    /// Courses with prerequisites before the courses that need them, then by id.
    public let courses: [Course]
    public let items: [Item]
    public let maturityModels: [MaturityModel]

    public let competencyByID: [String: Competency]
    public let courseByID: [String: Course]
    public let lessonByID: [String: Lesson]
    public let itemByID: [String: Item]
    public let roleByID: [String: Role]

    public init(framework: CompetencyFramework, roles: [Role], courses: [Course], items: [Item],
                maturityModels: [MaturityModel]) {
        self.framework = framework
        self.roles = roles
        self.courses = courses
        self.items = items
        self.maturityModels = maturityModels
        competencyByID = Dictionary(framework.competencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        courseByID = Dictionary(courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        lessonByID = Dictionary(courses.flatMap(\.lessons).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        itemByID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        roleByID = Dictionary(roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var competencies: [Competency] { framework.competencies }

    public var lessons: [Lesson] { courses.flatMap(\.lessons) }

    /// Items that measure `competency`, in bank order.
    public func items(forCompetency competency: String) -> [Item] {
        items.filter { $0.competency == competency }
    }

    /// Items whose source lesson belongs to `course`.
    public func items(forCourse course: String) -> [Item] {
        guard let lessons = courseByID[course]?.lessons else { return [] }
        let ids = Set(lessons.map(\.id))
        return items.filter { ids.contains($0.lesson) }
    }

    /// The course an item's source lesson belongs to.
    public func course(ofItem item: Item) -> Course? {
        lessonByID[item.lesson].flatMap { courseByID[$0.courseID] }
    }

    public static let empty = Catalog(framework: .empty, roles: [], courses: [], items: [], maturityModels: [])
}
