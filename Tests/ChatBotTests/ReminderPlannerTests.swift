import AcademyStore
import ChatBot
import Foundation
import Testing

/// A UTC date from its parts.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

/// An organisation for planner tests: org → pmo → delivery, org → sales; a Slack channel for pmo, a
/// Discord channel for everyone; now is Wednesday 2026-03-18 09:00 UTC (ISO week 12).
struct ReminderScenario {
    var now = utc(2026, 3, 18, 9)
    var people: [ReminderInput.Person]
    var units = [
        ReminderInput.Unit(id: 1, code: "org", name: "Organisation", parentID: nil),
        ReminderInput.Unit(id: 2, code: "pmo", name: "PMO", parentID: 1),
        ReminderInput.Unit(id: 3, code: "delivery", name: "Delivery", parentID: 2),
        ReminderInput.Unit(id: 4, code: "sales", name: "Sales", parentID: 1),
    ]
    var channels = [
        ReminderInput.Channel(name: "pmo-team", unitID: 2, platform: .slack),
        ReminderInput.Channel(name: "everyone", unitID: nil, platform: .discord, previousDigestCourses: ["risk"]),
    ]
    var assignments: [ReminderInput.Assignment]

    init() {
        let now = utc(2026, 3, 18, 9)
        people = [
            .init(id: 1, login: "ada", name: "Ada Lovelace", unitID: 3, chat: ["slack": "U0ADA1234", "discord": "123456789012345678"],
                  joinedAt: utc(2025, 1, 1), lastActivity: now.addingTimeInterval(-86_400), reviewsDue: 5,
                  lessonsCompleted: [utc(2026, 3, 10, 12), utc(2026, 3, 11, 12), utc(2026, 3, 17)], reviewAnswers: [utc(2026, 3, 12), utc(2026, 3, 12, 1)]),
            .init(id: 2, login: "bob", name: "Bob", unitID: 4, chat: ["discord": "223456789012345678"], joinedAt: utc(2025, 1, 1),
                  lastActivity: now.addingTimeInterval(-20 * 86_400)),
            .init(id: 3, login: "cy", name: "Cy", unitID: 2, chat: ["slack": "U0CY12345"], joinedAt: utc(2025, 1, 1),
                  lastActivity: now.addingTimeInterval(-3600), lessonsCompleted: [utc(2026, 3, 9, 8)]),
        ]
        assignments = [
            .init(personID: 3, courseID: "risk", courseTitle: "Risk basics", due: now.addingTimeInterval(2 * 86_400)),
            .init(personID: 3, courseID: "scope", courseTitle: "Scope control", due: now.addingTimeInterval(-86_400)),
            .init(personID: 3, courseID: "done", courseTitle: "Done course", due: now.addingTimeInterval(-86_400), completedAt: utc(2026, 3, 10)),
            .init(personID: 3, courseID: "secret", courseTitle: "Secret merger", confidential: true, due: now.addingTimeInterval(86_400)),
            .init(personID: 3, courseID: "later", courseTitle: "Later", due: now.addingTimeInterval(10 * 86_400)),
        ]
    }

    func input(at date: Date? = nil) -> ReminderInput {
        ReminderInput(now: date ?? now, people: people, units: units, channels: channels, assignments: assignments,
                      courses: [.init(id: "risk", title: "Risk basics"), .init(id: "scope", title: "Scope control")],
                      maturityModels: [.init(id: "pmo-maturity", name: "PMO maturity")],
                      maturitySubmissions: [2: ["pmo-maturity": [utc(2025, 12, 1)]]])
    }
}

@Suite("Reminder planning")
struct ReminderPlannerTests {
    let plan = ReminderPlanner().plan(ReminderScenario().input())

    func reminder(_ key: String) -> PlannedReminder? { plan.reminders.first { $0.idempotencyKey == key } }

