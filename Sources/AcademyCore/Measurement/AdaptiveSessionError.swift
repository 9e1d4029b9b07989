import Foundation

/// Misuse of an adaptive session: answering when no item is pending, or an item that was not asked.
public enum AdaptiveSessionError: Error, LocalizedError, Sendable, Hashable {
    case noPendingItem
    case notPending(itemID: String)
    case unknownCompetency(String)

    public var errorDescription: String? {
        switch self {
        case .noPendingItem:
            "no item is waiting for an answer; call nextItem first"
        case let .notPending(itemID):
            "item '\(itemID)' is not the item waiting for an answer; answer the item nextItem returned"
        case let .unknownCompetency(id):
            "the assessment has no items for competency '\(id)'; pick a competency the item bank covers"
        }
    }
}
