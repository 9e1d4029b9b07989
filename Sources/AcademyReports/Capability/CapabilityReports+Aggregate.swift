import Foundation

extension CapabilityReports {
    /// The group report from aggregated input: the same numbers as `group(_:title:personIDs:listMembers:unitRows:)`
    /// over the same people, without a per-person table (organisation reports).
    public static func group(_ input: CapabilityAggregateInput, title: String,
                             unitRows: [(name: String, ids: Set<Int64>)] = []) -> GroupReport {
        let width = input.competencies.count
        let members = input.members
        // Targets per distinct role, in competency order; each member points at one of them.
        var targetRows: [[Int?]] = [Array(repeating: nil, count: width)]
        var targetRowOfRole: [String: Int] = [:]
        for (role, targets) in input.roleTargets {
            targetRowOfRole[role] = targetRows.count
            targetRows.append(input.competencies.map { targets[$0.id] })
        }
        let targetRow = members.map { $0.role.flatMap { targetRowOfRole[$0] } ?? 0 }

        var rows: [GroupReport.CompetencyRow] = []
        var gaps: [GroupReport.Gap] = []
        for (c, competency) in input.competencies.enumerated() {
            var distribution = [0, 0, 0, 0, 0]
            var unmeasured = 0, atTarget = 0, withTarget = 0, below = 0
            var levelSum = 0, shortfall = 0
            for m in members.indices {
                let level = input.level(member: m, competency: c)
                if let level {
                    distribution[min(4, max(0, level - 1))] += 1
                    levelSum += level
                } else {
                    unmeasured += 1
                }
                if let target = targetRows[targetRow[m]][c] {
                    withTarget += 1
                    if (level ?? 0) >= target { atTarget += 1 } else if let level {
                        below += 1
                        shortfall += target - level
                    }
                }
            }
            let measured = members.count - unmeasured
            rows.append(.init(id: competency.id, name: competency.name, distribution: distribution, unmeasured: unmeasured,
                              atTarget: atTarget, withTarget: withTarget,
                              meanLevel: measured == 0 ? nil : Double(levelSum) / Double(measured)))
            if below > 0 {
                gaps.append(.init(competency: competency.id, name: competency.name,
                                  meanShortfall: Double(shortfall) / Double(max(1, withTarget)), peopleBelow: below,
                                  courses: (input.courses[competency.id] ?? []).map { .init(id: $0.id, title: $0.title) }))
            }
        }
        gaps.sort { ($0.meanShortfall, $0.peopleBelow) > ($1.meanShortfall, $1.peopleBelow) }

        var weeks = input.activityWeeks.map { GroupReport.Week(start: $0, answers: 0, activePeople: 0) }
        for w in weeks.indices {
            weeks[w].answers = w < input.activityAnswers.count ? input.activityAnswers[w] : 0
            weeks[w].activePeople = w < input.activityPeople.count ? input.activityPeople[w] : 0
        }
        let units = unitRows.map { row -> GroupReport.UnitRow in
            var sums = [Int](repeating: 0, count: width), counts = sums
            var at = 0, with = 0, overdue = 0, people = 0
            for m in members.indices where row.ids.contains(members[m].id) {
                people += 1
                overdue += Int(input.overdue[m])
                let targets = targetRows[targetRow[m]]
                for c in 0..<width {
                    let level = input.level(member: m, competency: c)
                    if let level { sums[c] += level; counts[c] += 1 }
                    if let target = targets[c] {
                        with += 1
                        if (level ?? 0) >= target { at += 1 }
                    }
                }
            }
            return .init(name: row.name, people: people, shareAtTarget: with == 0 ? nil : Double(at) / Double(with), overdue: overdue,
                         meanLevels: (0..<width).map { counts[$0] == 0 ? nil : Double(sums[$0]) / Double(counts[$0]) })
        }
        let measuredPeople = members.indices.filter { m in (0..<width).contains { input.levels[m * width + $0] != 0 } }.count
        return GroupReport(title: title, generatedAt: input.now, people: members.count, measuredPeople: measuredPeople,
                           levelNames: input.levelNames, competencies: rows, largestGaps: Array(gaps.prefix(5)),
                           completion: input.completion, activity: weeks, units: units, members: [])
    }
}
