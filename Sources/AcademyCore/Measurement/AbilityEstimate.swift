/// An ability estimate: θ, its standard error, and how many responses it rests on.
public struct AbilityEstimate: Sendable, Hashable, Codable {
    /// Ability on the θ scale (mean 0, SD 1 in the reference population).
    public var theta: Double
    /// Standard error: the posterior standard deviation (EAP) or 1/√(information + prior precision) (MAP).
    public var se: Double
    /// Number of responses behind the estimate; a level from three answers is a guess, and reports must say so.
    public var responses: Int

    public init(theta: Double, se: Double, responses: Int) {
        self.theta = theta
        self.se = se
        self.responses = responses
    }
}
