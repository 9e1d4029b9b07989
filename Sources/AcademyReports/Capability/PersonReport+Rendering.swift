import Foundation

extension PersonReport {
    public func rendered(_ format: ReportFormat, color: Bool = false) throws -> String {
        switch format {
        case .text: return text(color: color)
        case .markdown: return markdown()
        case .csv: return csv()
        case .json: return try ReportJSON.encode(self)
        case .html: return html()
        }
    }

    func levelText(_ row: CompetencyRow) -> String {
        guard let level = row.level, let theta = row.theta, let se = row.se else { return "not measured" }
        return "\(level) \(row.levelName ?? "")  θ \(theta >= 0 ? "+" : "")\(theta.fixed(2)) ± \(se.fixed(2))"
    }

    public func text(color: Bool = false) -> String {
        let s = ANSIStyle(color: color)
        var out = [s.bold("\(name) (\(id))") + (roleName.map { " · \($0)" } ?? "") + (unit.map { " · \($0)" } ?? ""), ""]
        out.append("  " + "Competency".fitted(to: 26) + "Level  θ ± SE".fitted(to: 36) + "n".rightAligned(to: 4) + "  Target")
        for row in competencies {
            let target = row.target.map { t in
                row.gap.map { s.red("\(t) (gap \($0))") } ?? (row.level == nil ? s.dim("\(t) (?)") : s.green("\(t) ✔"))
            } ?? "–"
            out.append("  " + row.name.fitted(to: 25) + " " + levelText(row).fitted(to: 36)
                + "\(row.responses)".rightAligned(to: 4) + "  " + target)
        }
        out.append("")
        out.append(s.dim("A level from fewer than 10 answers is a first reading; its ± shows how uncertain it is."))
        if !assignments.isEmpty {
            out += ["", s.bold("Assigned courses")]
            for a in assignments {
                out.append("  \(a.course.fitted(to: 24)) \(a.lessonsDone)/\(a.lessons) lessons  \(a.state)" + (a.due.map { "  due \(ReportDate.day($0))" } ?? ""))
            }
        }
        if !coursesToClose.isEmpty {
            out += ["", s.bold("Courses that close the gaps")]
            for course in coursesToClose { out.append("  \(course.title) — pmo learn \(course.id)") }
        }
        return out.joined(separator: "\n")
    }

    public func markdown() -> String {
        var out = ["# \(name.markdownEscaped) (`\(id)`)", "", [roleName, unit].compactMap { $0 }.joined(separator: " · "), "",
                   "| Competency | Level | θ ± SE | Answers | Target |", "|---|---|---:|---:|---|"]
        for row in competencies {
            let theta = row.theta.map { "\($0.fixed(2)) ± \((row.se ?? 0).fixed(2))" } ?? "–"
            let target = row.target.map { t in row.gap.map { "**\(t)** (gap \($0))" } ?? (row.level == nil ? "\(t) (not measured)" : "\(t)") } ?? "–"
            out.append("| \(row.name.markdownEscaped) | \(row.level.map { "\($0) \(row.levelName ?? "")" } ?? "–") | \(theta) | \(row.responses) | \(target) |")
        }
        if !assignments.isEmpty {
            out += ["", "## Assigned courses", "", "| Course | Lessons | Status | Due |", "|---|---:|---|---|"]
            for a in assignments { out.append("| `\(a.course)` | \(a.lessonsDone)/\(a.lessons) | \(a.state) | \(a.due.map(ReportDate.day) ?? "–") |") }
        }
        if !coursesToClose.isEmpty {
            out += ["", "## Courses that close the gaps", ""] + coursesToClose.map { "- \($0.title.markdownEscaped) (`\($0.id)`)" }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public func csv() -> String {
        var out = [CSVField.row(["person", "competency", "level", "theta", "se", "responses", "target", "gap"])]
        for row in competencies {
            out.append(CSVField.row([id, row.id, row.level.map(String.init) ?? "", row.theta.map { $0.fixed(4) } ?? "",
                                     row.se.map { $0.fixed(4) } ?? "", "\(row.responses)", row.target.map(String.init) ?? "",
                                     row.gap.map(String.init) ?? ""]))
        }
        return out.joined(separator: "\n") + "\n"
    }

    public func html() -> String {
        var body = "<header><p class=\"eyebrow\">Capability report</p><h1>\(name.xmlEscaped)</h1>"
        body += "<p class=\"muted\">\([roleName, unit].compactMap { $0?.xmlEscaped }.joined(separator: " · ")) · generated \(ReportDate.day(generatedAt))</p></header>"
        body += "<h2>Skills</h2><table><thead><tr><th>Competency</th><th>Level</th><th class=\"num\">θ ± SE</th><th class=\"num\">Answers</th><th>Target</th></tr></thead><tbody>"
        for row in competencies {
            let target = row.target.map { t in
                row.gap.map { "<span class=\"chip bad\">\(t) · gap \($0)</span>" }
                    ?? (row.level == nil ? "<span class=\"chip\">\(t) · not measured</span>" : "<span class=\"chip good\">\(t) ✔</span>")
            } ?? "–"
            body += "<tr><td>\(row.name.xmlEscaped)</td><td>\(row.level.map { "\($0) \((row.levelName ?? "").xmlEscaped)" } ?? "<span class=\"muted\">not measured</span>")</td>"
            body += "<td class=\"num\">\(row.theta.map { "\($0.fixed(2)) ± \((row.se ?? 0).fixed(2))" } ?? "–")</td><td class=\"num\">\(row.responses)</td><td>\(target)</td></tr>"
        }
        body += "</tbody></table>"
        let dated = competencies.filter { $0.trend.count > 1 }
        if !dated.isEmpty {
            let dates = Array(Set(dated.flatMap { $0.trend.map(\.date) })).sorted()
            let series = dated.prefix(6).map { row -> LineChart.Series in
                let byDate = Dictionary(row.trend.map { ($0.date, $0.theta) }, uniquingKeysWith: { _, last in last })
                var last: Double?
                return .init(name: row.name, values: dates.map { date in
                    if let value = byDate[date] { last = value }
                    return last.map { min(5, max(1, 3 + $0)) }
                })
            }
            body += "<h2>Trend</h2><figure>" + LineChart(title: "Ability over time", description: "θ + 3, so that 3 is the population average; higher is better.",
                                                        dates: dates, series: Array(series), scale: .levels(1...5), idPrefix: "trend").svg() + "</figure>"
        }
        if !coursesToClose.isEmpty {
            body += "<h2>Courses that close the gaps</h2><ul>" + coursesToClose.map { "<li>\($0.title.xmlEscaped) <code>pmo learn \($0.id.xmlEscaped)</code></li>" }.joined() + "</ul>"
        }
        return HTMLPage.document(title: "\(name) — capability", body: body)
    }
}
