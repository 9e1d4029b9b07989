import Foundation

extension ReminderPlanner {
    /// Reviews due, assignments due soon or overdue, and inactivity, for one person in one channel.
    func personalReminders(for person: ReminderInput.Person, assignments: [ReminderInput.Assignment],
                           channel: ReminderInput.Channel, now: Date) -> [PlannedReminder] {
        let period = ReminderPeriod(timeZone: channel.timeZone)
        let mention = Self.mention(person, on: channel.platform)
        var result: [PlannedReminder] = []
        if person.reviewsDue > 0 {
            let count = person.reviewsDue
            let minutes = max(1, Int((Double(count) * 0.5).rounded(.up)))
            let message = ChatMessage(kind: .reviewsDue, title: "Reviews due", paragraphs: [
                "\(person.name): \(count) question\(count == 1 ? " is" : "s are") due for review (about \(minutes) minute\(minutes == 1 ? "" : "s")). Run 'pmo review'.",
            ], mentions: [mention])
            result.append(PlannedReminder(channel: channel.name, kind: .reviewsDue, subject: "person:\(person.login)",
                                          period: period.day(now), message: message))
        }
        for assignment in assignments.sorted(by: { $0.courseID < $1.courseID }) {
            guard assignment.completedAt == nil, let due = assignment.due else { continue }
            let course = assignment.confidential ? "a confidential course" : "“\(assignment.courseTitle)”"
            let command = assignment.confidential ? "'pmo learn'" : "'pmo learn \(assignment.courseID)'"
            let dueDay = period.day(due)
            if due < now {
                let message = ChatMessage(kind: .assignmentsDue, title: "Assignment overdue", paragraphs: [
                    "\(person.name): \(course) was due on \(dueDay) and is not complete yet. Continue with \(command).",
                ], mentions: [mention])
                result.append(PlannedReminder(channel: channel.name, kind: .assignmentsDue,
                                              subject: "person:\(person.login)/course:\(assignment.courseID)/overdue",
                                              period: period.week(now), message: message))
            } else if due.timeIntervalSince(now) <= dueSoonWindow {
                let message = ChatMessage(kind: .assignmentsDue, title: "Assignment due soon", paragraphs: [
                    "\(person.name): \(course) is due on \(dueDay). Continue with \(command).",
                ], mentions: [mention])
                result.append(PlannedReminder(channel: channel.name, kind: .assignmentsDue,
                                              subject: "person:\(person.login)/course:\(assignment.courseID)/due-soon",
                                              period: dueDay, message: message))
            }
        }
        let since = person.lastActivity ?? person.joinedAt
        if now.timeIntervalSince(since) >= inactivityThreshold {
            let days = Int(now.timeIntervalSince(since) / 86_400)
            let text = person.lastActivity == nil
                ? "\(person.name): no learning yet, \(days) days after joining. Start with 'pmo learn'."
                : "\(person.name): no learning for \(days) days. Pick up where you left off with 'pmo learn'."
            let message = ChatMessage(kind: .inactivity, title: "Time to learn", paragraphs: [text], mentions: [mention])
            result.append(PlannedReminder(channel: channel.name, kind: .inactivity, subject: "person:\(person.login)",
                                          period: period.week(now), message: message))
        }
        return result
    }
}
