/// A job-role profile: the level each competency should reach for this role.
public struct Role: Sendable, Identifiable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    /// Competency id → target proficiency level 1…5.
    public var targets: [String: Int]
    public var location: SourceLocation
    /// Where each target's competency id is written, for reporting unknown ids.
    public internal(set) var targetLocations: [String: SourceLocation] = [:]

    public init(id: String, name: String, description: String, targets: [String: Int], location: SourceLocation) {
        self.id = id
        self.name = name
        self.description = description
        self.targets = targets
        self.location = location
    }
}
