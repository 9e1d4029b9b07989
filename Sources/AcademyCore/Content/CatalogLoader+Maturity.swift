import Yams

extension CatalogLoader {
    static func readMaturityModel(_ file: ContentFile, _ diagnostics: DiagnosticCollector) -> MaturityModel? {
        let reader = YAMLReader(file: file.path, diagnostics: diagnostics)
        let keys = ["id", "name", "version", "description", "scale", "threshold", "levels", "dimensions"]
        guard let root = reader.parse(file.text),
              let f = reader.fields(root, of: "a maturity model", allowed: keys, required: keys),
              let id = reader.id(f["id"], "model id") else { return nil }

        var scale: [MaturityModel.ScalePoint] = []
        for element in reader.list(f["scale"], "scale") ?? [] {
            guard let p = reader.fields(element, of: "a scale point", allowed: ["id", "label", "value"], required: ["id", "label", "value"]),
                  let pid = reader.id(p["id"], "scale point id"), let value = reader.double(p["value"], "value") else { continue }
            if let last = scale.last, value <= last.value {
                reader.error(p["value"], "scale values must rise from the first point to the last")
            }
            if scale.contains(where: { $0.id == pid }) { reader.error(p["id"], "scale point '\(pid)' appears twice") }
            scale.append(.init(id: pid, label: reader.string(p["label"], "label") ?? pid, value: value))
        }
        if f["scale"] != nil, scale.count < 2 { reader.error(f["scale"], "the answer scale needs at least two points") }
        let threshold = reader.id(f["threshold"], "threshold") ?? ""
        if f["threshold"] != nil, !threshold.isEmpty, !scale.contains(where: { $0.id == threshold }) {
            reader.error(f["threshold"], "threshold '\(threshold)' is not a point of the scale\(Identifier.didYouMean(threshold, in: scale.map(\.id)))")
        }

        var levels: [MaturityModel.Level] = []
        let levelNodes = reader.list(f["levels"], "levels") ?? []
        if f["levels"] != nil, levelNodes.count != 5 { reader.error(f["levels"], "a maturity model has exactly five levels, found \(levelNodes.count)") }
        for (index, element) in levelNodes.enumerated() {
            guard let l = reader.fields(element, of: "a level", allowed: ["level", "name", "description"], required: ["level", "name", "description"]),
                  let number = reader.int(l["level"], "level", in: 1...5) else { continue }
            if number != index + 1 { reader.error(l["level"], "levels must be numbered 1 to 5 in order; expected \(index + 1)") }
            levels.append(.init(number: number, name: reader.string(l["name"], "name") ?? "Level \(number)",
                                description: reader.string(l["description"], "description") ?? ""))
        }

        var dimensions: [MaturityModel.Dimension] = []
        var criterionIDs: [String: SourceLocation] = [:]
        for element in reader.list(f["dimensions"], "dimensions") ?? [] {
            guard let d = reader.fields(element, of: "a dimension", allowed: ["id", "name", "description", "criteria"],
                                        required: ["id", "name", "description", "criteria"]),
                  let did = reader.id(d["id"], "dimension id") else { continue }
            if dimensions.contains(where: { $0.id == did }) { reader.error(d["id"], "dimension '\(did)' appears twice in the model") }
            var criteria: [MaturityModel.Criterion] = []
            for c in reader.list(d["criteria"], "criteria") ?? [] {
                if let criterion = readCriterion(c, reader) {
                    if let first = criterionIDs[criterion.id] {
                        reader.error(c, "criterion id '\(criterion.id)' is already used at \(first)")
                    } else {
                        criterionIDs[criterion.id] = criterion.location
                    }
                    criteria.append(criterion)
                }
            }
            dimensions.append(.init(id: did, name: reader.string(d["name"], "name") ?? did,
                                    description: reader.string(d["description"], "description") ?? "",
                                    criteria: criteria, location: reader.location(d["id"])))
        }
        if f["dimensions"] != nil, dimensions.isEmpty { reader.error(f["dimensions"], "a maturity model needs at least one dimension") }
        return MaturityModel(id: id, name: reader.string(f["name"], "name") ?? id, version: reader.string(f["version"], "version") ?? "",
                             description: reader.string(f["description"], "description") ?? "", scale: scale,
                             threshold: threshold, levels: levels, dimensions: dimensions, location: reader.location(f["id"]))
    }

    static func readCriterion(_ node: Node, _ reader: YAMLReader) -> MaturityModel.Criterion? {
        guard let c = reader.fields(node, of: "a criterion", allowed: ["id", "level", "text", "evidence", "courses", "capability"],
                                    required: ["id", "level", "text", "evidence"]),
              let id = reader.id(c["id"], "criterion id"),
              let level = reader.int(c["level"], "criterion level", in: 2...5) else { return nil }
        var capability: MaturityModel.CapabilityRequirement?
        if let capNode = c["capability"],
           let k = reader.fields(capNode, of: "capability", allowed: ["competencies", "role", "min_level", "share"],
                                 required: ["competencies", "min_level", "share"]) {
            let competencies = (reader.ids(k["competencies"], "competencies") ?? []).map(\.0)
            if let minimum = reader.int(k["min_level"], "min_level", in: 1...5), let share = reader.double(k["share"], "share") {
                if !(0...1).contains(share) {
                    reader.error(k["share"], "share must be between 0 and 1, found \(Item.format(share))")
                } else if competencies.isEmpty {
                    reader.error(k["competencies"] ?? capNode, "capability evidence needs at least one competency")
                } else {
                    capability = .init(competencies: competencies, role: reader.id(k["role"], "role"), minimumLevel: minimum, share: share)
                }
            }
        }
        return .init(id: id, level: level, text: reader.string(c["text"], "text") ?? "",
                     evidence: reader.string(c["evidence"], "evidence") ?? "",
                     courses: (reader.ids(c["courses"], "courses") ?? []).map(\.0),
                     capability: capability, location: reader.location(c["id"]))
    }
}
