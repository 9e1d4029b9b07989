import Yams

extension CatalogLoader {
    static let itemKeys = ["id", "competency", "type", "difficulty", "lesson", "stem", "options", "key", "tolerance",
                           "unit", "accept", "explanation", "tags", "irt"]

    static func readItems(_ file: ContentFile, _ diagnostics: DiagnosticCollector) -> [Item] {
        let reader = YAMLReader(file: file.path, diagnostics: diagnostics)
        guard let root = reader.parse(file.text),
              let f = reader.fields(root, of: "an item bank", allowed: ["items"], required: ["items"]) else { return [] }
        return (reader.list(f["items"], "items") ?? []).compactMap { readItem($0, reader) }
    }

    static func readItem(_ node: Node, _ reader: YAMLReader) -> Item? {
        guard let f = reader.fields(node, of: "an item", allowed: itemKeys,
                                    required: ["id", "competency", "type", "difficulty", "lesson", "stem", "explanation"]),
              let id = reader.id(f["id"], "item id") else { return nil }
        var type: ItemType?
        if let text = reader.string(f["type"], "type") {
            type = ItemType(rawValue: text)
            if type == nil {
                reader.error(f["type"], "unknown item type '\(text)': use one of \(ItemType.allCases.map(\.rawValue).joined(separator: ", "))\(Identifier.didYouMean(text, in: ItemType.allCases.map(\.rawValue)))")
            }
        }
        let competency = reader.id(f["competency"], "competency")
        let lesson = reader.id(f["lesson"], "lesson")
        let difficulty = reader.int(f["difficulty"], "difficulty", in: 1...5)
        let stem = reader.string(f["stem"], "stem")
        let explanation = reader.string(f["explanation"], "explanation")
        let options = (reader.strings(f["options"], "options") ?? []).map(\.0)
        let tags = (reader.ids(f["tags"], "tags") ?? []).map(\.0)
        let unit = reader.string(f["unit"], "unit")
        var irt: IRTParameters?
        if let irtNode = f["irt"], let p = reader.fields(irtNode, of: "irt", allowed: ["a", "b"], required: ["a", "b"]) {
            if let a = reader.double(p["a"], "irt a"), let b = reader.double(p["b"], "irt b") {
                if a <= 0 || a > 10 {
                    reader.error(p["a"], "irt a (discrimination) must be above 0 and at most 10, found \(Item.format(a))")
                } else if abs(b) > 10 {
                    reader.error(p["b"], "irt b (difficulty) must be between -10 and 10, found \(Item.format(b))")
                } else {
                    irt = IRTParameters(a: a, b: b)
                }
            }
        }
        guard let type, let key = readKey(type: type, fields: f, options: options, reader: reader) else { return nil }
        guard let competency, let lesson, let difficulty, let stem, let explanation else { return nil }
        var item = Item(id: id, competency: competency, type: type, difficulty: difficulty, lesson: lesson, stem: stem,
                        options: options, key: key, unit: unit, explanation: explanation, tags: tags, irt: irt,
                        location: reader.location(f["id"]))
        for name in ["competency", "lesson", "key", "stem", "options", "explanation"] where f[name] != nil {
            item.fieldLocations[name] = reader.location(f[name])
        }
        return item
    }

