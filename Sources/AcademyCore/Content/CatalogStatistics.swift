/// Counts that show whether the content covers the framework: `pmo content stats`.
public struct CatalogStatistics: Sendable, Codable, Equatable {
    public struct CompetencyRow: Sendable, Codable, Equatable {
        public var id: String
        public var items: Int
        /// Items at difficulty 1…5 (index 0 is difficulty 1).
        public var byDifficulty: [Int]
        public var byType: [String: Int]
        public var courses: [String]
    }

    public var courses: Int
    public var lessons: Int
    public var lessonsWithChecks: Int
    public var items: Int
    public var byType: [String: Int]
    public var competencies: [CompetencyRow]

    public init(_ catalog: Catalog) {
        courses = catalog.courses.count
        lessons = catalog.lessons.count
        lessonsWithChecks = catalog.lessons.filter { !$0.check.isEmpty }.count
        items = catalog.items.count
        byType = Dictionary(grouping: catalog.items, by: \.type.rawValue).mapValues(\.count)
        competencies = catalog.competencies.map { competency in
            let items = catalog.items(forCompetency: competency.id)
            return CompetencyRow(id: competency.id, items: items.count,
                                 byDifficulty: (1...5).map { d in items.filter { $0.difficulty == d }.count },
                                 byType: Dictionary(grouping: items, by: \.type.rawValue).mapValues(\.count),
                                 courses: catalog.courses.filter { $0.competencies.contains(competency.id) }.map(\.id))
        }
    }
}
