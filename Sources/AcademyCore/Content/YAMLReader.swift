import Foundation
import Yams

/// Reads YAML nodes of one file into typed values, reporting every problem with its position.
///
/// Numbers are parsed here rather than by Yams' constructors, which trap on some overflowing
/// sexagesimal input; content files must never crash the loader.
struct YAMLReader {
    let file: String
    let diagnostics: DiagnosticCollector
    /// Added to every line Yams reports (front matter starts below the `---`).
    var lineOffset = 0

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1 + lineOffset, column: 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    func error(_ node: Node?, _ message: String) { diagnostics.error(location(node), message) }
    func warning(_ node: Node?, _ message: String) { diagnostics.warning(location(node), message) }

    /// Parses one YAML document; a syntax error becomes a diagnostic and `nil`.
    func parse(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                diagnostics.error(SourceLocation(file: file, line: 1 + lineOffset), "the file is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            diagnostics.error(yamlErrorLocation(error), "invalid YAML: \(yamlErrorMessage(error))")
        } catch {
            diagnostics.error(SourceLocation(file: file, line: 1 + lineOffset), "invalid YAML: \(error)")
        }
        return nil
    }

    private func yamlErrorLocation(_ error: YamlError) -> SourceLocation {
        let mark: Mark?
        switch error {
        case let .scanner(_, _, m, _), let .parser(_, _, m, _), let .composer(_, _, m, _): mark = m
        case let .duplicatedKeysInMapping(_, context): mark = context.mark
        default: mark = nil
        }
        guard let mark else { return SourceLocation(file: file, line: 1 + lineOffset) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    private func yamlErrorMessage(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            if let context { return "\(problem) (\(context.text))" }
            return problem
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }

    // MARK: Mappings

    /// The fields of a mapping node, after reporting unknown keys and missing required ones.
    func fields(_ node: Node, of what: String, allowed: [String], required: [String]) -> Fields? {
        guard case let .mapping(mapping) = node else {
            error(node, "\(what) must be a mapping of keys to values, found \(kind(of: node))")
            return nil
        }
        var values: [String: Node] = [:]
        var keyNodes: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(keyNode, "keys of \(what) must be plain words")
                continue
            }
            if !allowed.contains(key) {
                error(keyNode, "unknown key '\(key)' in \(what)\(Identifier.didYouMean(key, in: allowed))")
                continue
            }
            values[key] = value
            keyNodes[key] = keyNode
        }
        for key in required where values[key] == nil || isNull(values[key]!) {
            error(node, "\(what) is missing required key '\(key)'")
        }
        return Fields(node: node, values: values.filter { !isNull($0.value) })
    }

    func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: "a single value"
        case .alias: "an alias"
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    // MARK: Scalars

    /// Any scalar as text; an empty or whitespace-only value is reported when `allowEmpty` is false.
    func string(_ node: Node?, _ what: String, allowEmpty: Bool = false) -> String? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node else {
            error(node, "\(what) must be text, found \(kind(of: node))")
            return nil
        }
        let text = scalar.string.trimmedWhitespace
        if text.isEmpty && !allowEmpty {
            error(node, "\(what) must not be empty")
            return nil
        }
        return text
    }

    /// An identifier: lower-case letters, digits and hyphens.
    func id(_ node: Node?, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        guard Identifier.isValid(text) else {
            error(node, "\(what) '\(text)' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter")
            return nil
        }
        return text
    }

    func int(_ node: Node?, _ what: String, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any,
              let value = YAMLReader.parseInt(scalar.string) else {
            error(node, "\(what) must be a whole number")
            return nil
        }
        if let range, !range.contains(value) {
            error(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    func double(_ node: Node?, _ what: String) -> Double? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any,
              let value = YAMLReader.parseDouble(scalar.string) else {
            error(node, "\(what) must be a finite number")
            return nil
        }
        return value
    }

    func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any else {
            error(node, "\(what) must be true or false")
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(node, "\(what) must be true or false, found '\(scalar.string)'")
            return nil
        }
    }

    /// The elements of a list, each with its node for locating later problems.
    func list(_ node: Node?, _ what: String) -> [Node]? {
        guard let node else { return nil }
        guard case let .sequence(sequence) = node else {
            error(node, "\(what) must be a list, found \(kind(of: node))")
            return nil
        }
        return Array(sequence)
    }

    /// A list of texts, with the node of each for locating later problems.
    func strings(_ node: Node?, _ what: String) -> [(String, Node)]? {
        guard let elements = list(node, what) else { return nil }
        return elements.compactMap { element in string(element, "each entry of \(what)").map { ($0, element) } }
    }

    /// A list of ids, with the node of each.
    func ids(_ node: Node?, _ what: String) -> [(String, Node)]? {
        guard let elements = list(node, what) else { return nil }
        return elements.compactMap { element in id(element, "each entry of \(what)").map { ($0, element) } }
    }

    // MARK: Number parsing

    static func parseInt(_ text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard !cleaned.isEmpty, cleaned.count <= 18 else { return nil }
        var body = Substring(cleaned)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(cleaned.hasPrefix("+") ? String(cleaned.dropFirst()) : cleaned)
    }

    static func parseDouble(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard !cleaned.isEmpty, cleaned.count <= 40,
              cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}

/// The known fields of one mapping.
struct Fields {
    let node: Node
    let values: [String: Node]

    subscript(key: String) -> Node? { values[key] }
}

extension String {
    /// The text without leading and trailing whitespace and newlines (pure Swift: Foundation's
    /// `trimmingCharacters` bridges through NSString and dominated loading time).
    var trimmedWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace }) ?? first
        if first == startIndex && last == index(before: endIndex) { return self }
        return String(self[first...last])
    }
}
