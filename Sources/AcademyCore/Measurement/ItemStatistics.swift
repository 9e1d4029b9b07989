/// Classical and fit statistics of one item.
public struct ItemStatistics: Sendable, Hashable, Codable {
    /// The item's index in the bank.
    public var item: Int
    public var responses: Int
    /// Proportion right (the p-value); `nil` without responses.
    public var facility: Double?
    /// Corrected point-biserial: correlation of the item score with the person's mean score on their other items.
    public var discrimination: Double?
    /// Information-weighted fit mean-square Σ(x−P)² / ΣP(1−P); `nil` without parameters and abilities.
    public var infit: Double?
    /// Unweighted fit mean-square: the mean of (x−P)² / (P(1−P)).
    public var outfit: Double?
    public var flags: [ItemFlag]

    public init(item: Int, responses: Int, facility: Double?, discrimination: Double?, infit: Double?, outfit: Double?,
                flags: [ItemFlag]) {
        self.item = item
        self.responses = responses
        self.facility = facility
        self.discrimination = discrimination
        self.infit = infit
        self.outfit = outfit
        self.flags = flags
    }
}
