extension MaturityReport {
    /// The report as Markdown: headings, tables and lists.
    public func markdown() -> String {
        var out: [String] = []
        out.append("# PMO maturity: \(unit.markdownEscaped)")
        out.append("")
        var meta = "\(model.name.markdownEscaped) \(model.version.markdownEscaped) · assessed \(assessedOn)"
        if !assessors.isEmpty { meta += " · assessors: " + assessors.map(\.markdownEscaped).joined(separator: ", ") }
        out.append("*\(meta)*")
        out.append("")

        out.append("## Headline")
        out.append("")
        let levelWords = "Level \(headline.level) \(headline.name)"
        let statement = headline.statement.hasPrefix(levelWords)
            ? "**\(levelWords.markdownEscaped)**" + String(headline.statement.dropFirst(levelWords.count)).markdownEscaped
            : headline.statement.markdownEscaped
        out.append(statement + ".")
        if let heldBack = headline.heldBackStatement { out.append(heldBack.markdownEscaped) }
        out.append("")
        out.append("**Coverage**: " + coverageStatement.markdownEscaped + ".")
        if let change = changeStatement {
            out.append("")
            out.append(change.markdownEscaped)
        }
        if !complete {
            out.append("")
            let open = missing.reduce(0) { $0 + $1.criteria.count }
            out.append("> **Incomplete:** \(open) criteria have no answer and count as not met (see *Not yet answered*).")
        }
        out.append("")

        if !keyPoints.isEmpty {
            out.append("## Key points")
            out.append("")
            for point in keyPoints { out.append("- " + point.markdownEscaped) }
            out.append("")
        }

        out.append("## Dimensions")
        out.append("")
        let withChange = headline.previousLevel != nil
        out.append("| Dimension | Level | Score | Coverage |" + (withChange ? " Change |" : ""))
        out.append("| --- | --- | ---: | ---: |" + (withChange ? " ---: |" : ""))
        for d in dimensions {
            let name = d.holdsHeadline && marksWeakest ? "**\(d.name.markdownEscaped)** (weakest link)" : d.name.markdownEscaped
            var row = "| \(name) | \(d.level) \(d.levelName.markdownEscaped) | \(d.score.fixed(2)) | "
                + "\(d.coverage.percent.fixed(1))% (\(d.coverage.met)/\(d.coverage.total)) |"
            if withChange { row += " \(Self.change(d.score, d.previousScore)) |" }
            out.append(row)
        }
        out.append("")

        out.append("## What holds the headline back")
        out.append("")
        if blockers.isEmpty { out.append("Nothing: every dimension is at level 5.") }
        var lastDimension = ""
        for b in blockers {
            if b.dimension != lastDimension {
                lastDimension = b.dimension
                out.append("### \(b.dimensionName.markdownEscaped): level \(b.level - 1) → \(b.level)")
                out.append("")
            }
            out.append("**\(b.criterion.markdownEscaped)** \(b.text.markdownEscaped)")
            out.append("")
            out.append("- Answer: " + Self.answerSummary(b.answerLabel, answers: b.answers.count,
                                                         capped: b.cappedByCapability).markdownEscaped
                + "; " + Self.spreadSummary(b.spread, answers: b.answers.count).markdownEscaped)
            for a in b.answers {
                let note = a.note.map { ": “\($0.markdownEscaped)”" } ?? ""
                out.append("  - \(a.assessor.markdownEscaped): \(a.label.markdownEscaped)\(note)")
            }
            if let c = b.capability {
                out.append("- Capability evidence: " + Self.capabilitySummary(c).markdownEscaped)
            }
            if !b.evidenceHint.isEmpty { out.append("- Look for: " + b.evidenceHint.markdownEscaped) }
            if !b.courses.isEmpty {
                out.append("- Courses: " + b.courses.map { Self.markdownCourse($0) }.joined(separator: ", "))
            }
            out.append("")
        }

        out.append("## Trend")
        out.append("")
        if trend.count <= 1 {
            out.append("This is the first assessment of \(unit.markdownEscaped); the trend starts here.")
            out.append("")
        } else {
            let shown = Array(trend.suffix(8))
            if shown.count < trend.count { out.append("*The last \(shown.count) of \(trend.count) assessments.*\n") }
            out.append("| | " + shown.map(\.date).joined(separator: " | ") + " |")
            out.append("| --- |" + String(repeating: " ---: |", count: shown.count))
            out.append("| **Headline level** | " + shown.map { "\($0.headline)" }.joined(separator: " | ") + " |")
            out.append("| **Coverage** | " + shown.map { "\($0.coverage.fixed(1))%" }.joined(separator: " | ") + " |")
            for d in dimensions {
                let cells = shown.map { p in p.dimensions.first { $0.id == d.id }.map { $0.score.fixed(2) } ?? "–" }
                out.append("| \(d.name.markdownEscaped) | " + cells.joined(separator: " | ") + " |")
            }
            out.append("")
        }

        out.append("## Improvement plan")
        out.append("")
        if improvementPlan.isEmpty {
            out.append("Every dimension is at level 5: keep the practices in place and keep measuring.")
            out.append("")
        } else {
            out.append("The unmet criteria of each dimension's next level, with the courses that teach them.")
            out.append("")
            let total = improvementPlan.reduce(0) { $0 + $1.steps.count }
            out.append("Courses that cover the most of the plan:")
            out.append("")
            for c in planCourses.prefix(6) {
                out.append("- \(Self.markdownCourse(c.course)): \(c.criteria.count) of \(total) criteria")
            }
            out.append("")
        }
        for p in improvementPlan {
            out.append("### \(p.name.markdownEscaped): level \(p.currentLevel) → \(p.targetLevel) \(p.targetLevelName.markdownEscaped)")
            out.append("")
            out.append("| Criterion | Now | Courses |")
            out.append("| --- | --- | --- |")
            for s in p.steps {
                let courses = s.courses.isEmpty ? "—" : s.courses.map { Self.markdownCourse($0) }.joined(separator: "<br>")
                out.append("| **\(s.criterion.markdownEscaped)** \(s.text.markdownEscaped) | "
                    + "\((s.answerLabel ?? "not answered").markdownEscaped) | \(courses) |")
            }
            out.append("")
        }

        if !missing.isEmpty {
            out.append("## Not yet answered")
            out.append("")
            for m in missing {
                out.append("- \(m.name.markdownEscaped): " + m.criteria.map { "`\($0.replacingBackticks)`" }.joined(separator: ", "))
            }
            out.append("")
        }

        out.append("---")
        out.append("")
        out.append("*How to read this report:* " + methodNote.markdownEscaped)
        return out.joined(separator: "\n") + "\n"
    }

    /// "Title (`id`)" or "`id`".
    static func markdownCourse(_ course: CourseRef) -> String {
        let id = "`\(course.id.replacingBackticks)`"
        return course.title.map { "\($0.markdownEscaped) (\(id))" } ?? id
    }
}