    @Test("keys are (channel, kind, subject, period); the plan is deterministic")
    func keys() {
        #expect(plan.reminders.map(\.idempotencyKey) == [
            "everyone|digest|team|2026-W11",
            "everyone|inactivity|person:bob|2026-W12",
            "pmo-team|assignments-due|person:cy/course:risk/due-soon|2026-03-20",
            "pmo-team|assignments-due|person:cy/course:scope/overdue|2026-W12",
            "pmo-team|assignments-due|person:cy/course:secret/due-soon|2026-03-19",
            "pmo-team|digest|team|2026-W11",
            "pmo-team|maturity-due|unit:pmo/model:pmo-maturity|2026-Q1",
            "pmo-team|reviews-due|person:ada|2026-03-18",
        ])
        #expect(ReminderPlanner().plan(ReminderScenario().input()) == plan)
        #expect(plan.unreachable.isEmpty)
    }

    @Test("personal reminders go to the nearest unit's channel and mention the handle of that platform")
    func routingAndMentions() throws {
        let reviews = try #require(reminder("pmo-team|reviews-due|person:ada|2026-03-18"))
        #expect(reviews.message.mentions == [ChatMention(handle: "U0ADA1234", name: "Ada Lovelace")])
        #expect(reviews.message.paragraphs.first?.contains("5 questions are due") == true)
        let slack = SlackFormat().payloads(for: reviews.message).first?.text ?? ""
        #expect(slack.contains("<@U0ADA1234>"))
        let inactive = try #require(reminder("everyone|inactivity|person:bob|2026-W12"))
        #expect(inactive.message.mentions == [ChatMention(handle: "223456789012345678", name: "Bob")], "Discord handle on the Discord channel")
        #expect(inactive.message.paragraphs.first?.contains("no learning for 20 days") == true)
    }

    @Test("assignments: due within 3 days and overdue; completed and later ones are quiet; confidential titles are not named")
    func assignments() throws {
        let secret = try #require(reminder("pmo-team|assignments-due|person:cy/course:secret/due-soon|2026-03-19"))
        let text = secret.message.paragraphs.joined()
        #expect(text.contains("a confidential course") && !text.contains("Secret merger"))
        #expect(reminder("pmo-team|assignments-due|person:cy/course:scope/overdue|2026-W12")?.message.title == "Assignment overdue")
        #expect(!plan.reminders.contains { $0.subject.contains("course:done") || $0.subject.contains("course:later") })
    }

    @Test("the digest sums up last week with counts only and names no one")
    func digest() throws {
        let digest = try #require(reminder("pmo-team|digest|team|2026-W11"))
        let text = digest.message.paragraphs.joined(separator: "\n")
        #expect(text.contains("2 people"))
        #expect(text.contains("2 of 2 learned; 3 lessons completed; 2 review questions answered"), "\(text)")
        #expect(text.contains("Assignments: 1 of 5 complete (1 this week); 1 overdue."), "\(text)")
        #expect(text.contains("Courses available: 2."), "first digest: nothing is announced as new")
        #expect(digest.message.mentions.isEmpty)
        for person in ReminderScenario().people {
            #expect(!text.contains(person.name) && !text.contains(person.login), "\(person.login) named in the digest")
        }
        let everyone = try #require(reminder("everyone|digest|team|2026-W11"))
        #expect(everyone.message.paragraphs.joined().contains("New courses: “Scope control”."))
        #expect(everyone.announcedCourses == ["risk", "scope"])
    }

    @Test("maturity assessment: due once a quarter until one is submitted")
    func maturity() {
        var scenario = ReminderScenario()
        #expect(reminder("pmo-team|maturity-due|unit:pmo/model:pmo-maturity|2026-Q1") != nil)
        let submitted = ReminderInput(now: scenario.now, people: scenario.people, units: scenario.units, channels: scenario.channels,
                                      maturityModels: [.init(id: "pmo-maturity", name: "PMO maturity")],
                                      maturitySubmissions: [2: ["pmo-maturity": [utc(2026, 2, 1)]]])
        #expect(!ReminderPlanner().plan(submitted).reminders.contains { $0.kind == .maturityDue })
        scenario.now = utc(2026, 4, 2)
        #expect(ReminderPlanner().plan(scenario.input(at: utc(2026, 4, 2))).reminders.contains {
            $0.idempotencyKey == "pmo-team|maturity-due|unit:pmo/model:pmo-maturity|2026-Q2"
        })
    }

    @Test("later the same day nothing changes; the next day only daily reminders get new keys")
    func periods() {
        let keys = Set(plan.reminders.map(\.idempotencyKey))
        let evening = Set(ReminderPlanner().plan(ReminderScenario().input(at: utc(2026, 3, 18, 20))).reminders.map(\.idempotencyKey))
        #expect(evening == keys)
        let tomorrow = Set(ReminderPlanner().plan(ReminderScenario().input(at: utc(2026, 3, 19, 9))).reminders.map(\.idempotencyKey))
        #expect(tomorrow.subtracting(keys) == ["pmo-team|reviews-due|person:ada|2026-03-19"], "\(tomorrow.subtracting(keys))")
    }

    @Test("people whose units have no channel anywhere up the tree are reported, not lost silently")
    func unreachable() {
        var scenario = ReminderScenario()
        scenario.channels.removeAll { $0.unitID == nil }
        let plan = ReminderPlanner().plan(scenario.input())
        #expect(plan.unreachable == ["bob"])
    }

    @Test("periods are counted in the channel's time zone")
    func timeZones() throws {
        let tokyo = ReminderPeriod(timeZone: try #require(TimeZone(identifier: "Asia/Tokyo")))
        let late = utc(2026, 3, 22, 16)  // Sunday 16:00 UTC = Monday 01:00 in Tokyo
        #expect(tokyo.day(late) == "2026-03-23")
        #expect(tokyo.week(late) == "2026-W13")
        #expect(ReminderPeriod(timeZone: DeliveryChannel.utc).week(late) == "2026-W12")
        #expect(tokyo.quarter(utc(2026, 3, 31, 16)) == "2026-Q2")
        let previous = ReminderPeriod(timeZone: DeliveryChannel.utc).previousWeek(utc(2026, 3, 18, 9))
        #expect(previous.start == utc(2026, 3, 9) && previous.end == utc(2026, 3, 16))
    }
}
