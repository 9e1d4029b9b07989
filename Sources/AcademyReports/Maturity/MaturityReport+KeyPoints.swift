extension MaturityReport {
    /// The few sentences to read first: what raises the headline, the strongest dimension,
    /// the largest changes, disagreement and open answers. Derived; not part of the JSON.
    public var keyPoints: [String] {
        var points: [String] = []
        let holding = dimensions.filter(\.holdsHeadline)
        if !holding.isEmpty {
            let total = holding.reduce(0) { $0 + $1.unmetAtNextLevel }
            let parts = holding.map { "\($0.unmetAtNextLevel) in \($0.name)" }
            let where_ = holding.count == 1 ? "in \(holding[0].name)"
                : holding.count > 3 ? "across \(Self.numberWord(holding.count)) dimensions" : "(" + Self.list(parts) + ")"
            points.append("To raise the headline to level \(headline.level + 1): meet \(total) more "
                + (total == 1 ? "criterion" : "criteria") + " \(where_).")
        }
        if dimensions.count > 1, let best = dimensions.max(by: { $0.score < $1.score }),
           best.score > (dimensions.map(\.score).min() ?? best.score) {
            points.append("Strongest: \(best.name), level \(best.level) (\(best.score.fixed(2))).")
        }
        let since = previousAssessedOn.map { " since \($0)" } ?? " since the previous assessment"
        let changes = dimensions.compactMap { d in d.previousScore.map { (d, (d.score - $0).rounded(toPlaces: 2)) } }
        if let gain = changes.max(by: { $0.1 < $1.1 }), gain.1 > 0 {
            points.append("Largest gain\(since): \(gain.0.name) (+\(gain.1.fixed(2))).")
        }
        if let drop = changes.min(by: { $0.1 < $1.1 }), drop.1 < 0 {
            points.append("Largest drop\(since): \(drop.0.name) (−\(abs(drop.1).fixed(2))).")
        }
        let disputed = blockers.filter { $0.spread >= 2 && $0.answers.count >= 2 }
        if !disputed.isEmpty {
            points.append("Assessors disagree by two steps or more on \(disputed.count) of the criteria holding the "
                + "headline back (\(disputed.map(\.criterion).joined(separator: ", "))): discuss before acting.")
        }
        let open = missing.reduce(0) { $0 + $1.criteria.count }
        if open > 0 {
            points.append("\(open) \(open == 1 ? "criterion has" : "criteria have") no answer yet and count as not met.")
        }
        return points
    }
}
