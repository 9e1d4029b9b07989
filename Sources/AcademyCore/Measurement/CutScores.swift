/// Cut scores on the θ scale that divide it into proficiency levels 1…(cuts + 1).
///
/// Used where no competency framework is at hand (`pmo measure estimate` without `--content`);
/// with content, use `Competency.level(forTheta:)`.
public struct CutScores: Sendable, Hashable, Codable {
    /// The lowest θ of levels 2, 3, …, ascending.
    public var cuts: [Double]
    /// A name per level, lowest first.
    public var names: [String]

    public init(cuts: [Double], names: [String]) {
        self.cuts = cuts
        self.names = names
    }

    /// −1.0, −0.25, 0.5, 1.25 for the five Dreyfus levels.
    public static let `default` = CutScores(
        cuts: [-1.0, -0.25, 0.5, 1.25],
        names: ["Novice", "Advanced beginner", "Competent", "Proficient", "Expert"])

    /// The level (1-based) reached at θ.
    public func level(forTheta theta: Double) -> Int {
        1 + cuts.filter { theta >= $0 }.count
    }

    /// The name of `level`, or "level N" when no name is known.
    public func name(ofLevel level: Int) -> String {
        level >= 1 && level <= names.count ? names[level - 1] : "level \(level)"
    }
}
