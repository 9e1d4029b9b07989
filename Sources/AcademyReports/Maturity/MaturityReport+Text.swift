extension MaturityReport {
    /// The report for a terminal: at most `width` columns (80 by default), Unicode bars.
    ///
    /// - Parameter color: emit ANSI SGR codes for emphasis; off for files and pipes.
    public func text(color: Bool = false, width: Int = 80) -> String {
        let width = max(60, width)
        let style = ANSIStyle(color: color)
        var out: [String] = []
        let rule = String(repeating: "═", count: width)

        out.append(style.bold("PMO maturity · \(unit)".fitted(to: width).trimmingTrailingSpaces()))
        var meta = "\(model.name) \(model.version) · assessed \(assessedOn)"
        meta += assessors.isEmpty ? " · no assessors" : " · assessors: \(assessors.joined(separator: ", "))"
        out += meta.wrapped(width: width).map(style.dim)
        out.append(rule)

        // Headline.
        out.append("")
        out.append(style.bold("HEADLINE"))
        let levelWords = "Level \(headline.level) \(headline.name)"
        let statementLines = (headline.statement + ".").wrapped(width: width, indent: "  ")
        for (i, line) in statementLines.enumerated() {
            if i == 0, line.hasPrefix("  " + levelWords) {
                out.append("  " + style.boldBlue(levelWords) + line.dropFirst(2 + levelWords.count))
            } else {
                out.append(line)
            }
        }
        if let heldBack = headline.heldBackStatement { out += heldBack.wrapped(width: width, indent: "  ") }
        out.append("")
        out += ("Coverage " + coverageStatement + ".").wrapped(width: width, indent: "  ")
        if let change = changeStatement { out += change.wrapped(width: width, indent: "  ") }
        if !complete {
            let open = missing.reduce(0) { $0 + $1.criteria.count }
            out += "Incomplete: \(open) criteria have no answer and count as not met (listed at the end)."
                .wrapped(width: width, indent: "  ").map(style.yellow)
        }

        if !keyPoints.isEmpty {
            out.append("")
            out.append(style.bold("KEY POINTS"))
            for point in keyPoints { out += point.wrapped(width: width, indent: "    ", firstIndent: "  • ") }
        }

        // Dimensions.
        out.append("")
        out.append(style.bold("DIMENSIONS"))
        let nameWidth = width - 42
        out.append(style.dim("  " + "dimension".fitted(to: nameWidth) + " lvl " + "score 1–5".fitted(to: 16)
            + "      " + "change".rightAligned(to: 6) + "  cov"))
        for d in dimensions {
            let weakest = d.holdsHeadline && marksWeakest
            let marker = weakest ? "▸ " : "  "
            let name = d.name.fitted(to: nameWidth)
            let level = ("L\(d.level)").fitted(to: 3)
            let bar = Self.bar(d.score, cells: 16)
            let change = Self.change(d.score, d.previousScore).rightAligned(to: 6)
            let cov = (d.coverage.percent.fixed(0) + "%").rightAligned(to: 4)
            let styledChange = change.contains("+") ? style.green(change) : (change.contains("−") ? style.red(change) : change)
            out.append(marker + (weakest ? style.bold(name) : name) + " " + level + " " + style.blue(bar) + " "
                + d.score.fixed(2) + " " + styledChange + " " + cov)
        }
        var legend = (marksWeakest ? "▸ holds the headline (weakest link). " : "")
            + "Bar: score on 1–5. cov: criteria met, all levels."
        if headline.previousLevel != nil { legend += " change: score since the previous assessment." }
        out += legend.wrapped(width: width, indent: "  ", firstIndent: "  ").map(style.dim)

        // Blockers.
        out.append("")
        out.append(style.bold("WHAT HOLDS THE HEADLINE BACK"))
        if blockers.isEmpty {
            out.append("  Nothing: every dimension is at level 5.")
        }
        let indent = String(repeating: " ", count: 11)
        for (i, b) in blockers.enumerated() {
            if i == 0 || blockers[i - 1].dimension != b.dimension {
                let unmet = blockers.filter { $0.dimension == b.dimension }.count
                out.append("")
                out += "\(b.dimensionName): level \(b.level - 1) → \(b.level) needs \(unmet) more "
                    .appending(unmet == 1 ? "criterion" : "criteria").wrapped(width: width, indent: "  ").map(style.bold)
            }
            out += b.text.wrapped(width: width, indent: indent, firstIndent: Self.idColumn(b.criterion))
            let answer = "Answer: " + Self.answerSummary(b.answerLabel, answers: b.answers.count, capped: b.cappedByCapability)
                + " · " + Self.spreadSummary(b.spread, answers: b.answers.count)
            out += answer.wrapped(width: width, indent: indent).map { b.spread >= 2 ? style.yellow($0) : $0 }
            if !b.answers.isEmpty {
                out += ("Assessors: " + b.answers.map { "\($0.assessor) \($0.label)" }.joined(separator: " · "))
                    .wrapped(width: width, indent: indent)
            }
            for a in b.answers {
                guard let note = a.note, !note.isEmpty else { continue }
                out += "\(a.assessor): “\(note)”".wrapped(width: width, indent: indent + "  ", firstIndent: indent).map(style.dim)
            }
            if let c = b.capability {
                out += ("Capability: " + Self.capabilitySummary(c) + ".").wrapped(width: width, indent: indent)
                    .map { c.met ? $0 : style.red($0) }
            }
            if !b.evidenceHint.isEmpty {
                out += ("Look for: " + b.evidenceHint).wrapped(width: width, indent: indent).map(style.dim)
            }
            if !b.courses.isEmpty {
                out += ("Courses: " + b.courses.map(Self.courseName).joined(separator: "; "))
                    .wrapped(width: width, indent: indent)
            }
        }

        // Trend.
        out.append("")
        out += textTrend(width: width, style: style)

        // Improvement plan.
        out.append("")
        out.append(style.bold("IMPROVEMENT PLAN"))
        if improvementPlan.isEmpty {
            out.append("  Every dimension is at level 5: keep the practices in place and keep measuring.")
        } else {
            out += "The unmet criteria of each dimension's next level, with the courses that teach them."
                .wrapped(width: width, indent: "  ").map(style.dim)
            let total = improvementPlan.reduce(0) { $0 + $1.steps.count }
            out.append("")
            out.append("  Courses that cover the most of the plan:")
            for c in planCourses.prefix(5) {
                let count = "  " + "\(c.criteria.count) of \(total)".rightAligned(to: 8) + " criteria  "
                out += Self.courseName(c.course).wrapped(width: width, indent: String(repeating: " ", count: count.count),
                                                         firstIndent: count)
            }
        }
        for p in improvementPlan {
            out.append("")
            out += "\(p.name): level \(p.currentLevel) → \(p.targetLevel) \(p.targetLevelName)"
                .wrapped(width: width, indent: "  ").map(style.bold)
            for s in p.steps {
                out += s.text.wrapped(width: width, indent: indent, firstIndent: Self.idColumn(s.criterion))
                out += ("Now: " + (s.answerLabel ?? "not answered")).wrapped(width: width, indent: indent).map(style.dim)
                if s.courses.isEmpty {
                    out += "No course teaches this yet.".wrapped(width: width, indent: indent).map(style.dim)
                }
                for course in s.courses {
                    out += ("→ " + Self.courseName(course)).wrapped(width: width, indent: indent + "  ", firstIndent: indent)
                }
            }
        }

        if !missing.isEmpty {
            out.append("")
            out.append(style.bold("NOT YET ANSWERED"))
            for m in missing {
                out += ("\(m.name): " + m.criteria.joined(separator: ", ")).wrapped(width: width, indent: "    ",
                                                                                  firstIndent: "  ")
            }
        }

        out.append("")
        out.append(rule)
        out += methodNote.wrapped(width: width).map(style.dim)
        return out.joined(separator: "\n") + "\n"
    }

    /// The trend section: headline and coverage per assessment, then a sparkline per dimension.
    func textTrend(width: Int, style: ANSIStyle) -> [String] {
        var out = [style.bold("TREND")]
        guard trend.count > 1 else {
            out += "This is the first assessment of \(unit); the trend starts here.".wrapped(width: width, indent: "  ")
            return out
        }
        let shown = Array(trend.suffix(12))
        if shown.count < trend.count {
            out.append(style.dim("  The last \(shown.count) of \(trend.count) assessments, oldest first."))
        } else {
            out.append(style.dim("  \(trend.count) assessments, oldest first."))
        }
        out.append(style.dim("  " + "date".fitted(to: 12) + "headline".fitted(to: 10) + "coverage"))
        for p in shown {
            let bar = Self.bar(p.coverage / 20, cells: 10, maximum: 5)
            out.append("  " + p.date.fitted(to: 12) + "L\(p.headline)".fitted(to: 10)
                + (p.coverage.fixed(1) + "%").rightAligned(to: 6) + "  " + style.blue(bar))
        }
        out.append("")
        let sparkWidth = max(5, shown.count)
        let nameWidth = min(38, width - 2 - sparkWidth - 2 - 14)
        out.append(style.dim("  " + "dimension score".fitted(to: nameWidth) + " " + "trend".fitted(to: sparkWidth)
            + "  first → now"))
        for d in dimensions {
            let scores = shown.map { p in p.dimensions.first { $0.id == d.id }?.score }
            let spark = String(scores.map { $0.map(Self.sparkCharacter) ?? " " }).fitted(to: sparkWidth)
            let first = scores.compactMap { $0 }.first
            out.append("  " + d.name.fitted(to: nameWidth) + " " + style.blue(spark) + "  "
                + (first?.fixed(2) ?? "–") + " → " + d.score.fixed(2))
        }
        return out
    }

    /// "  gov-3-2  " — a criterion id in a column of 8, the first indent of its wrapped text.
    static func idColumn(_ id: String) -> String {
        "  " + (id.count > 8 ? id : id.fitted(to: 8)) + " "
    }

    /// A bar of `cells` characters for `value` on 0…`maximum`, with eighth-block precision.
    static func bar(_ value: Double, cells: Int, maximum: Double = 5) -> String {
        let eighths = Int((max(0, min(value, maximum)) / maximum * Double(cells * 8)).rounded())
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
        bar += String(repeating: "·", count: max(0, cells - bar.count))
        return bar
    }

    /// One of ▁▂▃▄▅▆▇█ for a score on 1…5.
    static func sparkCharacter(_ score: Double) -> Character {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let index = Int(((min(max(score, 1), 5) - 1) / 4 * 7).rounded())
        return blocks[max(0, min(7, index))]
    }
}
