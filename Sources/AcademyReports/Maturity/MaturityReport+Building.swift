import AcademyCore
import Foundation

extension MaturityReport {
    /// Builds the report of one unit from its latest scored assessment.
    ///
    /// - Parameters:
    ///   - model: the model the results were scored against (criterion texts, scale labels, level names).
    ///   - latest: the assessment reported on.
    ///   - previous: the assessment before it, for changes; nil when there is none.
    ///   - previousDate: the day of `previous`, shown beside the changes.
    ///   - trend: past assessments including `latest`, e.g. `MaturityTrend(submissions)`; an empty
    ///     trend is taken as `latest` alone.
    ///   - unit: the unit's name or path as the reader knows it.
    ///   - assessedOn: the day of `latest`.
    ///   - courseTitles: course id → title (`MaturityReport.courseTitles(catalog)`); unknown ids show as ids.
    public init(model: MaturityModel, latest: MaturityResult, previous: MaturityResult? = nil,
                previousDate: Date? = nil, trend: MaturityTrend, unit: String, assessedOn: Date,
                courseTitles: [String: String]) {
        let labels = Dictionary(model.scale.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let criteria = Dictionary(model.dimensions.flatMap(\.criteria).map { ($0.id, $0) },
                                  uniquingKeysWith: { first, _ in first })
        let levelName = { (number: Int) in model.levels.first { $0.number == number }?.name ?? "Level \(number)" }
        let courses = { (ids: [String]) in ids.map { CourseRef(id: $0, title: courseTitles[$0]) } }
        let label = { (point: String?) in point.map { labels[$0] ?? $0 } }

        let info = ModelInfo(id: model.id, name: model.name, version: model.version, threshold: latest.threshold,
                             scale: model.scale.map { ScalePoint(id: $0.id, label: $0.label, value: $0.value) },
                             levels: (1...5).map { Level(number: $0, name: levelName($0)) })

        let headlineLevel = latest.headline.level
        let dimensions = latest.dimensions.map { d in
            let before = previous?.dimension(d.id)
            return Dimension(id: d.id, name: d.name, level: d.level, levelName: d.levelName,
                             score: d.score.rounded(toPlaces: 2),
                             coverage: Coverage(met: d.coverage.met, total: d.coverage.total,
                                                percent: d.coverage.percent.rounded(toPlaces: 1),
                                                previousPercent: before?.coverage.percent.rounded(toPlaces: 1)),
                             holdsHeadline: d.level == headlineLevel && d.level < 5,
                             unmetAtNextLevel: d.unmetAtNextLevel.count, previousLevel: before?.level,
                             previousScore: before?.score.rounded(toPlaces: 2))
        }

        let blockers = latest.headline.heldBackBy.flatMap { constraint in
            constraint.unmet.compactMap { id -> Blocker? in
                guard let result = latest.criterion(id) else { return nil }
                let criterion = criteria[id]
                return Blocker(
                    dimension: constraint.dimension, dimensionName: constraint.name, criterion: id, level: result.level,
                    text: criterion?.text ?? id, evidenceHint: criterion?.evidence ?? "", answer: result.point,
                    answerLabel: label(result.point),
                    answers: result.answers.map { AssessorAnswer(assessor: $0.assessor, point: $0.point,
                                                                 label: labels[$0.point] ?? $0.point, note: $0.note) },
                    spread: result.spread, capability: result.capability.map(Capability.init),
                    cappedByCapability: result.cappedByCapability, courses: courses(criterion?.courses ?? []))
            }
        }

        var points = trend.points
        if points.isEmpty {
            points = MaturityTrend([MaturitySubmission(date: assessedOn, result: latest)]).points
        }
        let trendPoints = points.map { p in
            TrendPoint(date: ReportDate.day(p.date), headline: p.headline, coverage: p.coverage.rounded(toPlaces: 1),
                       dimensions: p.dimensions.map { TrendDimension(id: $0.dimension, level: $0.level,
                                                                     score: $0.score.rounded(toPlaces: 2)) })
        }

        let plan = latest.improvementPlan.dimensions.map { d in
            PlanDimension(dimension: d.dimension, name: d.name, currentLevel: d.currentLevel, targetLevel: d.targetLevel,
                          targetLevelName: levelName(d.targetLevel),
                          steps: d.steps.map { s in
                              PlanStep(criterion: s.criterion, level: s.level, text: s.text, answer: s.point,
                                       answerLabel: label(s.point), courses: courses(s.courses))
                          })
        }

        self.init(unit: unit, assessedOn: ReportDate.day(assessedOn), previousAssessedOn: previousDate.map(ReportDate.day),
                  model: info, assessors: latest.assessors, complete: latest.isComplete,
                  headline: Self.headline(latest, previous: previous, levelName: levelName(headlineLevel)),
                  coverage: Coverage(met: latest.coverage.met, total: latest.coverage.total,
                                     percent: latest.coverage.percent.rounded(toPlaces: 1),
                                     previousPercent: previous?.coverage.percent.rounded(toPlaces: 1)),
                  dimensions: dimensions, blockers: blockers, trend: trendPoints, improvementPlan: plan,
                  missing: latest.missing.map { Missing(dimension: $0.dimension, name: $0.name, criteria: $0.criteria) })
    }

    /// Builds the report from every submitted assessment of a unit; nil when there is none.
    ///
    /// The latest submission (by date) is reported on, the one before it gives the changes,
    /// and all of them make the trend.
    public init?(model: MaturityModel, submissions: [MaturitySubmission], unit: String, courseTitles: [String: String]) {
        let ordered = submissions.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        guard let latest = ordered.last else { return nil }
        let previous = ordered.count >= 2 ? ordered[ordered.count - 2] : nil
        self.init(model: model, latest: latest.result, previous: previous?.result, previousDate: previous?.date,
                  trend: MaturityTrend(ordered), unit: unit, assessedOn: latest.date, courseTitles: courseTitles)
    }

    /// Course id → title for every course of `catalog`, the lookup the report needs.
    public static func courseTitles(_ catalog: Catalog) -> [String: String] {
        catalog.courseByID.mapValues(\.title)
    }

    /// The weakest-link headline in the report's words.
    static func headline(_ latest: MaturityResult, previous: MaturityResult?, levelName: String) -> Headline {
        let level = latest.headline.level
        let count = latest.dimensions.count
        let scope: String
        switch count {
        case 0: scope = "no dimension was rated"
        case 1: scope = "the level of the only dimension rated"
        default: scope = "the lowest of the \(Self.numberWord(count)) dimensions"
        }
        let statement = "Level \(level) \(levelName) — \(scope) (weakest link, as CMMI rates)"
        let holding = latest.headline.heldBackBy
        var heldBack: String?
        if holding.count > 1, holding.count == count {
            heldBack = "Held back by every dimension: none yet meets all of its level-\(level + 1) criteria."
        } else if !holding.isEmpty {
            let parts = holding.map { c -> String in
                let next = latest.dimension(c.dimension)?.criteria.filter { $0.level == level + 1 }.count ?? 0
                return "\(c.name) (\(next - c.unmet.count) of \(next) level-\(level + 1) criteria met)"
            }
            heldBack = "Held back by " + Self.list(parts) + "."
        } else if count > 0 {
            heldBack = "Every dimension is at level \(level)."
        }
        return Headline(level: level, name: levelName, statement: statement, heldBackStatement: heldBack,
                        dimensionCount: count,
                        heldBackBy: holding.map { DimensionRef(id: $0.dimension, name: $0.name) },
                        previousLevel: previous?.headline.level)
    }

    /// "one" … "twelve", digits beyond.
    static func numberWord(_ n: Int) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return n >= 0 && n < words.count ? words[n] : String(n)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}

extension MaturityReport.Capability {
    /// The report's view of measured evidence, with the share rounded to two decimals.
    init(_ evidence: MaturityCapabilityEvidence) {
        self.init(competencies: evidence.competencies, role: evidence.role, minimumLevel: evidence.minimumLevel,
                  requiredShare: evidence.requiredShare, share: evidence.share?.rounded(toPlaces: 2),
                  people: evidence.people, meeting: evidence.meeting, withoutEstimate: evidence.withoutEstimate,
                  met: evidence.isMet)
    }
}
