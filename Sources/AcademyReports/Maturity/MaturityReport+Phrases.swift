extension MaturityReport {
    /// The name of level `number` in the model.
    func levelName(_ number: Int) -> String {
        model.levels.first { $0.number == number }?.name ?? "Level \(number)"
    }

    /// Whether to single out the dimensions at the headline level: not when every dimension is there.
    var marksWeakest: Bool {
        dimensions.contains { !$0.holdsHeadline }
    }

    /// The label of the threshold point ("Largely").
    var thresholdLabel: String {
        model.scale.first { $0.id == model.threshold }?.label ?? model.threshold
    }

    /// "61.5% — 48 of 78 criteria met at “Largely” or better, every level counted (OPM3-style coverage)".
    var coverageStatement: String {
        "\(coverage.percent.fixed(1))% of practices in place — \(coverage.met) of \(coverage.total) criteria met "
            + "at “\(thresholdLabel)” or better, every level counted (OPM3-style coverage)"
    }

    /// What changed since the previous assessment, in one sentence; nil without one.
    var changeStatement: String? {
        guard let before = headline.previousLevel else { return nil }
        let when = previousAssessedOn.map { " (\($0))" } ?? ""
        let level = before == headline.level ? "Headline unchanged at level \(before)"
            : "Headline level \(before) → \(headline.level)"
        let cover = coverage.previousPercent.map { "; coverage \($0.fixed(1))% → \(coverage.percent.fixed(1))%" } ?? ""
        return "Since the previous assessment\(when): \(level.prefix(1).lowercased() + level.dropFirst())\(cover)."
    }

    /// "+0.83", "−0.20" or "±0" for a change in score; "" without a previous value.
    static func change(_ now: Double, _ before: Double?, decimals: Int = 2) -> String {
        guard let before else { return "" }
        let delta = (now - before).rounded(toPlaces: decimals)
        if delta == 0 { return "±0" }
        return (delta > 0 ? "+" : "−") + abs(delta).fixed(decimals)
    }

    /// "Partly (lower median of 3 answers)" or "not answered".
    static func answerSummary(_ label: String?, answers: Int, capped: Bool) -> String {
        guard let label else { return "not answered" }
        let basis = answers > 1 ? " (lower median of \(answers) answers)" : ""
        return label + basis + (capped ? ", capped by capability evidence" : "")
    }

    /// "assessors agree", "spread 1 step" or "spread 3 steps — assessors disagree; discuss before trusting".
    static func spreadSummary(_ spread: Int, answers: Int) -> String {
        if answers < 2 { return answers == 1 ? "one assessor" : "no answers" }
        switch spread {
        case 0: return "assessors agree"
        case 1: return "spread 1 step"
        default: return "spread \(spread) steps — assessors disagree"
        }
    }

    /// "2 of 4 people (50%) in the role project-manager reach level 3+ in scope-schedule and risk-management; 60% required — not met".
    static func capabilitySummary(_ c: Capability) -> String {
        let share = c.share.map { " (\(($0 * 100).fixed(0))%)" } ?? ""
        let role = c.role.map { " in the role \($0)" } ?? ""
        var text = "\(c.meeting) of \(c.people) \(c.people == 1 ? "person" : "people")\(share)\(role) reach level \(c.minimumLevel)+ in "
            + list(c.competencies) + "; \((c.requiredShare * 100).fixed(0))% required — \(c.met ? "met" : "not met")"
        if c.people == 0 { text += " (nobody counted)" }
        if c.withoutEstimate > 0 {
            text += "; \(c.withoutEstimate) \(c.withoutEstimate == 1 ? "has" : "have") no estimate yet"
        }
        return text
    }

    /// "governance-knowledge — Governance and knowledge" or the id alone.
    static func courseName(_ course: CourseRef) -> String {
        course.title.map { "\($0) (\(course.id))" } ?? course.id
    }

    /// How levels, headline and coverage are computed, in plain words.
    var methodNote: String {
        "A dimension reaches level L when every criterion of levels 2 to L is met, that is rated "
            + "“\(thresholdLabel)” or better (the combined answer is the lower median of the assessors). "
            + "The score shows progress inside a level: the level plus the share of the next level's criteria met. "
            + "The headline is the lowest dimension (weakest link, as CMMI rates); coverage counts every "
            + "criterion met at any level (as OPM3 does)."
    }
}
