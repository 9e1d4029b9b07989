import Foundation

/// Which channels reach a person, and which people a channel's digest counts.
///
/// A person's reminders go to the channels of their own unit; when it has none, to those of the
/// nearest unit above it that has one; when no unit on the way up has one, to the organisation's
/// channels (channels without a unit).
struct ReminderRouting: Sendable {
    private let parent: [Int64: Int64]
    private let channelsByUnit: [Int64: [ReminderInput.Channel]]
    private let organisationChannels: [ReminderInput.Channel]
    private let knownUnits: Set<Int64>

    init(_ input: ReminderInput) {
        var parent: [Int64: Int64] = [:]
        for unit in input.units { if let up = unit.parentID { parent[unit.id] = up } }
        self.parent = parent
        knownUnits = Set(input.units.map(\.id))
        var byUnit: [Int64: [ReminderInput.Channel]] = [:]
        var organisation: [ReminderInput.Channel] = []
        for channel in input.channels.sorted(by: { $0.name < $1.name }) {
            if let unit = channel.unitID, knownUnits.contains(unit) {
                byUnit[unit, default: []].append(channel)
            } else {
                organisation.append(channel)
            }
        }
        channelsByUnit = byUnit
        organisationChannels = organisation
    }

    /// The unit and the units above it, nearest first (cycles cut).
    func lineage(of unit: Int64?) -> [Int64] {
        var result: [Int64] = []
        var current = unit
        while let id = current, !result.contains(id) {
            result.append(id)
            current = parent[id]
        }
        return result
    }

    /// The channels a person's reminders go to.
    func channels(for person: ReminderInput.Person) -> [ReminderInput.Channel] {
        for unit in lineage(of: person.unitID) {
            if let channels = channelsByUnit[unit], !channels.isEmpty { return channels }
        }
        return organisationChannels
    }

    /// The people a channel speaks for: its unit and every unit below it, or everyone.
    func members(of channel: ReminderInput.Channel, among people: [ReminderInput.Person]) -> [ReminderInput.Person] {
        guard let unit = channel.unitID, knownUnits.contains(unit) else { return people }
        return people.filter { lineage(of: $0.unitID).contains(unit) }
    }
}
