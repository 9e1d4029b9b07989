/// Rules for content identifiers and "did you mean" suggestions.
public enum Identifier {
    /// Lower-case letters, digits and hyphens, starting with a letter.
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The candidates closest to `id` by edit distance, best first (at most `limit`).
    public static func suggestions(for id: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let maxDistance = max(2, id.count / 3)
        var scored: [(String, Int)] = []
        for candidate in candidates {
            let d = editDistance(id, candidate)
            if d <= maxDistance || candidate.hasPrefix(id) || (id.count >= 3 && candidate.contains(id)) {
                scored.append((candidate, d))
            }
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    /// " (did you mean 'x'?)" or an empty string.
    public static func didYouMean(_ id: String, in candidates: some Sequence<String>) -> String {
        guard let best = suggestions(for: id, in: candidates, limit: 1).first else { return "" }
        return " (did you mean '\(best)'?)"
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
