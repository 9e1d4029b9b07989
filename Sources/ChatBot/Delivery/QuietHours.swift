import Foundation

/// A daily span, such as `20:00-08:00`, during which a channel receives nothing; messages wait.
///
/// Read in the channel's time zone; a span whose end is before its start runs over midnight.
public struct QuietHours: Sendable, Equatable, CustomStringConvertible {
    /// Minutes after midnight when the quiet span starts.
    public var start: Int
    /// Minutes after midnight when it ends.
    public var end: Int

    /// Parses `HH:MM-HH:MM` (24-hour clock); nil when malformed or empty (start equals end).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end else { return nil }
        self.start = start
        self.end = end
    }

    private static func minutes(_ text: Substring) -> Int? {
        let pieces = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces[0].count == 2, pieces[1].count == 2,
              let hour = Int(pieces[0]), let minute = Int(pieces[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    public var description: String {
        String(format: "%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60)
    }

    /// True when `minute` (after local midnight) falls in the span.
    func contains(minute: Int) -> Bool {
        start < end ? (start <= minute && minute < end) : (minute >= start || minute < end)
    }

    /// When the quiet span around `date` ends, or nil when `date` is not in quiet hours.
    public func end(containing date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        guard let hour = parts.hour, let minute = parts.minute, contains(minute: hour * 60 + minute) else { return nil }
        return calendar.nextDate(after: date, matching: DateComponents(hour: end / 60, minute: end % 60, second: 0),
                                 matchingPolicy: .nextTime)
    }
}
