extension MaturityReport {
    /// The model the result was scored against.
    public struct ModelInfo: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var version: String
        /// The scale point id a criterion needs to count as met.
        public var threshold: String
        /// The answer scale, lowest first.
        public var scale: [ScalePoint]
        /// Level numbers and names, 1…5.
        public var levels: [Level]

        public init(id: String, name: String, version: String, threshold: String, scale: [ScalePoint], levels: [Level]) {
            self.id = id
            self.name = name
            self.version = version
            self.threshold = threshold
            self.scale = scale
            self.levels = levels
        }
    }

    /// One point of the answer scale.
    public struct ScalePoint: Sendable, Codable, Equatable {
        public var id: String
        public var label: String
        public var value: Double

        public init(id: String, label: String, value: Double) {
            self.id = id
            self.label = label
            self.value = value
        }
    }

    /// A level number and its name.
    public struct Level: Sendable, Codable, Equatable {
        public var number: Int
        public var name: String

        public init(number: Int, name: String) {
            self.number = number
            self.name = name
        }
    }

    /// A dimension named by id and name.
    public struct DimensionRef: Sendable, Codable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The weakest-link headline.
    public struct Headline: Sendable, Codable, Equatable {
        /// Always "weakest-link": the lowest staged level of any dimension (as CMMI rates).
        public var rule: String
        public var level: Int
        public var name: String
        /// "Level 2 Repeatable — the lowest of the seven dimensions (weakest link, as CMMI rates)".
        public var statement: String
        /// Which dimensions hold the headline at its level, and why, in one sentence.
        public var heldBackStatement: String?
        /// How many dimensions were rated.
        public var dimensionCount: Int
        /// The dimensions at the headline level; empty at level 5.
        public var heldBackBy: [DimensionRef]
        /// The headline of the previous assessment, when given.
        public var previousLevel: Int?

        public init(rule: String = "weakest-link", level: Int, name: String, statement: String,
                    heldBackStatement: String?, dimensionCount: Int, heldBackBy: [DimensionRef], previousLevel: Int?) {
            self.rule = rule
            self.level = level
            self.name = name
            self.statement = statement
            self.heldBackStatement = heldBackStatement
            self.dimensionCount = dimensionCount
            self.heldBackBy = heldBackBy
            self.previousLevel = previousLevel
        }
    }

    /// OPM3-style coverage: the share of all criteria, of every level, met at the threshold.
    public struct Coverage: Sendable, Codable, Equatable {
        public var met: Int
        public var total: Int
        /// `100 × met / total`, one decimal.
        public var percent: Double
        /// The same percentage in the previous assessment, when given.
        public var previousPercent: Double?

        public init(met: Int, total: Int, percent: Double, previousPercent: Double?) {
            self.met = met
            self.total = total
            self.percent = percent
            self.previousPercent = previousPercent
        }
    }

    /// One dimension's staged level, continuous score and coverage.
    public struct Dimension: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        /// The staged level 1…5.
        public var level: Int
        public var levelName: String
        /// The continuous score 1.00…5.00.
        public var score: Double
        public var coverage: Coverage
        /// Whether this dimension is at the headline (weakest-link) level and below 5.
        public var holdsHeadline: Bool
        /// How many criteria of the next level are unmet.
        public var unmetAtNextLevel: Int
        public var previousLevel: Int?
        public var previousScore: Double?

        public init(id: String, name: String, level: Int, levelName: String, score: Double, coverage: Coverage,
                    holdsHeadline: Bool, unmetAtNextLevel: Int, previousLevel: Int?, previousScore: Double?) {
            self.id = id
            self.name = name
            self.level = level
            self.levelName = levelName
            self.score = score
            self.coverage = coverage
            self.holdsHeadline = holdsHeadline
            self.unmetAtNextLevel = unmetAtNextLevel
            self.previousLevel = previousLevel
            self.previousScore = previousScore
        }
    }

    /// A course, with its title when the catalog knows it.
    public struct CourseRef: Sendable, Codable, Equatable {
        public var id: String
        public var title: String?

        public init(id: String, title: String?) {
            self.id = id
            self.title = title
        }
    }

    /// One assessor's answer to a criterion.
    public struct AssessorAnswer: Sendable, Codable, Equatable {
        public var assessor: String
        public var point: String
        public var label: String
        public var note: String?

        public init(assessor: String, point: String, label: String, note: String?) {
            self.assessor = assessor
            self.point = point
            self.label = label
            self.note = note
        }
    }

    /// Measured capability evidence shown beside a criterion's answers.
    public struct Capability: Sendable, Codable, Equatable {
        public var competencies: [String]
        public var role: String?
        public var minimumLevel: Int
        /// The share of people required, 0…1.
        public var requiredShare: Double
        /// The share measured, 0…1 (two decimals); nil when nobody is counted.
        public var share: Double?
        public var people: Int
        public var meeting: Int
        public var withoutEstimate: Int
        public var met: Bool

        public init(competencies: [String], role: String?, minimumLevel: Int, requiredShare: Double, share: Double?,
                    people: Int, meeting: Int, withoutEstimate: Int, met: Bool) {
            self.competencies = competencies
            self.role = role
            self.minimumLevel = minimumLevel
            self.requiredShare = requiredShare
            self.share = share
            self.people = people
            self.meeting = meeting
            self.withoutEstimate = withoutEstimate
            self.met = met
        }
    }

    /// An unmet criterion that holds the headline at its level.
    public struct Blocker: Sendable, Codable, Equatable {
        public var dimension: String
        public var dimensionName: String
        public var criterion: String
        /// The level the criterion belongs to (the headline level + 1).
        public var level: Int
        public var text: String
        /// What an assessor should look for.
        public var evidenceHint: String
        /// The combined (lower median) answer as scored; nil when unanswered.
        public var answer: String?
        public var answerLabel: String?
        public var answers: [AssessorAnswer]
        /// Highest minus lowest answer, in scale steps.
        public var spread: Int
        public var capability: Capability?
        /// Whether unmet capability evidence lowered the answer below the threshold.
        public var cappedByCapability: Bool
        public var courses: [CourseRef]

        public init(dimension: String, dimensionName: String, criterion: String, level: Int, text: String,
                    evidenceHint: String, answer: String?, answerLabel: String?, answers: [AssessorAnswer],
                    spread: Int, capability: Capability?, cappedByCapability: Bool, courses: [CourseRef]) {
            self.dimension = dimension
            self.dimensionName = dimensionName
            self.criterion = criterion
            self.level = level
            self.text = text
            self.evidenceHint = evidenceHint
            self.answer = answer
            self.answerLabel = answerLabel
            self.answers = answers
            self.spread = spread
            self.capability = capability
            self.cappedByCapability = cappedByCapability
            self.courses = courses
        }
    }

    /// One assessment in the trend.
    public struct TrendPoint: Sendable, Codable, Equatable {
        /// ISO day in UTC.
        public var date: String
        public var headline: Int
        /// Coverage percentage, one decimal.
        public var coverage: Double
        public var dimensions: [TrendDimension]

        public init(date: String, headline: Int, coverage: Double, dimensions: [TrendDimension]) {
            self.date = date
            self.headline = headline
            self.coverage = coverage
            self.dimensions = dimensions
        }
    }

    /// One dimension at one assessment of the trend.
    public struct TrendDimension: Sendable, Codable, Equatable {
        public var id: String
        public var level: Int
        public var score: Double

        public init(id: String, level: Int, score: Double) {
            self.id = id
            self.level = level
            self.score = score
        }
    }

    /// What one dimension needs for its next level.
    public struct PlanDimension: Sendable, Codable, Equatable {
        public var dimension: String
        public var name: String
        public var currentLevel: Int
        public var targetLevel: Int
        public var targetLevelName: String
        public var steps: [PlanStep]

        public init(dimension: String, name: String, currentLevel: Int, targetLevel: Int, targetLevelName: String,
                    steps: [PlanStep]) {
            self.dimension = dimension
            self.name = name
            self.currentLevel = currentLevel
            self.targetLevel = targetLevel
            self.targetLevelName = targetLevelName
            self.steps = steps
        }
    }

    /// One unmet criterion to bring to the threshold, with the courses that teach it.
    public struct PlanStep: Sendable, Codable, Equatable {
        public var criterion: String
        public var level: Int
        public var text: String
        public var answer: String?
        public var answerLabel: String?
        public var courses: [CourseRef]

        public init(criterion: String, level: Int, text: String, answer: String?, answerLabel: String?,
                    courses: [CourseRef]) {
            self.criterion = criterion
            self.level = level
            self.text = text
            self.answer = answer
            self.answerLabel = answerLabel
            self.courses = courses
        }
    }

    /// Criteria of one dimension that nobody answered.
    public struct Missing: Sendable, Codable, Equatable {
        public var dimension: String
        public var name: String
        public var criteria: [String]

        public init(dimension: String, name: String, criteria: [String]) {
            self.dimension = dimension
            self.name = name
            self.criteria = criteria
        }
    }
}
