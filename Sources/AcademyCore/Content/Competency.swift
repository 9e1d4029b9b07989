/// The three groups of PMI's Talent Triangle (2022 names).
public enum CompetencyGroup: String, Sendable, CaseIterable, Codable {
    case waysOfWorking = "ways-of-working"
    case powerSkills = "power-skills"
    case businessAcumen = "business-acumen"

    public var title: String {
        switch self {
        case .waysOfWorking: "Ways of Working"
        case .powerSkills: "Power Skills"
        case .businessAcumen: "Business Acumen"
        }
    }
}

/// The eight PMBOK 7 performance domains.
public enum PerformanceDomain: String, Sendable, CaseIterable, Codable {
    case stakeholders, team
    case developmentApproachAndLifeCycle = "development-approach-and-life-cycle"
    case planning
    case projectWork = "project-work"
    case delivery, measurement, uncertainty
}

/// One step of a proficiency scale; `cut` is the lowest θ at which it is reached.
public struct ProficiencyLevel: Sendable, Hashable, Codable {
    /// 1 (novice) … 5 (expert).
    public var number: Int
    public var name: String
    public var cut: Double?
    public var description: String

    public init(number: Int, name: String, cut: Double?, description: String) {
        self.number = number
        self.name = name
        self.cut = cut
        self.description = description
    }
}

/// A competency of the framework: what a project manager must be able to do.
public struct Competency: Sendable, Identifiable, Hashable {
    public var id: String
    public var name: String
    public var group: CompetencyGroup
    public var domains: [PerformanceDomain]
    public var description: String
    /// Exactly five levels, lowest first, with rising cut scores.
    public var levels: [ProficiencyLevel]
    public var location: SourceLocation

    public init(id: String, name: String, group: CompetencyGroup, domains: [PerformanceDomain],
                description: String, levels: [ProficiencyLevel], location: SourceLocation) {
        self.id = id
        self.name = name
        self.group = group
        self.domains = domains
        self.description = description
        self.levels = levels
        self.location = location
    }

    /// The proficiency level reached at ability `theta`.
    public func level(forTheta theta: Double) -> ProficiencyLevel {
        var reached = levels[0]
        for level in levels.dropFirst() {
            if let cut = level.cut, theta >= cut { reached = level }
        }
        return reached
    }
}

/// The competency framework: the default levels and every competency.
public struct CompetencyFramework: Sendable {
    public var id: String
    public var version: Int
    public var levels: [ProficiencyLevel]
    public var competencies: [Competency]

    public init(id: String, version: Int, levels: [ProficiencyLevel], competencies: [Competency]) {
        self.id = id
        self.version = version
        self.levels = levels
        self.competencies = competencies
    }

    public static let empty = CompetencyFramework(id: "empty", version: 0, levels: [], competencies: [])
}
