extension MaturityReport {
    /// The report as CSV: one row per dimension, then one row per unmet next-level criterion.
    ///
    /// Columns: `section,unit,assessed_on,dimension,dimension_name,level,score,coverage_percent,
    /// criterion,criterion_level,answer,spread,holds_headline,courses`. `section` is `dimension`
    /// or `plan`; fields that do not apply to a section are empty.
    public func csv() -> String {
        var lines = [CSVField.row(["section", "unit", "assessed_on", "dimension", "dimension_name", "level", "score",
                                   "coverage_percent", "criterion", "criterion_level", "answer", "spread",
                                   "holds_headline", "courses"])]
        for d in dimensions {
            lines.append(CSVField.row(["dimension", unit, assessedOn, d.id, d.name, "\(d.level)", d.score.fixed(2),
                                       d.coverage.percent.fixed(1), "", "", "", "", d.holdsHeadline ? "yes" : "no", ""]))
        }
        let spreads = Dictionary(blockers.map { ($0.criterion, $0.spread) }, uniquingKeysWith: { first, _ in first })
        for p in improvementPlan {
            let holds = dimensions.first { $0.id == p.dimension }?.holdsHeadline ?? false
            for s in p.steps {
                lines.append(CSVField.row(["plan", unit, assessedOn, p.dimension, p.name, "\(p.currentLevel)", "", "",
                                           s.criterion, "\(s.level)", s.answer ?? "", spreads[s.criterion].map(String.init) ?? "",
                                           holds ? "yes" : "no", s.courses.map(\.id).joined(separator: " ")]))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
