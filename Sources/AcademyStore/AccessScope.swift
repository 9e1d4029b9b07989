/// What one viewer may see: the single place every report asks.
///
/// A learner sees only themselves; a manager sees the people of their unit and every unit
/// below it (and their direct reports wherever they sit); an admin sees everything.
public struct AccessScope: Sendable, Equatable {
    public let viewer: String
    public let access: AccessRole
    /// People the viewer may see.
    public let personIDs: Set<Int64>
    /// Units the viewer may see (whole units: aggregates over them are allowed).
    public let unitIDs: Set<Int64>

    public init(viewer: Person, people: [Person], units: [OrgUnit]) {
        self.viewer = viewer.login
        access = viewer.access
        switch viewer.access {
        case .admin:
            personIDs = Set(people.compactMap(\.id))
            unitIDs = Set(units.compactMap(\.id))
        case .manager:
            var scope: Set<Int64> = []
            if let root = viewer.unitID {
                scope.insert(root)
                var grew = true
                while grew {
                    grew = false
                    for unit in units {
                        if let id = unit.id, let parent = unit.parentID, scope.contains(parent), scope.insert(id).inserted { grew = true }
                    }
                }
            }
            unitIDs = scope
            personIDs = Set(people.filter { person in
                person.id == viewer.id || person.manager == viewer.login || person.unitID.map(scope.contains) == true
            }.compactMap(\.id))
        case .learner:
            unitIDs = []
            personIDs = viewer.id.map { [$0] } ?? []
        }
    }

    public func canSee(person: Person) -> Bool { person.id.map(personIDs.contains) ?? false }

    public func canSee(unit: OrgUnit) -> Bool { unit.id.map(unitIDs.contains) ?? false }

    /// Whether the viewer may see the whole organisation's aggregates.
    public var seesOrganisation: Bool { access == .admin }
}
