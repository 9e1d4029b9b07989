/// One person's measured proficiency, the input to capability evidence.
///
/// `levels` maps a competency id to the proficiency level 1…5 reached (from the person's
/// ability estimate). A competency without an entry has not been measured; it counts as
/// not reaching any minimum level.
public struct PersonCapability: Sendable, Hashable, Codable {
    /// The person's id.
    public var person: String
    /// The person's role id, if any (`project-manager`).
    public var role: String?
    /// Competency id → proficiency level 1…5.
    public var levels: [String: Int]

    public init(person: String, role: String?, levels: [String: Int]) {
        self.person = person
        self.role = role
        self.levels = levels
    }
}