    /// Reads and checks the key for the item's type.
    static func readKey(type: ItemType, fields f: Fields, options: [String], reader: YAMLReader) -> ItemKey? {
        func forbid(_ names: [String]) {
            for name in names where f[name] != nil {
                reader.error(f[name], "\(type.rawValue) items take no '\(name)'")
            }
        }
        func checkOptions(_ range: ClosedRange<Int>, _ noun: String) -> Bool {
            guard let node = f["options"] else {
                reader.error(f.node, "\(type.rawValue) items need \(noun)")
                return false
            }
            if !range.contains(options.count) {
                reader.error(node, "\(type.rawValue) items need \(range.lowerBound)–\(range.upperBound) \(noun), found \(options.count)")
                return false
            }
            var seen: Set<String> = []
            for option in options where !seen.insert(option.lowercased()).inserted {
                reader.error(node, "option '\(option)' appears twice")
            }
            return true
        }
        func letters(_ node: Node) -> [(String, Node)]? {
            if case .sequence = node { return reader.strings(node, "key") }
            return reader.string(node, "key").map { [($0, node)] }
        }
        func index(ofLetter letter: String, _ node: Node) -> Int? {
            let upper = letter.uppercased()
            guard upper.count == 1, let scalar = upper.unicodeScalars.first, ("A"..."Z").contains(scalar) else {
                reader.error(node, "key '\(letter)' must be an option letter (A for the first option)")
                return nil
            }
            let index = Int(scalar.value) - 65
            guard index < options.count else {
                reader.error(node, "key '\(upper)' names option \(index + 1), but the item has only \(options.count) options")
                return nil
            }
            return index
        }

        switch type {
        case .singleChoice, .multipleChoice:
            forbid(["tolerance", "accept"])
            let optionsOK = checkOptions(type == .singleChoice ? 2...6 : 3...6, "options")
            guard let keyNode = f["key"] else {
                reader.error(f.node, "\(type.rawValue) items need a key (the letter of the right option)")
                return nil
            }
            guard let given = letters(keyNode) else { return nil }
            let indices = given.compactMap { optionsOK ? index(ofLetter: $0.0, $0.1) : nil }
            if type == .singleChoice, given.count != 1 {
                reader.error(keyNode, "single-choice items must have exactly one key, found \(given.count)")
                return nil
            }
            if type == .multipleChoice, given.isEmpty {
                reader.error(keyNode, "multiple-choice items need at least one key")
                return nil
            }
            if Set(indices).count != indices.count {
                reader.error(keyNode, "the key names the same option twice")
            }
            guard optionsOK, indices.count == given.count else { return nil }
            return .choices(Set(indices))
        case .trueFalse:
            forbid(["options", "tolerance", "accept"])
            guard let keyNode = f["key"] else {
                reader.error(f.node, "true-false items need `key: true` or `key: false`")
                return nil
            }
            return reader.bool(keyNode, "key").map(ItemKey.trueFalse)
        case .numeric:
            forbid(["options", "accept"])
            guard let keyNode = f["key"] else {
                reader.error(f.node, "numeric items need a numeric key")
                return nil
            }
            guard let toleranceNode = f["tolerance"] else {
                reader.error(f.node, "numeric items need a tolerance (0 for an exact answer)")
                return nil
            }
            guard let value = reader.double(keyNode, "key"), let tolerance = reader.double(toleranceNode, "tolerance") else { return nil }
            guard tolerance >= 0 else {
                reader.error(toleranceNode, "tolerance must be 0 or more, found \(Item.format(tolerance))")
                return nil
            }
            if value != 0, tolerance >= abs(value) {
                reader.warning(toleranceNode, "a tolerance of \(Item.format(tolerance)) accepts 0 for a key of \(Item.format(value))")
            }
            return .numeric(value: value, tolerance: tolerance)
        case .shortAnswer:
            forbid(["options", "key", "tolerance"])
            guard let acceptNode = f["accept"] else {
                reader.error(f.node, "short-answer items need `accept:`, the list of accepted answers")
                return nil
            }
            let accepted = (reader.strings(acceptNode, "accept") ?? []).map(\.0)
            if accepted.isEmpty {
                reader.error(acceptNode, "short-answer items need at least one accepted answer")
                return nil
            }
            for answer in accepted where Item.normaliseFreeText(answer).isEmpty {
                reader.error(acceptNode, "accepted answer '\(answer)' has no letters or digits")
            }
            return .accepted(accepted)
        case .ordering:
            forbid(["key", "tolerance", "accept"])
            guard checkOptions(3...6, "steps in `options`, in the right order") else { return nil }
            return .ordering
        }
    }
}
