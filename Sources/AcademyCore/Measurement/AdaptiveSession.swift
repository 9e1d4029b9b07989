import Foundation

/// A computerised adaptive test of one competency, as a value: ask `nextItem`, `record` the answer, repeat until finished.
///
/// The pipeline is catsim's: start at the prior mean (θ = 0) → pick the item with the most
/// information at the current θ, weighted for content balance, drawing at random among the
/// `exposureCandidates` best (randomesque exposure control) → re-estimate θ by EAP → stop at
/// SE ≤ target after the minimum number of items, at the maximum number of items, or when no
/// eligible item is left. Randomness comes only from the generator passed to `nextItem`.
public struct AdaptiveSession: Sendable {
    /// Why a session stopped.
    public enum StopReason: String, Sendable, Hashable, Codable {
        /// The standard error reached the target after the minimum number of items.
        case precision
        /// The maximum number of items was given.
        case length
        /// No eligible item was left.
        case bankExhausted = "bank-exhausted"
    }

    /// One question asked and its answer.
    public struct Administered: Sendable, Hashable {
        public var item: AdaptiveItem
        public var correct: Bool
        /// θ and SE after this answer.
        public var estimate: AbilityEstimate
    }

    public let configuration: AdaptiveConfiguration
    /// Items still eligible: in the bank, not excluded, not yet asked.
    public private(set) var available: [AdaptiveItem]
    /// The questions asked so far, in order.
    public private(set) var administered: [Administered] = []
    /// The item returned by `nextItem` and not yet answered.
    public private(set) var pending: AdaptiveItem?
    /// The current estimate (the prior before any answer).
    public private(set) var estimate: AbilityEstimate

    private var responses: [ScoredResponse] = []
    private var lessonCounts: [String: Int] = [:]
    private var tagCounts: [String: Int] = [:]

    /// A session over `bank`, leaving out the items in `excluding` (for example those seen recently).
    public init(bank: [AdaptiveItem], excluding: Set<String> = [], configuration: AdaptiveConfiguration = .default) {
        self.configuration = configuration
        var seen = Set<String>()
        available = bank.filter { !excluding.contains($0.id) && $0.parameters.isUsable && seen.insert($0.id).inserted }
        estimate = configuration.estimator.estimate([])
    }

    /// A session leaving out the items last answered within `configuration.repeatWindowDays` of `now`.
    public init(bank: [AdaptiveItem], lastSeen: [String: Date], now: Date, configuration: AdaptiveConfiguration = .default) {
        self.init(bank: bank,
                  excluding: AdaptiveSession.recentlySeen(lastSeen, now: now, withinDays: configuration.repeatWindowDays),
                  configuration: configuration)
    }

    /// The ids of items whose last answer lies less than `days` days before `now`.
    public static func recentlySeen(_ lastSeen: [String: Date], now: Date, withinDays days: Int) -> Set<String> {
        let window = TimeInterval(days) * 86_400
        return Set(lastSeen.compactMap { id, date in now.timeIntervalSince(date) < window ? id : nil })
    }

    /// Why the session has stopped, or `nil` while it goes on.
    public var stopReason: StopReason? {
        if administered.count >= configuration.maximumItems { return .length }
        if administered.count >= configuration.minimumItems, !administered.isEmpty,
           estimate.se <= configuration.targetStandardError { return .precision }
        if available.isEmpty, pending == nil { return .bankExhausted }
        return nil
    }

    public var isFinished: Bool { stopReason != nil }

    /// The item to ask next, or `nil` when the session is finished; asking again before an answer returns the same item.
    public mutating func nextItem(using generator: inout some RandomNumberGenerator) -> AdaptiveItem? {
        if let pending { return pending }
        guard !isFinished else { return nil }
        let candidates = rankedCandidates(limit: configuration.exposureCandidates)
        let pick = candidates.count <= 1 ? 0 : Int.random(in: 0..<candidates.count, using: &generator)
        let index = candidates[pick].index
        let item = available.remove(at: index)
        pending = item
        return item
    }

    /// Records the answer to the pending item and re-estimates θ.
    public mutating func record(correct: Bool) throws(AdaptiveSessionError) {
        guard let item = pending else { throw .noPendingItem }
        pending = nil
        responses.append(ScoredResponse(item.parameters, correct: correct))
        estimate = configuration.estimator.estimate(responses)
        administered.append(Administered(item: item, correct: correct, estimate: estimate))
        if !item.lesson.isEmpty { lessonCounts[item.lesson, default: 0] += 1 }
        for tag in Set(item.tags) { tagCounts[tag, default: 0] += 1 }
    }

    /// Makes the available item `itemID` the pending one, as if the selector had chosen it:
    /// replays a stored session when it resumes. Does nothing when `itemID` is already pending.
    public mutating func administer(itemID: String) throws(AdaptiveSessionError) {
        if pending?.id == itemID { return }
        guard pending == nil else { throw .notPending(itemID: itemID) }
        guard let index = available.firstIndex(where: { $0.id == itemID }) else { throw .notPending(itemID: itemID) }
        pending = available.remove(at: index)
    }

    /// Records the answer to the pending item, checking that it is the item `itemID`.
    public mutating func record(itemID: String, correct: Bool) throws(AdaptiveSessionError) {
        guard let pending else { throw .noPendingItem }
        guard pending.id == itemID else { throw .notPending(itemID: itemID) }
        try record(correct: correct)
    }

    /// The `limit` best available items by weighted information at the current θ, best first
    /// (ties broken by id, so that the order is deterministic).
    func rankedCandidates(limit: Int? = nil) -> [(index: Int, score: Double)] {
        let theta = estimate.theta
        let limit = limit ?? available.count
        var best: [(index: Int, score: Double)] = []
        best.reserveCapacity(limit + 1)
        func ranksBefore(_ lhs: (index: Int, score: Double), _ rhs: (index: Int, score: Double)) -> Bool {
            lhs.score != rhs.score ? lhs.score > rhs.score : available[lhs.index].id < available[rhs.index].id
        }
        for (index, item) in available.enumerated() {
            let candidate = (index: index, score: item.parameters.information(at: theta) * contentWeight(item))
            if best.count == limit, let last = best.last, !ranksBefore(candidate, last) { continue }
            var position = best.count
            while position > 0, ranksBefore(candidate, best[position - 1]) { position -= 1 }
            best.insert(candidate, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// lessonPenalty^(items given from its lesson) × tagPenalty^(Σ over its tags of items given with that tag).
    func contentWeight(_ item: AdaptiveItem) -> Double {
        var weight = pow(configuration.lessonPenalty, Double(lessonCounts[item.lesson] ?? 0))
        var tagUses = 0
        for tag in Set(item.tags) { tagUses += tagCounts[tag] ?? 0 }
        if tagUses > 0 { weight *= pow(configuration.tagPenalty, Double(tagUses)) }
        return weight
    }
}
