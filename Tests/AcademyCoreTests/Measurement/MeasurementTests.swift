/// The namespace of the measurement suites, so that `swift test --filter Measurement` selects them all.
enum MeasurementTests {}
