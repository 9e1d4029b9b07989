import Foundation

/// Completion of assigned courses: per course, how many people are on time, late, overdue, in progress or not started.
public struct CompletionReport: Sendable, Codable, Equatable {
    public struct CourseRow: Sendable, Codable, Equatable {
        public var course: String
        public var title: String
        public var counts: GroupReport.Completion
    }

    public struct Overdue: Sendable, Codable, Equatable {
        public var person: String
        public var name: String
        public var course: String
        public var due: Date?
        public var lessonsDone: Int
        public var lessons: Int
    }

    public var title: String
    public var generatedAt: Date
    public var courses: [CourseRow]
    public var overdue: [Overdue]

    /// Built from the completion entries of the people in `personIDs`.
    public static func build(_ input: CapabilityInput, title: String, personIDs: Set<Int64>, courseTitles: [String: String]) -> CompletionReport {
        var rows: [String: GroupReport.Completion] = [:]
        var overdue: [Overdue] = []
        for person in input.people where personIDs.contains(person.id) {
            for c in input.completion[person.id] ?? [] {
                var counts = rows[c.course] ?? GroupReport.Completion()
                switch c.state {
                case "on-time": counts.onTime += 1
                case "late": counts.late += 1
                case "overdue":
                    counts.overdue += 1
                    overdue.append(.init(person: person.login, name: person.name, course: c.course, due: c.due, lessonsDone: c.lessonsDone, lessons: c.lessons))
                case "in-progress": counts.inProgress += 1
                default: counts.notStarted += 1
                }
                rows[c.course] = counts
            }
        }
        return CompletionReport(title: title, generatedAt: input.now,
                                courses: rows.keys.sorted().map { .init(course: $0, title: courseTitles[$0] ?? $0, counts: rows[$0] ?? .init()) },
                                overdue: overdue.sorted { ($0.due ?? .distantPast, $0.person) < ($1.due ?? .distantPast, $1.person) })
    }

    public func rendered(_ format: ReportFormat, color: Bool = false) throws -> String {
        switch format {
        case .json: return try ReportJSON.encode(self)
        case .csv:
            var out = [CSVField.row(["course", "on_time", "late", "overdue", "in_progress", "not_started"])]
            for row in courses {
                let c = row.counts
                out.append(CSVField.row([row.course, "\(c.onTime)", "\(c.late)", "\(c.overdue)", "\(c.inProgress)", "\(c.notStarted)"]))
            }
            return out.joined(separator: "\n") + "\n"
        case .markdown:
            var out = ["# \(title)", "", "| Course | On time | Late | Overdue | In progress | Not started |", "|---|---:|---:|---:|---:|---:|"]
            for row in courses {
                let c = row.counts
                out.append("| \(row.title.markdownEscaped) | \(c.onTime) | \(c.late) | \(c.overdue) | \(c.inProgress) | \(c.notStarted) |")
            }
            if !overdue.isEmpty {
                out += ["", "## Overdue", "", "| Person | Course | Due | Lessons |", "|---|---|---|---:|"]
                for o in overdue.prefix(200) { out.append("| \(o.name.markdownEscaped) | `\(o.course)` | \(o.due.map(ReportDate.day) ?? "–") | \(o.lessonsDone)/\(o.lessons) |") }
            }
            return out.joined(separator: "\n") + "\n"
        case .text:
            let s = ANSIStyle(color: color)
            var out = [s.bold(title), "", "  " + "Course".fitted(to: 34) + "on time".rightAligned(to: 8) + "late".rightAligned(to: 6)
                + "overdue".rightAligned(to: 9) + "doing".rightAligned(to: 7) + "not yet".rightAligned(to: 9)]
            for row in courses {
                let c = row.counts
                out.append("  " + row.title.fitted(to: 33) + " " + "\(c.onTime)".rightAligned(to: 8) + "\(c.late)".rightAligned(to: 6)
                    + "\(c.overdue)".rightAligned(to: 9) + "\(c.inProgress)".rightAligned(to: 7) + "\(c.notStarted)".rightAligned(to: 9))
            }
            if !overdue.isEmpty {
                out += ["", s.bold("Overdue") + " (\(overdue.count))"]
                for o in overdue.prefix(20) {
                    out.append("  " + o.name.fitted(to: 24) + " " + o.course.fitted(to: 22) + "due " + (o.due.map(ReportDate.day) ?? "–")
                        + "  \(o.lessonsDone)/\(o.lessons)")
                }
                if overdue.count > 20 { out.append(s.dim("  … and \(overdue.count - 20) more (use --format csv or json for all)")) }
            }
            return out.joined(separator: "\n")
        case .html:
            var body = "<header><p class=\"eyebrow\">Completion report</p><h1>\(title.xmlEscaped)</h1><p class=\"muted\">generated \(ReportDate.day(generatedAt))</p></header>"
            body += "<figure>" + BarChart(title: "Assigned courses by status", description: "People per status for each assigned course.",
                                         categories: ["On time", "Late", "Overdue", "In progress", "Not started"],
                                         rows: courses.map { row in
                                             let c = row.counts
                                             return .init(label: row.title, values: [c.onTime, c.late, c.overdue, c.inProgress, c.notStarted].map(Double.init))
                                         },
                                         colors: ["#1e7a4f", "#9c5a00", "#b4341c", "#0b4f8a", "#9aa5b1"], normalized: true, width: 960,
                                         idPrefix: "completion").svg() + "</figure>"
            if !overdue.isEmpty {
                body += "<h2>Overdue</h2><table><thead><tr><th>Person</th><th>Course</th><th>Due</th><th class=\"num\">Lessons</th></tr></thead><tbody>"
                for o in overdue.prefix(500) {
                    body += "<tr><td>\(o.name.xmlEscaped)</td><td><code>\(o.course.xmlEscaped)</code></td><td>\(o.due.map(ReportDate.day) ?? "–")</td><td class=\"num\">\(o.lessonsDone)/\(o.lessons)</td></tr>"
                }
                body += "</tbody></table>"
            }
            return HTMLPage.document(title: title, body: body)
        }
    }
}
