import Foundation

/// An adaptive assessment of several competencies: one `AdaptiveSession` per competency, interleaved.
///
/// Each competency stops on its own rule (so "15 items" is per competency). The next item comes
/// from the unfinished competency with the fewest items asked so far, ties in the order given,
/// so the competencies advance together.
public struct AdaptiveAssessment: Sendable {
    /// Competency ids in the order given.
    public let competencies: [String]
    /// One session per competency.
    public private(set) var sessions: [String: AdaptiveSession]
    /// The competency whose item is waiting for an answer.
    public private(set) var pendingCompetency: String?

    /// An assessment over `bank`, for `competencies` (all competencies in the bank, sorted, when `nil`).
    public init(bank: [AdaptiveItem], competencies: [String]? = nil, excluding: Set<String> = [],
                configuration: AdaptiveConfiguration = .default) throws(AdaptiveSessionError) {
        let byCompetency = Dictionary(grouping: bank, by: \.competency)
        let chosen = competencies ?? byCompetency.keys.sorted()
        var sessions: [String: AdaptiveSession] = [:]
        for id in chosen {
            guard let items = byCompetency[id] else { throw .unknownCompetency(id) }
            sessions[id] = AdaptiveSession(bank: items, excluding: excluding, configuration: configuration)
        }
        self.competencies = chosen
        self.sessions = sessions
    }

    public var isFinished: Bool { pendingCompetency == nil && sessions.values.allSatisfy(\.isFinished) }

    /// The current estimate of each competency.
    public var estimates: [String: AbilityEstimate] { sessions.mapValues(\.estimate) }

    /// Number of items asked so far, all competencies together.
    public var itemsAsked: Int { sessions.values.reduce(0) { $0 + $1.administered.count } }

    /// The next item, or `nil` when every competency has stopped; asking again before an answer returns the same item.
    public mutating func nextItem(using generator: inout some RandomNumberGenerator) -> AdaptiveItem? {
        if let pendingCompetency { return sessions[pendingCompetency]?.pending }
        let open = competencies.filter { !(sessions[$0]?.isFinished ?? true) }
        guard let id = open.min(by: { (sessions[$0]?.administered.count ?? 0) < (sessions[$1]?.administered.count ?? 0) }),
              var session = sessions[id] else { return nil }
        let item = session.nextItem(using: &generator)
        sessions[id] = session
        if item != nil { pendingCompetency = id }
        return item
    }

    /// Records the answer to the pending item.
    public mutating func record(correct: Bool) throws(AdaptiveSessionError) {
        guard let id = pendingCompetency, var session = sessions[id] else { throw .noPendingItem }
        try session.record(correct: correct)
        sessions[id] = session
        pendingCompetency = nil
    }

    /// Records the answer to the pending item, checking that it is `itemID`.
    public mutating func record(itemID: String, correct: Bool) throws(AdaptiveSessionError) {
        guard let id = pendingCompetency, let pending = sessions[id]?.pending else { throw .noPendingItem }
        guard pending.id == itemID else { throw .notPending(itemID: itemID) }
        try record(correct: correct)
    }
}
