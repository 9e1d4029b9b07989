/// What calibration found: parameters per item, and how the EM run went.
public struct CalibrationResult: Sendable, Hashable {
    /// One entry per item of the bank, in bank order.
    public var items: [CalibratedItem]
    /// EM cycles run.
    public var iterations: Int
    /// Whether the largest parameter change fell below the tolerance.
    public var converged: Bool
    /// Marginal log-likelihood of the data (without the item priors) at the last E-step.
    public var logLikelihood: Double

    public init(items: [CalibratedItem], iterations: Int, converged: Bool, logLikelihood: Double) {
        self.items = items
        self.iterations = iterations
        self.converged = converged
        self.logLikelihood = logLikelihood
    }
}

/// Calibration's verdict on one item.
public struct CalibratedItem: Sendable, Hashable, Codable {
    /// Estimated parameters when `calibrated`; otherwise the fixed parameters it was given, if any.
    public var parameters: IRTParameters?
    public var responses: Int
    /// Whether the item had enough responses and its parameters were estimated.
    public var calibrated: Bool

    public init(parameters: IRTParameters?, responses: Int, calibrated: Bool) {
        self.parameters = parameters
        self.responses = responses
        self.calibrated = calibrated
    }
}
