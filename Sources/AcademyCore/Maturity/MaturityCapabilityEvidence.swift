/// The measured share of people who reach a criterion's capability requirement.
///
/// Evidence is shown beside the assessors' answers; it does not change them unless the
/// scorer is asked to cap answers on unmet capability (see `MaturityScorer`).
public struct MaturityCapabilityEvidence: Sendable, Codable, Equatable {
    /// The competencies each person must reach `minimumLevel` in, all of them.
    public var competencies: [String]
    /// The role counted, or nil for everyone.
    public var role: String?
    /// The proficiency level 1…5 each listed competency must reach.
    public var minimumLevel: Int
    /// The share of people (0…1) the requirement asks for.
    public var requiredShare: Double
    /// People counted: those with the role, or everyone when there is no role.
    public var people: Int
    /// People counted who reach `minimumLevel` in every listed competency.
    public var meeting: Int
    /// People counted who have no estimate for at least one listed competency.
    public var withoutEstimate: Int

    public init(competencies: [String], role: String?, minimumLevel: Int, requiredShare: Double,
                people: Int, meeting: Int, withoutEstimate: Int) {
        self.competencies = competencies
        self.role = role
        self.minimumLevel = minimumLevel
        self.requiredShare = requiredShare
        self.people = people
        self.meeting = meeting
        self.withoutEstimate = withoutEstimate
    }

    /// `meeting / people`, or nil when nobody is counted.
    public var share: Double? {
        people == 0 ? nil : Double(meeting) / Double(people)
    }

    /// Whether the measured share reaches the required share; false when nobody is counted.
    public var isMet: Bool {
        // Compare counts, with a little slack so that 3 of 5 meets 0.6 despite rounding.
        people > 0 && Double(meeting) >= requiredShare * Double(people) - 1e-9
    }

    enum CodingKeys: String, CodingKey {
        case competencies, role, minimumLevel, requiredShare, people, meeting, withoutEstimate, share, isMet
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        competencies = try c.decode([String].self, forKey: .competencies)
        role = try c.decodeIfPresent(String.self, forKey: .role)
        minimumLevel = try c.decode(Int.self, forKey: .minimumLevel)
        requiredShare = try c.decode(Double.self, forKey: .requiredShare)
        people = try c.decode(Int.self, forKey: .people)
        meeting = try c.decode(Int.self, forKey: .meeting)
        withoutEstimate = try c.decode(Int.self, forKey: .withoutEstimate)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(competencies, forKey: .competencies)
        try c.encodeIfPresent(role, forKey: .role)
        try c.encode(minimumLevel, forKey: .minimumLevel)
        try c.encode(requiredShare, forKey: .requiredShare)
        try c.encode(people, forKey: .people)
        try c.encode(meeting, forKey: .meeting)
        try c.encode(withoutEstimate, forKey: .withoutEstimate)
        try c.encodeIfPresent(share, forKey: .share)
        try c.encode(isMet, forKey: .isMet)
    }
}
