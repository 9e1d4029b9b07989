/// The namespace of the scheduling suites, so that `swift test --filter Scheduling` selects them all.
enum SchedulingTests {}
