import Foundation

/// Builds the capability reports from a `CapabilityInput`, for a set of people the viewer may see.
public enum CapabilityReports {
    /// The group report over `personIDs`; `listMembers` adds the per-person table (team reports).
    public static func group(_ input: CapabilityInput, title: String, personIDs: Set<Int64>, listMembers: Bool,
                             unitRows: [(name: String, ids: Set<Int64>)] = []) -> GroupReport {
        let members = input.people.filter { personIDs.contains($0.id) }
        var rows: [GroupReport.CompetencyRow] = []
        var gaps: [GroupReport.Gap] = []
        for competency in input.competencies {
            var distribution = [0, 0, 0, 0, 0]
            var unmeasured = 0, atTarget = 0, withTarget = 0, below = 0
            var levelSum = 0, shortfall = 0
            for person in members {
                let estimate = input.estimates[person.id]?[competency.id]
                if let estimate {
                    distribution[min(4, max(0, estimate.level - 1))] += 1
                    levelSum += estimate.level
                } else {
                    unmeasured += 1
                }
                if let target = person.role.flatMap({ input.roleTargets[$0]?[competency.id] }) {
                    withTarget += 1
                    let level = estimate?.level ?? 0
                    if level >= target { atTarget += 1 } else if estimate != nil {
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

        var completion = GroupReport.Completion()
        for person in members {
            for c in input.completion[person.id] ?? [] {
                switch c.state {
                case "on-time": completion.onTime += 1
                case "late": completion.late += 1
                case "overdue": completion.overdue += 1
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
            let people = members.filter { row.ids.contains($0.id) }
            var at = 0, with = 0, overdue = 0
            var means: [Double?] = []
            for competency in input.competencies {
                var sum = 0, n = 0
                for person in people {
                    if let e = input.estimates[person.id]?[competency.id] { sum += e.level; n += 1 }
                    if let target = person.role.flatMap({ input.roleTargets[$0]?[competency.id] }) {
                        with += 1
                        if (input.estimates[person.id]?[competency.id]?.level ?? 0) >= target { at += 1 }
                    }
                }
                means.append(n == 0 ? nil : Double(sum) / Double(n))
            }
            for person in people { overdue += (input.completion[person.id] ?? []).filter { $0.state == "overdue" }.count }
            return .init(name: row.name, people: people.count, shareAtTarget: with == 0 ? nil : Double(at) / Double(with),
                         overdue: overdue, meanLevels: means)
        }
        let memberRows: [GroupReport.PersonRow] = listMembers ? members.sorted { $0.name < $1.name }.map { person in
            let estimates = input.estimates[person.id] ?? [:]
            return .init(id: person.login, name: person.name, role: person.role,
                         levels: input.competencies.map { estimates[$0.id]?.level },
                         targets: input.competencies.map { c in person.role.flatMap { input.roleTargets[$0]?[c.id] } },
                         responses: estimates.values.reduce(0) { $0 + $1.responses })
        } : []
        return GroupReport(title: title, generatedAt: input.now, people: members.count,
                           measuredPeople: members.filter { !(input.estimates[$0.id]?.isEmpty ?? true) }.count,
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
}
