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

        let (rows, gaps) = competencyRows(input.competencies, memberCount: members.count, courses: input.courses,
                                          level: { m, c in input.level(member: m, competency: c) },
                                          target: { m, c in targetRows[targetRow[m]][c] })

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
