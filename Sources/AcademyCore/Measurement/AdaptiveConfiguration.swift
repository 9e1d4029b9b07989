/// The rules of an adaptive test: selection, exposure control, content balancing and stopping.
public struct AdaptiveConfiguration: Sendable, Hashable {
    /// Randomesque exposure control: the next item is drawn at random from this many most informative ones.
    public var exposureCandidates: Int
    /// No stop before this many items (unless the bank runs out).
    public var minimumItems: Int
    /// Stop after this many items of one competency.
    public var maximumItems: Int
    /// Stop once the standard error is at most this (and `minimumItems` are answered).
    public var targetStandardError: Double
    /// Content balancing: a candidate's information is multiplied by this for every item already given from its lesson.
    public var lessonPenalty: Double
    /// Content balancing: and by this for every earlier item sharing each of its tags.
    public var tagPenalty: Double
    /// Items answered within this many days are not asked again.
    public var repeatWindowDays: Int
    /// How θ and its SE are estimated after each answer.
    public var estimator: AbilityEstimator

    public init(exposureCandidates: Int = 5, minimumItems: Int = 5, maximumItems: Int = 15,
                targetStandardError: Double = 0.35, lessonPenalty: Double = 0.6, tagPenalty: Double = 0.85,
                repeatWindowDays: Int = 30, estimator: AbilityEstimator = AbilityEstimator()) {
        self.exposureCandidates = max(1, exposureCandidates)
        self.minimumItems = max(0, minimumItems)
        self.maximumItems = max(1, maximumItems)
        self.targetStandardError = targetStandardError
        self.lessonPenalty = min(max(lessonPenalty, 0), 1)
        self.tagPenalty = min(max(tagPenalty, 0), 1)
        self.repeatWindowDays = max(0, repeatWindowDays)
        self.estimator = estimator
    }

    /// The defaults: k = 5, 5…15 items, SE ≤ 0.35, lesson penalty 0.6, tag penalty 0.85, 30-day repeat window, EAP.
    public static let `default` = AdaptiveConfiguration()
}
