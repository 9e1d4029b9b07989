import Foundation

/// Builds the capability reports from a `CapabilityInput`, for a set of people the viewer may see.
public enum CapabilityReports {
    /// The group report over `personIDs`; `listMembers` adds the per-person table (team reports).
    public static func group(_ input: CapabilityInput, title: String, personIDs: Set<Int64>, listMembers: Bool,
                             unitRows: [(name: String, ids: Set<Int64>)] = []) -> GroupReport {
        let members = input.people.filter { personIDs.contains($0.id) }
        // Per member, levels and targets as arrays in competency order: string-keyed lookups once, not per pass.
        let competencyCount = input.competencies.count
        let levels: [[Int?]] = members.map { person in
            let estimates = input.estimates[person.id] ?? [:]
            return input.competencies.map { estimates[$0.id]?.level }
        }
        var targetsByRole: [String: [Int?]] = [:]
        for (role, targets) in input.roleTargets { targetsByRole[role] = input.competencies.map { targets[$0.id] } }
        let noTargets = [Int?](repeating: nil, count: competencyCount)
        let targets: [[Int?]] = members.map { $0.role.flatMap { targetsByRole[$0] } ?? noTargets }

        let (rows, gaps) = competencyRows(input.competencies, memberCount: members.count, courses: input.courses,
                                          level: { m, c in levels[m][c] }, target: { m, c in targets[m][c] })

        var completion = GroupReport.Completion()
        var overdueByMember = [Int](repeating: 0, count: members.count)
        for (m, person) in members.enumerated() {
            for c in input.completion[person.id] ?? [] {
                switch c.state {
                case "on-time": completion.onTime += 1
                case "late": completion.late += 1
                case "overdue": completion.overdue += 1; overdueByMember[m] += 1
                case "in-progress": completion.inProgress += 1
                default: completion.notStarted += 1
                }
            }
        }
        var weeks = input.activityWeeks.map { GroupReport.Week(start: $0, answers: 0, activePeople: 0) }
        for person in members {
            guard let counts = input.activity[person.id] else { continue }
            for (w, count) in counts.enumerated() where w < weeks.count && count > 0 {
                weeks[w].answers += count
                weeks[w].activePeople += 1
            }
        }
        let units = unitRows.map { row -> GroupReport.UnitRow in
            var sums = [Int](repeating: 0, count: competencyCount), counts = sums
            var at = 0, with = 0, overdue = 0, people = 0
            for m in members.indices where row.ids.contains(members[m].id) {
                people += 1
                overdue += overdueByMember[m]
                for c in 0..<competencyCount {
                    if let level = levels[m][c] { sums[c] += level; counts[c] += 1 }
                    if let target = targets[m][c] {
                        with += 1
                        if (levels[m][c] ?? 0) >= target { at += 1 }
                    }
                }
            }
            return .init(name: row.name, people: people, shareAtTarget: with == 0 ? nil : Double(at) / Double(with), overdue: overdue,
                         meanLevels: (0..<competencyCount).map { counts[$0] == 0 ? nil : Double(sums[$0]) / Double(counts[$0]) })
        }
        let memberRows: [GroupReport.PersonRow] = listMembers ? members.indices.sorted { members[$0].name < members[$1].name }.map { m in
            let person = members[m]
            let estimates = input.estimates[person.id] ?? [:]
            return .init(id: person.login, name: person.name, role: person.role, levels: levels[m], targets: targets[m],
                         responses: estimates.values.reduce(0) { $0 + $1.responses })
        } : []
        return GroupReport(title: title, generatedAt: input.now, people: members.count,
                           measuredPeople: levels.filter { $0.contains { $0 != nil } }.count,
                           levelNames: input.levelNames, competencies: rows, largestGaps: Array(gaps.prefix(5)),
                           completion: completion, activity: weeks, units: units, members: memberRows)
    }

    /// One person's report.
    public static func person(_ input: CapabilityInput, id: Int64, unitName: String?) -> PersonReport? {
        guard let person = input.people.first(where: { $0.id == id }) else { return nil }
        let estimates = input.estimates[id] ?? [:]
        let targets = person.role.flatMap { input.roleTargets[$0] } ?? [:]
        var closing: [GroupReport.CourseRef] = []
        let rows = input.competencies.map { competency -> PersonReport.CompetencyRow in
            let estimate = estimates[competency.id]
            let target = targets[competency.id]
            var gap: Int?
            if let target, (estimate?.level ?? 0) < target {
                // Unmeasured people have no gap yet, but the courses still help them towards the target.
                gap = estimate.map { target - $0.level }
                for course in input.courses[competency.id] ?? [] where !closing.contains(where: { $0.id == course.id }) {
                    closing.append(.init(id: course.id, title: course.title))
                }
            }
            return .init(id: competency.id, name: competency.name, level: estimate?.level, levelName: estimate.map { input.levelName($0.level) },
                         theta: estimate?.theta, se: estimate?.se, responses: estimate?.responses ?? 0, target: target, gap: gap,
                         trend: (input.history[id]?[competency.id] ?? []).map { .init(date: $0.date, theta: $0.theta) })
        }
        return PersonReport(id: person.login, name: person.name, role: person.role, roleName: person.role.flatMap { input.roleNames[$0] },
                            unit: unitName, generatedAt: input.now, competencies: rows,
                            assignments: (input.completion[id] ?? []).map {
                                .init(course: $0.course, due: $0.due, state: $0.state, lessonsDone: $0.lessonsDone, lessons: $0.lessons)
                            },
                            coursesToClose: closing)
    }

    /// Per competency over `memberCount` members: the level distribution, the share at target, and the gap
    /// with the courses that close it (largest shortfall first). Shared by the per-person and aggregated paths.
    static func competencyRows(_ competencies: [(id: String, name: String)], memberCount: Int,
                               courses: [String: [(id: String, title: String)]],
                               level: (_ member: Int, _ competency: Int) -> Int?,
                               target: (_ member: Int, _ competency: Int) -> Int?) -> (rows: [GroupReport.CompetencyRow], gaps: [GroupReport.Gap]) {
        var rows: [GroupReport.CompetencyRow] = []
        var gaps: [GroupReport.Gap] = []
        for (c, competency) in competencies.enumerated() {
            var distribution = [0, 0, 0, 0, 0]
            var unmeasured = 0, atTarget = 0, withTarget = 0, below = 0
            var levelSum = 0, shortfall = 0
            for m in 0..<memberCount {
                let level = level(m, c)
                if let level {
                    distribution[min(4, max(0, level - 1))] += 1
                    levelSum += level
                } else {
                    unmeasured += 1
                }
                if let target = target(m, c) {
                    withTarget += 1
                    if (level ?? 0) >= target { atTarget += 1 } else if let level {
                        below += 1
                        shortfall += target - level
                    }
                }
            }
            let measured = memberCount - unmeasured
            rows.append(.init(id: competency.id, name: competency.name, distribution: distribution, unmeasured: unmeasured,
                              atTarget: atTarget, withTarget: withTarget,
                              meanLevel: measured == 0 ? nil : Double(levelSum) / Double(measured)))
            if below > 0 {
                gaps.append(.init(competency: competency.id, name: competency.name,
                                  meanShortfall: Double(shortfall) / Double(max(1, withTarget)), peopleBelow: below,
                                  courses: (courses[competency.id] ?? []).map { .init(id: $0.id, title: $0.title) }))
            }
        }
        gaps.sort { ($0.meanShortfall, $0.peopleBelow) > ($1.meanShortfall, $1.peopleBelow) }
        return (rows, gaps)
    }
}
