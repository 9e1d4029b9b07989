import Foundation

/// A learner's answer to an item, in terms of the item's own option indices
/// (never the shuffled display positions), so a stored answer means the same thing forever.
public enum Answer: Sendable, Hashable, Codable {
    case choices([Int])
    case trueFalse(Bool)
    case number(Double)
    case text(String)
    /// Original option indices in the order the learner put them.
    case order([Int])
}

extension Item {
    /// Whether `answer` is right for this item.
    public func isCorrect(_ answer: Answer) -> Bool {
        switch (key, answer) {
        case let (.choices(keyed), .choices(given)):
            return Set(given) == keyed && given.count == keyed.count
        case let (.trueFalse(keyed), .trueFalse(given)):
            return keyed == given
        case let (.numeric(value, tolerance), .number(given)):
            return given.isFinite && abs(given - value) <= tolerance + 1e-9 * max(1, abs(value))
        case let (.accepted(variants), .text(given)):
            let normalised = Item.normaliseFreeText(given)
            return !normalised.isEmpty && variants.contains { Item.normaliseFreeText($0) == normalised }
        case let (.ordering, .order(given)):
            return given == Array(options.indices)
        default:
            return false
        }
    }

    /// Lower-cased, punctuation dropped, runs of whitespace folded: how short answers are compared.
    public static func normaliseFreeText(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else if CharacterSet.whitespacesAndNewlines.contains(scalar) || scalar == "-" || scalar == "/" {
                pendingSpace = true
            }
        }
        return out
    }

    /// The right answer written for a person ("B", "A, C", "true", "1.25 ± 0.01 days").
    public var keyDescription: String {
        switch key {
        case let .choices(keyed):
            return keyed.sorted().map { "\(Item.letter($0)). \(options[$0])" }.joined(separator: "; ")
        case let .trueFalse(value):
            return value ? "True" : "False"
        case let .numeric(value, tolerance):
            let unitText = unit.map { " \($0)" } ?? ""
            return tolerance > 0 ? "\(Item.format(value)) ± \(Item.format(tolerance))\(unitText)" : "\(Item.format(value))\(unitText)"
        case let .accepted(variants):
            return variants.first ?? ""
        case .ordering:
            return options.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "  ")
        }
    }

    /// The option letter for a 0-based index: 0 → "A".
    public static func letter(_ index: Int) -> String {
        guard index >= 0, index < 26 else { return "?" }
        return String(UnicodeScalar(UInt8(65 + index)))
    }

    /// A number without a trailing ".0".
    public static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension Answer {
    /// The answer written for a person, using the item's options.
    public func description(for item: Item) -> String {
        switch self {
        case let .choices(indices):
            return indices.sorted().map { $0 >= 0 && $0 < item.options.count ? "\(Item.letter($0)). \(item.options[$0])" : "?" }
                .joined(separator: "; ")
        case let .trueFalse(value):
            return value ? "True" : "False"
        case let .number(value):
            return Item.format(value) + (item.unit.map { " \($0)" } ?? "")
        case let .text(text):
            return text
        case let .order(indices):
            return indices.enumerated().map { position, index in
                "\(position + 1). " + (index >= 0 && index < item.options.count ? item.options[index] : "?")
            }.joined(separator: "  ")
        }
    }
}
