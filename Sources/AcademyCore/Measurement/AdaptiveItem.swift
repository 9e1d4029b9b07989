/// An item as adaptive testing sees it: parameters for selection and estimation, lesson and tags for content balancing.
public struct AdaptiveItem: Sendable, Hashable, Identifiable, Codable {
    public var id: String
    public var competency: String
    public var parameters: IRTParameters
    public var lesson: String
    public var tags: [String]

    public init(id: String, competency: String, parameters: IRTParameters, lesson: String = "", tags: [String] = []) {
        self.id = id
        self.competency = competency
        self.parameters = parameters
        self.lesson = lesson
        self.tags = tags
    }

    /// The item from the catalogue, measured with `parameters` (calibrated values) when given, else its own.
    public init(_ item: Item, parameters: IRTParameters? = nil) {
        self.init(id: item.id, competency: item.competency, parameters: parameters ?? item.parameters,
                  lesson: item.lesson, tags: item.tags)
    }
}
