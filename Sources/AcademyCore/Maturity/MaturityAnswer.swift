/// One assessor's answer to one criterion of a maturity model.
///
/// The scorer combines the answers of several assessors per criterion (see
/// `MaturityScorer`); an assessor who answers the same criterion twice keeps the later answer.
public struct MaturityAnswer: Sendable, Hashable, Codable {
    /// The id of the criterion answered (`gov-2-1`).
    public var criterion: String
    /// The id of the scale point chosen (`largely`).
    public var point: String
    /// The assessor's evidence note, if any.
    public var note: String?
    /// Who gave the answer (a person id).
    public var assessor: String

    public init(criterion: String, point: String, note: String? = nil, assessor: String) {
        self.criterion = criterion
        self.point = point
        self.note = note
        self.assessor = assessor
    }
}
