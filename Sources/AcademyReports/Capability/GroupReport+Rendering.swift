import Foundation

extension GroupReport {
    /// The report in `format` (JSON is the report itself, keys sorted).
    public func rendered(_ format: ReportFormat, color: Bool = false) throws -> String {
        switch format {
        case .text: return text(color: color)
        case .markdown: return markdown()
        case .csv: return csv()
        case .json: return try ReportJSON.encode(self)
        case .html: return html()
        }
    }

    /// Short column labels for competencies, so a heatmap fits 80 columns.
    static func abbreviations(_ names: [String]) -> [String] {
        names.enumerated().map { index, _ in "C\(index + 1)" }
    }

    func pct(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    // MARK: Text

    /// Tables and a level heatmap that fit 80 columns.
    public func text(color: Bool = false) -> String {
        let s = ANSIStyle(color: color)
        var out: [String] = []
        out.append(s.bold(title))
        out.append("\(people) people, \(measuredPeople) with measured skills · " + ReportDate.day(generatedAt))
        out.append("")
        out.append(s.bold("Levels per competency") + "  (people at 1…5, share at role target)")
        for row in competencies {
            let bar = row.distribution.map { String(format: "%3d", $0) }.joined()
            let name = row.name.fitted(to: 29) + " "
            out.append("  \(name)\(bar)  \(pct(row.shareAtTarget).rightAligned(to: 4)) at target")
        }
        out.append("")
        if !largestGaps.isEmpty {
            out.append(s.bold("Largest gaps, and the courses that close them"))
            for gap in largestGaps {
                out.append("  " + s.red("▼") + " \(gap.name): \(gap.peopleBelow) people below target (mean shortfall \(gap.meanShortfall.fixed(1)))")
                if !gap.courses.isEmpty { out.append("      → " + gap.courses.map { "\($0.title) (pmo learn \($0.id))" }.joined(separator: "; ").truncatedColumns(72)) }
            }
            out.append("")
        }
        out.append(s.bold("Assigned courses") + "  (people × courses)")
        out.append("  on time \(completion.onTime) · late \(completion.late) · " + s.red("overdue \(completion.overdue)")
            + " · in progress \(completion.inProgress) · not started \(completion.notStarted)")
        out.append("")
        out.append(s.bold("Activity, last \(activity.count) weeks") + "  (people answering each week)")
        let peak = max(1, activity.map(\.activePeople).max() ?? 1)
        let blocks = Array("▁▂▃▄▅▆▇█")
        out.append("  " + String(activity.map { blocks[min(7, $0.activePeople * 7 / peak)] }) + "  peak \(peak)")
        let abbreviations = Self.abbreviations(competencies.map(\.name))
        if !units.isEmpty {
            out.append("")
            out.append(s.bold("Mean level by unit") + "  (C1… are the competencies above, in order)")
            out.append("  " + "Unit".fitted(to: 22) + abbreviations.map { $0.rightAligned(to: 4) }.joined())
            for unit in units {
                out.append("  " + unit.name.fitted(to: 21) + " "
                    + unit.meanLevels.map { ($0.map { $0.fixed(1) } ?? "–").rightAligned(to: 4) }.joined())
            }
        }
        if !members.isEmpty {
            out.append("")
            out.append(s.bold("Levels by person") + "  (! a level or more below the role's target; · not measured)")
            out.append("  " + "Person".fitted(to: 18) + abbreviations.map { $0.rightAligned(to: 4) }.joined())
            for member in members {
                var cells = ""
                for (level, target) in zip(member.levels, member.targets) {
                    let text = level.map(String.init) ?? "·"
                    let flagged = level != nil && target != nil && level! < target!
                    cells += (flagged ? s.red(text + "!") : text + " ").rightAligned(to: 4 + (flagged && color ? 9 : 0))
                }
                out.append("  " + member.name.fitted(to: 17) + " " + cells)
            }
        }
        if !units.isEmpty || !members.isEmpty {
            out.append("")
            // The legend, wrapped to 80 columns.
            var line = " "
            for (abbreviation, name) in zip(abbreviations, competencies.map(\.name)) {
                let entry = " \(abbreviation) \(name)"
                if line.count + entry.count > 79 { out.append(s.dim(line)); line = " " }
                line += entry
            }
            out.append(s.dim(line))
        }
        return out.map { $0.truncatedColumns(80, keepingANSI: color) }.joined(separator: "\n")
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = ["# \(title)", "", "\(people) people, \(measuredPeople) with measured skills. Generated \(ReportDate.day(generatedAt)).", ""]
        out += ["## Levels per competency", "",
                "| Competency | " + levelNames.map(\.markdownEscaped).joined(separator: " | ") + " | Not measured | At target |",
                "|---|" + String(repeating: "---:|", count: levelNames.count + 2)]
        for row in competencies {
            out.append("| \(row.name.markdownEscaped) | " + row.distribution.map(String.init).joined(separator: " | ")
                + " | \(row.unmeasured) | \(pct(row.shareAtTarget)) (\(row.atTarget)/\(row.withTarget)) |")
        }
        if !largestGaps.isEmpty {
            out += ["", "## Largest gaps", "", "| Competency | People below target | Mean shortfall | Courses |", "|---|---:|---:|---|"]
            for gap in largestGaps {
                out.append("| \(gap.name.markdownEscaped) | \(gap.peopleBelow) | \(gap.meanShortfall.fixed(1)) | "
                    + gap.courses.map { "\($0.title.markdownEscaped) (`\($0.id)`)" }.joined(separator: ", ") + " |")
            }
        }
        out += ["", "## Assigned courses", "", "| On time | Late | Overdue | In progress | Not started |", "|---:|---:|---:|---:|---:|",
                "| \(completion.onTime) | \(completion.late) | \(completion.overdue) | \(completion.inProgress) | \(completion.notStarted) |"]
        out += ["", "## Activity", "", "| Week of | Answers | People active |", "|---|---:|---:|"]
        for week in activity { out.append("| \(ReportDate.day(week.start)) | \(week.answers) | \(week.activePeople) |") }
        if !units.isEmpty {
            out += ["", "## Units", "", "| Unit | People | At target | Overdue |", "|---|---:|---:|---:|"]
            for unit in units { out.append("| \(unit.name.markdownEscaped) | \(unit.people) | \(pct(unit.shareAtTarget)) | \(unit.overdue) |") }
        }
        if !members.isEmpty {
            out += ["", "## People", "", "| Person | " + competencies.map(\.name.markdownEscaped).joined(separator: " | ") + " |",
                    "|---|" + String(repeating: "---:|", count: competencies.count)]
            for member in members {
                let cells = zip(member.levels, member.targets).map { level, target -> String in
                    guard let level else { return "–" }
                    return target.map { level < $0 ? "**\(level)** (target \($0))" : "\(level)" } ?? "\(level)"
                }
                out.append("| \(member.name.markdownEscaped) | " + cells.joined(separator: " | ") + " |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: CSV

    /// One row per competency; members follow as one row per person and competency.
    public func csv() -> String {
        var out = [CSVField.row(["section", "name", "competency", "level_1", "level_2", "level_3", "level_4", "level_5",
                                 "not_measured", "at_target", "with_target", "level", "target"])]
        for row in competencies {
            out.append(CSVField.row(["competency", title, row.id] + row.distribution.map(String.init)
                + ["\(row.unmeasured)", "\(row.atTarget)", "\(row.withTarget)", "", ""]))
        }
        for member in members {
            for (index, competency) in competencies.enumerated() {
                out.append(CSVField.row(["person", member.id, competency.id, "", "", "", "", "", "", "", "",
                                         member.levels[index].map(String.init) ?? "", member.targets[index].map(String.init) ?? ""]))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: HTML

    public func html() -> String {
        var body = "<header><p class=\"eyebrow\">Capability report</p><h1>\(title.xmlEscaped)</h1>"
        body += "<p class=\"muted\">\(people) people, \(measuredPeople) with measured skills · generated \(ReportDate.day(generatedAt))</p></header>"
        let withTarget = competencies.reduce(0) { $0 + $1.withTarget }, atTarget = competencies.reduce(0) { $0 + $1.atTarget }
        body += "<section class=\"cards\">"
        body += "<div class=\"card\"><div class=\"label\">At role target</div><div class=\"big\">\(pct(withTarget == 0 ? nil : Double(atTarget) / Double(withTarget)))</div>"
        body += "<div class=\"muted\">of \(withTarget) person-competency targets</div></div>"
        body += "<div class=\"card\"><div class=\"label\">Assigned courses overdue</div><div class=\"big\">\(completion.overdue)<span> of \(completion.total)</span></div>"
        body += "<div class=\"muted\">\(completion.onTime) on time · \(completion.late) late · \(completion.inProgress) in progress</div></div>"
        let lastWeek = activity.last?.activePeople ?? 0
        body += "<div class=\"card\"><div class=\"label\">Active last week</div><div class=\"big\">\(lastWeek)<span> people</span></div>"
        body += "<div class=\"muted\">\(activity.last?.answers ?? 0) answers</div></div></section>"

        body += "<h2>Levels per competency</h2><figure>"
        body += BarChart(title: "Distribution of proficiency levels per competency",
                         description: "For each competency, the share of measured people at each level from \(levelNames.first ?? "") to \(levelNames.last ?? "").",
                         categories: levelNames, rows: competencies.map { .init(label: $0.name, values: $0.distribution.map(Double.init)) },
                         normalized: true, width: 960, idPrefix: "dist").svg()
        body += "</figure>"
        body += "<table><thead><tr><th>Competency</th><th class=\"num\">Measured</th><th class=\"num\">Mean level</th><th>At role target</th></tr></thead><tbody>"
        for row in competencies {
            let share = row.shareAtTarget ?? 0
            body += "<tr><td>\(row.name.xmlEscaped)</td><td class=\"num\">\(row.distribution.reduce(0, +))</td>"
            body += "<td class=\"num\">\(row.meanLevel.map { $0.fixed(1) } ?? "–")</td>"
            body += "<td><div class=\"meter\" title=\"\(pct(row.shareAtTarget))\"><span style=\"width:\(Int(share * 100))%\"></span></div>"
            body += "<span class=\"muted\">\(pct(row.shareAtTarget)) (\(row.atTarget)/\(row.withTarget))</span></td></tr>"
        }
        body += "</tbody></table>"

        if !largestGaps.isEmpty {
            body += "<h2>Largest gaps, and the courses that close them</h2><table><thead><tr><th>Competency</th><th class=\"num\">Below target</th>"
            body += "<th class=\"num\">Mean shortfall</th><th>Courses</th></tr></thead><tbody>"
            for gap in largestGaps {
                body += "<tr><td>\(gap.name.xmlEscaped)</td><td class=\"num\">\(gap.peopleBelow)</td><td class=\"num\">\(gap.meanShortfall.fixed(1))</td>"
                body += "<td>" + gap.courses.map { "\($0.title.xmlEscaped) <code>\($0.id.xmlEscaped)</code>" }.joined(separator: "<br>") + "</td></tr>"
            }
            body += "</tbody></table>"
        }

        if !units.isEmpty {
            body += "<h2>Mean level by unit</h2><figure>"
            body += Heatmap(title: "Mean proficiency level by unit and competency",
                            description: "Each cell is the mean level of the unit's measured people in the competency.",
                            columns: competencies.map(\.name),
                            rows: units.map { unit in .init(label: unit.name, cells: unit.meanLevels.map { .init($0) }) },
                            decimals: 1, idPrefix: "units").svg()
            body += "</figure>"
        }
        if !members.isEmpty {
            body += "<h2>Levels by person</h2><figure>"
            body += Heatmap(title: "Proficiency level by person and competency",
                            description: "Flagged cells are a level or more below the target of the person's role.",
                            columns: competencies.map(\.name),
                            rows: members.map { member in
                                .init(label: member.name, cells: zip(member.levels, member.targets).map { level, target in
                                    .init(level.map(Double.init), flagged: level != nil && target != nil && level! < target!)
                                })
                            }, decimals: 0, idPrefix: "people").svg()
            body += "</figure>"
        }
        if activity.count > 1 {
            body += "<h2>Activity</h2><figure>"
            let share = activity.map { people == 0 ? nil : Double($0.activePeople) * 100 / Double(people) } as [Double?]
            body += LineChart(title: "People answering questions each week", description: "Share of the group who answered at least one question that week.",
                              dates: activity.map(\.start), series: [.init(name: "Active people", values: share)], scale: .percent,
                              idPrefix: "activity").svg()
            body += "</figure>"
        }
        return HTMLPage.document(title: title, body: body)
    }
}

extension String {
    /// Cut to `width` characters with "…" (padding and alignment: `fitted(to:)`, `rightAligned(to:)`).
    func truncatedColumns(_ width: Int, keepingANSI: Bool = false) -> String {
        if keepingANSI { return self }
        return count <= width ? self : String(prefix(max(0, width - 1))) + "…"
    }
}

/// JSON as reports write it: pretty, keys sorted, ISO 8601 dates.
enum ReportJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
