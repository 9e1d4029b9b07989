import Foundation

/// Item-writing quality checks beyond validity: the habits that make items guessable or unfair.
///
/// Every finding is a warning located at the item (or the bank file). The thresholds follow
/// common item-writing guidance: keyed options should not stand out by length or position.
public struct ContentLinter: Sendable {
    public var longestKeyShare = 0.40
    public var keyPositionShare = 0.35
    public var nearDuplicateSimilarity = 0.8
    public var minimumItemsPerDifficulty = 4
    public var minimumItemsPerCompetency = 30

    public init() {}

    static let negativeWords = ["not", "except", "least", "false", "incorrect", "untrue"]

    public func lint(_ catalog: Catalog) -> [Diagnostic] {
        let diagnostics = DiagnosticCollector()
        let banks = Dictionary(grouping: catalog.items, by: \.location.file)
        for (file, items) in banks.sorted(by: { $0.key < $1.key }) {
            lintBank(file: file, items: items, diagnostics)
        }
        for item in catalog.items { lintItem(item, diagnostics) }
        lintDuplicateStems(catalog.items, diagnostics)
        for competency in catalog.competencies {
            let items = catalog.items(forCompetency: competency.id)
            if items.count < minimumItemsPerCompetency {
                diagnostics.warning(competency.location, "competency '\(competency.id)' has \(items.count) items; adaptive assessment needs at least \(minimumItemsPerCompetency)")
            }
            let thin = (1...5).filter { level in items.filter { $0.difficulty == level }.count < minimumItemsPerDifficulty }
            if !items.isEmpty, !thin.isEmpty {
                diagnostics.warning(competency.location, "competency '\(competency.id)' has a thin difficulty spread: fewer than \(minimumItemsPerDifficulty) items at difficulty \(thin.map(String.init).joined(separator: ", "))")
            }
        }
        for lesson in catalog.lessons where lesson.check.isEmpty {
            diagnostics.warning(lesson.location, "lesson '\(lesson.id)' has no end-of-lesson check")
        }
        return diagnostics.sorted
    }

    func lintBank(file: String, items: [Item], _ diagnostics: DiagnosticCollector) {
        let single = items.filter { $0.type == .singleChoice }
        guard single.count >= 5 else { return }
        let location = SourceLocation(file: file)
        var longest = 0
        var positions: [Int: Int] = [:]
        for item in single {
            guard case let .choices(keys) = item.key, let key = keys.first else { continue }
            positions[key, default: 0] += 1
            let lengths = item.options.map(\.count)
            if let max = lengths.max(), lengths[key] == max, lengths.filter({ $0 == max }).count == 1 { longest += 1 }
        }
        let longestShare = Double(longest) / Double(single.count)
        if longestShare > longestKeyShare {
            diagnostics.warning(location, "the key is the longest option in \(percent(longestShare)) of single-choice items (more than \(percent(longestKeyShare))): learners can guess by length")
        }
        for (position, count) in positions.sorted(by: { $0.key < $1.key }) {
            let share = Double(count) / Double(single.count)
            if share > keyPositionShare {
                diagnostics.warning(location, "option \(Item.letter(position)) is the key of \(percent(share)) of single-choice items (more than \(percent(keyPositionShare))): spread the keys")
            }
        }
    }

    func lintItem(_ item: Item, _ diagnostics: DiagnosticCollector) {
        for option in item.options {
            let lower = option.lowercased()
            if lower.contains("all of the above") || lower.contains("none of the above") || lower.contains("both a and b") {
                diagnostics.warning(item.fieldLocations["options"] ?? item.location,
                                    "item '\(item.id)' uses '\(option)': options are shuffled, and such options reward test-wiseness")
            }
        }
        if let word = Self.negativeQuestionWord(in: item.stem) {
            let emphasised = word == word.uppercased() || item.stem.contains("**\(word)**") || item.stem.contains("*\(word)*")
                || item.stem.contains("_\(word)_")
            if !emphasised {
                diagnostics.warning(item.fieldLocations["stem"] ?? item.location,
                                    "item '\(item.id)' asks a negative question ('\(word)'); emphasise it as **\(word)** so nobody misreads it")
            }
        }
        if item.explanation.count < item.stem.count {
            diagnostics.warning(item.fieldLocations["explanation"] ?? item.location,
                                "item '\(item.id)' has an explanation shorter than its stem; say why the key is right and the others wrong")
        }
    }

    /// The negative word of a negatively worded question ("Which is **not** …", "… all EXCEPT"), if any.
    ///
    /// Only the question sentence counts, and only near its start (or EXCEPT anywhere): a scenario
    /// that says "the sponsor does not read it" is not a negative question.
    static func negativeQuestionWord(in stem: String) -> String? {
        let sentences = stem.split(whereSeparator: { ".!\n".contains($0) }).map(String.init)
        let question = sentences.last(where: { $0.contains("?") }) ?? sentences.last ?? stem
        let words = question.split(whereSeparator: { !$0.isLetter }).map(String.init)
        for (index, word) in words.enumerated() where negativeWords.contains(word.lowercased()) {
            if index < 8 || word.lowercased() == "except" { return word }
        }
        return nil
    }

    /// Pairs of stems whose word sets overlap by `nearDuplicateSimilarity` or more (Jaccard).
    func lintDuplicateStems(_ items: [Item], _ diagnostics: DiagnosticCollector) {
        let sets = items.map { Set(Item.normaliseFreeText($0.stem).split(separator: " ").map(String.init)) }
        for i in items.indices {
            for j in items.indices where j > i {
                let a = sets[i], b = sets[j]
                guard !a.isEmpty, !b.isEmpty else { continue }
                // Short stems ("Which statements about X are true?") share most words by nature: only identical ones count.
                if min(a.count, b.count) < 8 {
                    if a == b, Item.normaliseFreeText(items[i].stem) == Item.normaliseFreeText(items[j].stem) {
                        diagnostics.warning(items[j].fieldLocations["stem"] ?? items[j].location,
                                            "item '\(items[j].id)' has the same stem as '\(items[i].id)' (\(items[i].location))")
                    }
                    continue
                }
                let smaller = Double(min(a.count, b.count)), larger = Double(max(a.count, b.count))
                if smaller / larger < nearDuplicateSimilarity { continue }
                let similarity = Double(a.intersection(b).count) / Double(a.union(b).count)
                if similarity >= nearDuplicateSimilarity {
                    let what = similarity == 1 ? "the same stem as" : "a near-duplicate stem of"
                    diagnostics.warning(items[j].fieldLocations["stem"] ?? items[j].location,
                                        "item '\(items[j].id)' has \(what) '\(items[i].id)' (\(items[i].location))")
                }
            }
        }
    }

    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
