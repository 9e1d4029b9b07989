/// Packs escaped segments (paragraph pieces, mention lines, link lists) into message parts.
struct ChatPacking {
    /// The most a part's segments may cost together, separators included.
    var limit: Int
    /// The most one segment may cost (a Slack section's 3,000 characters).
    var segmentLimit: Int
    /// The most segments in one part.
    var maxSegments: Int = .max
    /// The cost of the separator between two segments.
    var separatorCost: Int
    var measure: ChatMeasure
    /// The most parts; the last kept part ends with the truncation marker.
    var maxParts: Int

    /// Greedy packing in order; each segment must already fit `limit` on its own.
    func pack(_ segments: [ChatText]) -> [[ChatText]] {
        var parts: [[ChatText]] = []
        var current: [ChatText] = []
        var currentCost = 0
        for segment in segments where !segment.isBlank {
            let cost = segment.cost(measure)
            let added = current.isEmpty ? cost : currentCost + separatorCost + cost
            if !current.isEmpty, added > limit || current.count >= maxSegments {
                parts.append(current)
                current = [segment]
                currentCost = cost
            } else {
                current.append(segment)
                currentCost = added
            }
        }
        if !current.isEmpty { parts.append(current) }
        return capped(parts)
    }

    /// At most `maxParts` parts, the last one ending with ``chatTruncationMarker``.
    private func capped(_ parts: [[ChatText]]) -> [[ChatText]] {
        guard parts.count > maxParts, maxParts > 0 else { return parts }
        var kept = Array(parts.prefix(maxParts))
        var last = kept[maxParts - 1]
        let marker = ChatText.token(chatTruncationMarker)
        let markerCost = marker.cost(measure)
        let lastCost = last.reduce(0) { $0 + $1.cost(measure) } + separatorCost * max(0, last.count - 1)
        if last.count < maxSegments, lastCost + separatorCost + markerCost <= limit {
            last.append(marker)
        } else if let final = last.last {
            let others = lastCost - final.cost(measure)
            let room = min(segmentLimit, limit - others)
            let withSpace = final + .separator(" ") + marker
            // Too long with the marker: cut the segment so that it ends with the marker and fits.
            last[last.count - 1] = withSpace.cost(measure) <= room
                ? withSpace
                : withSpace.truncated(limit: room, measure: measure, marker: chatTruncationMarker)
        }
        kept[maxParts - 1] = last
        return kept
    }

    /// Segments joined with `separator`.
    static func join(_ segments: [ChatText], separator: String) -> ChatText {
        var result = ChatText()
        for (index, segment) in segments.enumerated() {
            if index > 0 { result += .separator(separator) }
            result += segment
        }
        return result
    }
}
