import AcademyReports
import Foundation
import Testing

@Suite("Capability reports")
struct CapabilityReportsTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Three people in two units; two competencies; project managers target level 3 in both.
    var input: CapabilityInput {
        CapabilityInput(
            people: [.init(id: 1, login: "a", name: "Ann", unitID: 10, role: "pm"),
                     .init(id: 2, login: "b", name: "Bob", unitID: 10, role: "pm"),
                     .init(id: 3, login: "c", name: "Cy", unitID: 11, role: nil)],
            units: [.init(id: 9, name: "Top", parentID: nil), .init(id: 10, name: "Left", parentID: 9), .init(id: 11, name: "Right", parentID: 9)],
            competencies: [("risk", "Risk"), ("cost", "Cost")],
            levelNames: ["N", "AB", "C", "P", "E"],
            roleTargets: ["pm": ["risk": 3, "cost": 3]], roleNames: ["pm": "Project manager"],
            estimates: [1: ["risk": .init(theta: 0.1, se: 0.4, responses: 12, level: 3), "cost": .init(theta: -0.8, se: 0.5, responses: 8, level: 2)],
                        2: ["risk": .init(theta: -1.2, se: 0.6, responses: 5, level: 1)],
                        3: ["cost": .init(theta: 1.5, se: 0.3, responses: 20, level: 5)]],
            history: [:],
            completion: [1: [.init(course: "risk", due: now, state: "overdue", lessonsDone: 2, lessons: 6)],
                         2: [.init(course: "risk", due: now, state: "on-time", lessonsDone: 6, lessons: 6)]],
            activity: [1: [0, 3], 3: [2, 0]], activityWeeks: [now.addingTimeInterval(-14 * 86_400), now.addingTimeInterval(-7 * 86_400)],
            courses: ["risk": [("risk", "Risk and uncertainty")], "cost": [("ssc", "Scope, schedule and cost")]], now: now)
    }

    @Test("distributions, targets, gaps, completion, activity and unit rows, computed by hand")
    func group() {
        let report = CapabilityReports.group(input, title: "All", personIDs: [1, 2, 3], listMembers: true,
                                             unitRows: [("Left", [1, 2]), ("Right", [3])])
        let risk = report.competencies[0], cost = report.competencies[1]
        #expect(risk.distribution == [1, 0, 1, 0, 0] && risk.unmeasured == 1)
        #expect(risk.atTarget == 1 && risk.withTarget == 2)
        #expect(cost.distribution == [0, 1, 0, 0, 1] && cost.atTarget == 0 && cost.withTarget == 2)
        #expect(cost.meanLevel == 3.5)
        // Risk: Bob is 2 below (1 vs 3): shortfall 2 / 2 people with a target = 1.0. Cost: Ann 1 below = 0.5 (Bob unmeasured).
        #expect(report.largestGaps.map(\.competency) == ["risk", "cost"])
        #expect(report.largestGaps.first?.meanShortfall == 1.0)
        #expect(report.largestGaps.first?.courses.first?.id == "risk")
        #expect(report.completion.overdue == 1 && report.completion.onTime == 1)
        #expect(report.activity.map(\.answers) == [2, 3] && report.activity.map(\.activePeople) == [1, 1])
        #expect(report.units.map(\.people) == [2, 1])
        #expect(report.units[0].meanLevels == [2.0, 2.0] && report.units[1].meanLevels == [nil, 5.0])
        #expect(report.units[0].shareAtTarget == 0.25)
        #expect(report.members.map(\.id) == ["a", "b", "c"])
        #expect(report.members[1].levels == [1, nil] && report.members[1].targets == [3, 3])
    }

    @Test("only the people in scope count")
    func scoped() {
        let report = CapabilityReports.group(input, title: "Ann only", personIDs: [1], listMembers: false)
        #expect(report.people == 1)
        #expect(report.competencies[0].distribution == [0, 0, 1, 0, 0])
        #expect(report.members.isEmpty)
    }

    @Test("a person's report shows level ± SE, gaps and the courses that close them")
    func person() throws {
        let report = try #require(CapabilityReports.person(input, id: 1, unitName: "Left"))
        #expect(report.competencies[0].gap == nil && report.competencies[0].se == 0.4)
        #expect(report.competencies[1].gap == 1)
        #expect(report.coursesToClose.map(\.id) == ["ssc"])
        #expect(report.text().contains("2 Advanced beginner") == false, "level names come from the input")
        #expect(report.text().contains("2 AB"))
    }
}
