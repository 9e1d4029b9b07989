/// How many criteria are met at the threshold, OPM3-style: a share of all practices.
public struct MaturityCoverage: Sendable, Codable, Equatable {
    /// Criteria whose combined answer is at or above the threshold.
    public var met: Int
    /// All criteria counted, of every level.
    public var total: Int

    public init(met: Int, total: Int) {
        self.met = met
        self.total = total
    }

    /// `100 × met / total`, unrounded; 0 when there are no criteria.
    public var percent: Double {
        total == 0 ? 0 : 100 * Double(met) / Double(total)
    }

    enum CodingKeys: String, CodingKey { case met, total, percent }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        met = try container.decode(Int.self, forKey: .met)
        total = try container.decode(Int.self, forKey: .total)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(met, forKey: .met)
        try container.encode(total, forKey: .total)
        try container.encode(percent, forKey: .percent)
    }
}
