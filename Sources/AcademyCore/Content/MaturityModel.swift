/// An organisational maturity model: levels, dimensions and their observable criteria.
public struct MaturityModel: Sendable, Identifiable, Hashable {
    /// One point of the answer scale ("largely", value 2).
    public struct ScalePoint: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var value: Double

        public init(id: String, label: String, value: Double) {
            self.id = id
            self.label = label
            self.value = value
        }
    }

    /// A named maturity level 1…5.
    public struct Level: Sendable, Hashable {
        public var number: Int
        public var name: String
        public var description: String

        public init(number: Int, name: String, description: String) {
            self.number = number
            self.name = name
            self.description = description
        }
    }

    /// Evidence computed from measured skills: a share of people at a proficiency level.
    public struct CapabilityRequirement: Sendable, Hashable {
        public var competencies: [String]
        public var role: String?
        public var minimumLevel: Int
        public var share: Double

        public init(competencies: [String], role: String?, minimumLevel: Int, share: Double) {
            self.competencies = competencies
            self.role = role
            self.minimumLevel = minimumLevel
            self.share = share
        }
    }

    /// One observable criterion of a dimension at a level.
    public struct Criterion: Sendable, Hashable, Identifiable {
        public var id: String
        public var level: Int
        public var text: String
        public var evidence: String
        public var courses: [String]
        public var capability: CapabilityRequirement?
        public var location: SourceLocation

        public init(id: String, level: Int, text: String, evidence: String, courses: [String],
                    capability: CapabilityRequirement?, location: SourceLocation) {
            self.id = id
            self.level = level
            self.text = text
            self.evidence = evidence
            self.courses = courses
            self.capability = capability
            self.location = location
        }
    }

    /// A dimension (perspective) assessed on its own.
    public struct Dimension: Sendable, Hashable, Identifiable {
        public var id: String
        public var name: String
        public var description: String
        public var criteria: [Criterion]
        public var location: SourceLocation

        public init(id: String, name: String, description: String, criteria: [Criterion], location: SourceLocation) {
            self.id = id
            self.name = name
            self.description = description
            self.criteria = criteria
            self.location = location
        }
    }

    public var id: String
    public var name: String
    public var version: String
    public var description: String
    /// Lowest first, values rising.
    public var scale: [ScalePoint]
    /// The id of the scale point a criterion needs to count as met.
    public var threshold: String
    public var levels: [Level]
    public var dimensions: [Dimension]
    public var location: SourceLocation

    public init(id: String, name: String, version: String, description: String, scale: [ScalePoint],
                threshold: String, levels: [Level], dimensions: [Dimension], location: SourceLocation) {
        self.id = id
        self.name = name
        self.version = version
        self.description = description
        self.scale = scale
        self.threshold = threshold
        self.levels = levels
        self.dimensions = dimensions
        self.location = location
    }
}
