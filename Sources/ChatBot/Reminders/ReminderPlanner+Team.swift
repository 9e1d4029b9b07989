import Foundation

extension ReminderPlanner {
    /// One reminder per maturity model a unit channel's unit has not assessed this quarter.
    func maturityReminders(for channel: ReminderInput.Channel, input: ReminderInput) -> [PlannedReminder] {
        guard let unitID = channel.unitID, let unit = input.units.first(where: { $0.id == unitID }) else { return [] }
        let period = ReminderPeriod(timeZone: channel.timeZone)
        let quarter = period.quarterInterval(input.now)
        let label = period.quarter(input.now)
        return input.maturityModels.sorted(by: { $0.id < $1.id }).compactMap { model in
            let submitted = input.maturitySubmissions[unitID]?[model.id] ?? []
            guard !submitted.contains(where: quarter.contains) else { return nil }
            let message = ChatMessage(kind: .maturityDue, title: "Maturity assessment due", paragraphs: [
                "\(unit.name): no \(model.name) assessment has been submitted this quarter (\(label)). "
                    + "An assessor runs 'pmo assess maturity --unit \(unit.code)'.",
            ])
            return PlannedReminder(channel: channel.name, kind: .maturityDue, subject: "unit:\(unit.code)/model:\(model.id)",
                                   period: label, message: message)
        }
    }

    /// The weekly digest of the last complete ISO week: counts only, never a person.
    func digest(for channel: ReminderInput.Channel, members: [ReminderInput.Person], input: ReminderInput) -> PlannedReminder? {
        let period = ReminderPeriod(timeZone: channel.timeZone)
        let week = period.previousWeek(input.now)
        let label = period.week(week.start)
        func inWeek(_ date: Date) -> Bool { date >= week.start && date < week.end }
        let memberIDs = Set(members.map(\.id))
        let lessons = members.reduce(0) { $0 + $1.lessonsCompleted.filter(inWeek).count }
        let reviews = members.reduce(0) { $0 + $1.reviewAnswers.filter(inWeek).count }
        let learners = members.filter { $0.lessonsCompleted.contains(where: inWeek) || $0.reviewAnswers.contains(where: inWeek) }.count
        let assigned = input.assignments.filter { memberIDs.contains($0.personID) }
        let completedInWeek = assigned.filter { $0.completedAt.map(inWeek) ?? false }.count
        let complete = assigned.filter { $0.completedAt != nil }.count
        let overdue = assigned.filter { $0.completedAt == nil && ($0.due.map { $0 < input.now } ?? false) }.count
        let courseIDs = input.courses.map(\.id).sorted()
        var paragraphs = [
            "Week \(label) (\(period.day(week.start)) to \(period.day(week.end.addingTimeInterval(-1)))), \(members.count) "
                + "\(members.count == 1 ? "person" : "people").",
            "Learning: \(learners) of \(members.count) learned; \(lessons) lesson\(lessons == 1 ? "" : "s") completed; "
                + "\(reviews) review question\(reviews == 1 ? "" : "s") answered.",
        ]
        if !assigned.isEmpty {
            paragraphs.append("Assignments: \(complete) of \(assigned.count) complete (\(completedInWeek) this week); \(overdue) overdue.")
        }
        if let previous = channel.previousDigestCourses {
            let known = Set(previous)
            let new = input.courses.filter { !known.contains($0.id) }.sorted { $0.title < $1.title }
            paragraphs.append(new.isEmpty ? "New courses: none." : "New courses: " + new.map { "“\($0.title)”" }.joined(separator: ", ") + ".")
        } else {
            paragraphs.append("Courses available: \(courseIDs.count).")
        }
        guard !members.isEmpty || channel.previousDigestCourses.map({ Set($0) != Set(courseIDs) }) == true else { return nil }
        let team = channel.unitID.flatMap { id in input.units.first { $0.id == id }?.name } ?? "everyone"
        let message = ChatMessage(kind: .digest, title: "Weekly digest: \(team)", paragraphs: paragraphs)
        return PlannedReminder(channel: channel.name, kind: .digest, subject: "team", period: label, message: message,
                               announcedCourses: courseIDs)
    }
}
