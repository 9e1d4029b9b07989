extension MaturityReport {
    /// A course and the improvement-plan criteria it teaches.
    public struct PlanCourse: Sendable, Equatable {
        public var course: CourseRef
        /// Criterion ids of the plan the course teaches, in plan order.
        public var criteria: [String]
    }

    /// The courses of the improvement plan, those that teach the most criteria first.
    ///
    /// Ties keep the order of first mention in the plan. Derived; not part of the JSON.
    public var planCourses: [PlanCourse] {
        var order: [String] = []
        var byID: [String: PlanCourse] = [:]
        for step in improvementPlan.flatMap(\.steps) {
            for course in step.courses {
                if byID[course.id] == nil {
                    order.append(course.id)
                    byID[course.id] = PlanCourse(course: course, criteria: [])
                }
                if byID[course.id]?.criteria.contains(step.criterion) == false {
                    byID[course.id]?.criteria.append(step.criterion)
                }
            }
        }
        return order.enumerated().compactMap { index, id in byID[id].map { (index, $0) } }
            .sorted { ($1.1.criteria.count, $0.0) < ($0.1.criteria.count, $1.0) }
            .map(\.1)
    }
}
