import Foundation

/// The periods reminder keys are made of — a day, an ISO week, a quarter — in a channel's time zone.
public struct ReminderPeriod: Sendable {
    /// The zone the periods are counted in.
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    /// `2026-03-15`.
    public func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `2026-W11` (ISO 8601 week, Monday first).
    public func week(_ date: Date) -> String {
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
    }

    /// `2026-Q1`.
    public func quarter(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return "\(String(format: "%04d", parts.year ?? 0))-Q\(((parts.month ?? 1) - 1) / 3 + 1)"
    }

    /// The quarter that contains `date`, from its first midnight to the next quarter's.
    public func quarterInterval(_ date: Date) -> DateInterval {
        let parts = calendar.dateComponents([.year, .month], from: date)
        let firstMonth = ((parts.month ?? 1) - 1) / 3 * 3 + 1
        let start = calendar.date(from: DateComponents(year: parts.year, month: firstMonth, day: 1)) ?? date
        let end = calendar.date(byAdding: .month, value: 3, to: start) ?? date
        return DateInterval(start: start, end: end)
    }

    /// The ISO week before the one containing `date`, Monday midnight to Monday midnight.
    public func previousWeek(_ date: Date) -> DateInterval {
        let current = calendar.dateInterval(of: .weekOfYear, for: date) ?? DateInterval(start: date, duration: 0)
        let start = calendar.date(byAdding: .day, value: -7, to: current.start) ?? current.start
        return DateInterval(start: start, end: current.start)
    }
}
