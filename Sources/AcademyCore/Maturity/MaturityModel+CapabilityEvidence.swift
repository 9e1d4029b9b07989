extension MaturityModel.CapabilityRequirement {
    /// Measures this requirement against people's proficiency levels.
    ///
    /// Counts the people with `role` (everyone when `role` is nil) and, among them, those who
    /// reach `minimumLevel` in every listed competency. A person without a level for a listed
    /// competency does not reach it. Pure and order-independent.
    public func measure(_ people: [PersonCapability]) -> MaturityCapabilityEvidence {
        let counted = people.filter { role == nil || $0.role == role }
        var meeting = 0
        var withoutEstimate = 0
        for person in counted {
            if competencies.contains(where: { person.levels[$0] == nil }) { withoutEstimate += 1 }
            if competencies.allSatisfy({ (person.levels[$0] ?? Int.min) >= minimumLevel }) { meeting += 1 }
        }
        return MaturityCapabilityEvidence(competencies: competencies, role: role, minimumLevel: minimumLevel,
                                          requiredShare: share, people: counted.count, meeting: meeting,
                                          withoutEstimate: withoutEstimate)
    }
}
