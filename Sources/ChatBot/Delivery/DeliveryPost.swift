import AcademyStore
import Foundation

/// One chat post the worker sends: one or several outbox messages, as the channel's payloads.
struct DeliveryPost: Sendable {
    /// The outbox rows this post delivers, oldest first.
    var rows: [OutboxMessage]
    /// The message posted (merged when there are several rows).
    var message: ChatMessage
    /// The payloads of `message` in the channel's format.
    var payloads: [ChatPayload]
    /// Payloads already posted by an earlier attempt (only for a single row).
    var startPart: Int
    /// The stored payload of a single row, to record progress in.
    var single: OutboxPayload?

    /// An outbox row with its decoded payload.
    struct Queued: Sendable {
        var row: OutboxMessage
        var payload: OutboxPayload
    }

    /// The next post from `queue`: its first message, merged with the following ones while the
    /// result stays one payload and holds at most `mergeLimit` messages.
    static func next(from queue: ArraySlice<Queued>, format: any ChatFormat, mergeLimit: Int) -> DeliveryPost? {
        guard let first = queue.first else { return nil }
        var taken = [first]
        var merged = first.payload.message
        var mergedPayloads: [ChatPayload]? = nil
        if first.payload.partsDelivered == 0, mergeLimit > 1, format.payloads(for: merged).count == 1 {
            for candidate in queue.dropFirst() {
                guard taken.count < mergeLimit, candidate.payload.partsDelivered == 0 else { break }
                let trial = ChatMessage.merging((taken + [candidate]).map(\.payload.message))
                let trialPayloads = format.payloads(for: trial)
                guard trialPayloads.count == 1 else { break }
                taken.append(candidate)
                merged = trial
                mergedPayloads = trialPayloads
            }
        }
        if taken.count == 1 {
            let payloads = format.payloads(for: first.payload.message)
            return DeliveryPost(rows: [first.row], message: first.payload.message, payloads: payloads,
                                startPart: min(first.payload.partsDelivered, payloads.count), single: first.payload)
        }
        return DeliveryPost(rows: taken.map(\.row), message: merged, payloads: mergedPayloads ?? format.payloads(for: merged),
                            startPart: 0, single: nil)
    }

    /// The next posts from `queue`, as ``next(from:format:mergeLimit:)`` takes them, while each
    /// has exactly one payload left to post (at most `limit`); empty when the first has several.
    static func sequence(from queue: ArraySlice<Queued>, format: any ChatFormat, mergeLimit: Int, limit: Int) -> [DeliveryPost] {
        var posts: [DeliveryPost] = []
        var rest = queue
        while posts.count < limit, let post = next(from: rest, format: format, mergeLimit: mergeLimit),
              post.payloads.count - post.startPart == 1 {
            posts.append(post)
            rest = rest.dropFirst(post.rows.count)
        }
        return posts
    }

    /// The outbox ids delivered by this post.
    var ids: [Int64] { rows.compactMap(\.id) }
}
