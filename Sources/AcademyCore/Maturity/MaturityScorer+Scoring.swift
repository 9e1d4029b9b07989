extension MaturityScorer {
    /// Criterion id → assessor → that assessor's latest answer; and the answers not counted.
    func latestAnswers(_ answers: [MaturityAnswer]) -> ([String: [String: MaturityAnswer]], [MaturityAnswer]) {
        var byCriterion: [String: [String: MaturityAnswer]] = [:]
        var ignored: [MaturityAnswer] = []
        for answer in answers {
            guard criterionByID[answer.criterion] != nil, step[answer.point] != nil else {
                ignored.append(answer)
                continue
            }
            byCriterion[answer.criterion, default: [:]][answer.assessor] = answer
        }
        return (byCriterion, ignored)
    }

    /// Combines the assessors' answers to one criterion: lower median, spread, capability.
    func combine(_ criterion: MaturityModel.Criterion, _ byAssessor: [String: MaturityAnswer],
                 people: [PersonCapability]?) -> MaturityCriterionResult {
        let ordered = byAssessor.values.sorted { $0.assessor < $1.assessor }
        let steps = ordered.compactMap { step[$0.point] }.sorted()
        // Lower median: with an even count, the lower of the two middle answers.
        let medianStep: Int? = steps.isEmpty ? nil : steps[(steps.count - 1) / 2]
        let spread = (steps.last ?? 0) - (steps.first ?? 0)

        let evidence: MaturityCapabilityEvidence? = people.flatMap { people in
            criterion.capability.map { $0.measure(people) }
        }
        var scoredStep = medianStep
        var capped = false
        if capabilityCapsAnswers, let evidence, !evidence.isMet, let current = scoredStep, thresholdStep > 0,
           current >= thresholdStep {
            scoredStep = thresholdStep - 1
            capped = true
        }
        let point = scoredStep.map { scale[$0] }
        return MaturityCriterionResult(
            id: criterion.id, level: criterion.level, median: medianStep.map { scale[$0].id },
            point: point?.id, value: point?.value, isMet: (scoredStep ?? -1) >= thresholdStep,
            answers: ordered.map { .init(assessor: $0.assessor, point: $0.point, note: $0.note) },
            spread: spread, capability: evidence, cappedByCapability: capped)
    }

    /// The staged level, continuous score and coverage of one dimension.
    func scoreDimension(_ dimension: MaturityModel.Dimension,
                        _ criteria: [MaturityCriterionResult]) -> MaturityDimensionResult {
        // Staged: one below the lowest level with an unmet criterion; 5 when none is unmet.
        let lowestUnmet = criteria.filter { !$0.isMet }.map(\.level).min()
        let level = min(5, max(1, (lowestUnmet ?? 6) - 1))

        var score = Double(level)
        var unmetNext: [String] = []
        if level < 5 {
            let next = criteria.filter { $0.level == level + 1 }
            unmetNext = next.filter { !$0.isMet }.map(\.id)
            let low = scale.first?.value ?? 0
            let range = (scale.last?.value ?? 0) - low
            let credit = next.reduce(0.0) { sum, c in
                guard c.isMet, let value = c.value else { return sum }
                return sum + (range > 0 ? (value - low) / range : 1)
            }
            if !next.isEmpty { score = min(5, Double(level) + credit / Double(next.count)) }
        }
        return MaturityDimensionResult(
            id: dimension.id, name: dimension.name, level: level, levelName: levelName(level), score: score,
            coverage: MaturityCoverage(met: criteria.filter(\.isMet).count, total: criteria.count),
            criteria: criteria, unmetAtNextLevel: unmetNext)
    }

    /// The weakest-link headline and the dimensions that hold it.
    func headline(_ dimensions: [MaturityDimensionResult]) -> MaturityHeadline {
        let level = dimensions.map(\.level).min() ?? 1
        let name = levelName(level)
        let holding = level < 5 ? dimensions.filter { $0.level == level } : []
        let constraints = holding.map { MaturityHeadline.Constraint(dimension: $0.id, name: $0.name, unmet: $0.unmetAtNextLevel) }
        var statement = "Level \(level) (\(name)), the weakest link: the lowest level any dimension has reached"
        if constraints.isEmpty {
            statement += "; every dimension is at level \(level)."
        } else {
            statement += "; held back by \(constraints.map(\.name).joined(separator: ", ")), "
                + "which \(constraints.count == 1 ? "does" : "do") not yet meet every criterion of level \(level + 1)."
        }
        return MaturityHeadline(level: level, name: name, heldBackBy: constraints, statement: statement)
    }

    /// For each dimension below level 5, its unmet criteria of the next level with their courses.
    func improvementPlan(_ dimensions: [MaturityDimensionResult]) -> MaturityImprovementPlan {
        MaturityImprovementPlan(dimensions: dimensions.filter { $0.level < 5 }.map { d in
            let steps = d.unmetAtNextLevel.compactMap { id -> MaturityImprovementPlan.Step? in
                guard let criterion = criterionByID[id] else { return nil }
                return .init(criterion: id, level: criterion.level, text: criterion.text,
                             point: d.criterion(id)?.point, courses: criterion.courses)
            }
            return .init(dimension: d.id, name: d.name, currentLevel: d.level, targetLevel: d.level + 1, steps: steps)
        })
    }
}
