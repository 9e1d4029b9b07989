/// Lays out a text-only message (Mattermost, Discord content, Google Chat): a title line, then
/// segments separated by blank lines, split into parts within one length limit.
struct ChatTextLayout {
    /// The most one part's text may cost.
    var limit: Int
    var measure: ChatMeasure
    var maxParts: Int
    /// Between the title and the first segment.
    var titleSeparator = "\n\n"
    /// Between segments.
    var segmentSeparator = "\n\n"

    /// The text of each part; `title` makes the decorated title for a part suffix, or nil.
    func parts(title: (String) -> ChatText?, segments: [ChatText]) -> [ChatText] {
        let longestSuffix = " (\(maxParts)/\(maxParts))"
        let reserve = title(longestSuffix).map { $0.cost(measure) + measure.cost(titleSeparator) } ?? 0
        let budget = max(1, limit - reserve)
        let fitted = segments.flatMap { $0.cost(measure) <= budget ? [$0] : $0.split(limit: budget, measure: measure) }
        let packing = ChatPacking(limit: budget, segmentLimit: budget, separatorCost: measure.cost(segmentSeparator),
                                  measure: measure, maxParts: maxParts)
        var groups = packing.pack(fitted)
        if groups.isEmpty { groups = [[]] }
        return groups.enumerated().map { index, group in
            let body = ChatPacking.join(group, separator: segmentSeparator)
            let suffix = groups.count > 1 ? " (\(index + 1)/\(groups.count))" : ""
            guard let heading = title(suffix) else { return body }
            return group.isEmpty ? heading : heading + .separator(titleSeparator) + body
        }
    }
}
