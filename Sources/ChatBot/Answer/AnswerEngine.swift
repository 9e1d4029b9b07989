import AcademyCore

/// Answers a question from the organisation's own courses: BM25 over lesson sections and item
/// explanations, titles weighted, English stemming and stop words.
///
/// Pure and deterministic: built once from the catalog, then asked any number of times from any thread.
public struct AnswerEngine: Sendable {
    public struct Configuration: Sendable, Equatable, Codable {
        public var bm25: BM25Index.Parameters
        /// How many times a passage's headings (its lesson title and section heading) count against its body.
        public var titleWeight: Int
        /// Reduce words to their stems ("risks" → "risk").
        public var stemming: Bool
        /// The share of the question's weight (Σ idf of its terms) the best passage must contain to be an answer.
        public var threshold: Double
        /// The BM25 score the best passage must reach, in units of the idf of a term no passage has (the largest
        /// idf there is), so that it scales with the size of the content.
        public var minimumScore: Double
        /// A best passage scoring this much (in the same units) answers even below `threshold`: it matches
        /// several of the question's rarer words, and the rest are the asker's own (chat is wordy).
        public var strongScore: Double
        /// How much a lesson's second-best passage adds to its best when lessons are ranked (0: the best alone).
        public var lessonSupport: Double

        public init(bm25: BM25Index.Parameters = BM25Index.Parameters(), titleWeight: Int = 3, stemming: Bool = true,
                    threshold: Double = 0.42, minimumScore: Double = 1.0, strongScore: Double = 1.7,
                    lessonSupport: Double = 0.3) {
            self.bm25 = bm25
            self.titleWeight = titleWeight
            self.stemming = stemming
            self.threshold = threshold
            self.minimumScore = minimumScore
            self.strongScore = strongScore
            self.lessonSupport = lessonSupport
        }
    }

    public let configuration: Configuration
    public let passages: [AnswerPassage]
    public let index: BM25Index
    public let tokenizer: AnswerTokenizer
    /// Each passage's distinct index terms, for the coverage of a question.
    private let termSets: [Set<String>]

    public init(passages: [AnswerPassage], configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.passages = passages
        // Passages are indexed with hyphenated compounds also joined ("stand-up" → "standup"), so a question
        // typed either way finds them; a question keeps its own words (joined forms would only dilute it).
        self.tokenizer = AnswerTokenizer(stemming: configuration.stemming, joiningCompounds: false)
        let documentTokenizer = AnswerTokenizer(stemming: configuration.stemming, joiningCompounds: true)
        let documents = passages.map { Self.terms(of: $0, tokenizer: documentTokenizer, titleWeight: configuration.titleWeight) }
        index = BM25Index(documents: documents, parameters: configuration.bm25)
        termSets = documents.map(Set.init)
    }

    public init(catalog: Catalog, configuration: Configuration = Configuration()) {
        self.init(passages: AnswerPassage.passages(from: catalog), configuration: configuration)
    }

    /// A passage's index terms: its body, then its headings `titleWeight` times.
    static func terms(of passage: AnswerPassage, tokenizer: AnswerTokenizer, titleWeight: Int) -> [String] {
        var terms = tokenizer.tokens(passage.text)
        let titles: [String]
        switch passage.kind {
        case .section: titles = tokenizer.tokens(passage.heading == passage.lessonTitle ? passage.heading : passage.heading + " " + passage.lessonTitle)
        case .explanation:
            terms += tokenizer.tokens(passage.heading)
            titles = tokenizer.tokens(passage.lessonTitle)
        }
        for _ in 0..<max(0, titleWeight) { terms += titles }
        return terms
    }

    /// The best answers to `question` that `audience` may read, at most one per lesson, best first.
    ///
    /// `audience` is the most sensitive classification the reader may see: `.public` for an ordinary channel,
    /// `.internal` for a channel marked internal, a person's clearance for a private reply.
    public func ask(_ question: String, audience: Classification, lessons limit: Int = 3) -> AnswerResult {
        var scratch = BM25Index.Scratch()
        return ask(question, audience: audience, lessons: limit, scratch: &scratch)
    }

    public func ask(_ question: String, audience: Classification, lessons limit: Int = 3, scratch: inout BM25Index.Scratch) -> AnswerResult {
        let query = expand(tokenizer.tokens(question))
        let passages = self.passages
        let hits = index.search(query, limit: max(limit * 20, 60), scratch: &scratch,
                                allow: { passages[$0].classification <= audience })
        // Lessons rank by their best passage plus `lessonSupport` times their second best: a lesson that
        // answers the question in two places beats a single passage that happens to share a few words.
        var lessons: [(best: BM25Index.Hit, second: Double)] = []
        var position: [String: Int] = [:]
        for hit in hits {
            let lesson = passages[hit.document].lessonID
            if let known = position[lesson] {
                if lessons[known].second == 0 { lessons[known].second = hit.score }
            } else {
                position[lesson] = lessons.count
                lessons.append((hit, 0))
            }
        }
        let support = configuration.lessonSupport
        let ranked = lessons.enumerated().sorted { a, b in
            let x = a.element.best.score + support * a.element.second, y = b.element.best.score + support * b.element.second
            return x != y ? x > y : a.offset < b.offset
        }
        let matches = ranked.prefix(limit).map { lesson in
            AnswerMatch(passage: passages[lesson.element.best.document], score: lesson.element.best.score, document: lesson.element.best.document)
        }
        let share = matches.first.map { coverage(of: query, in: $0.document) } ?? 0
        let unseen = index.idf("\u{0}")  // no term is "\0": the idf of an unseen term
        let score = matches.first?.score ?? 0
        let confident = score >= configuration.minimumScore * unseen
            && (share >= configuration.threshold || score >= configuration.strongScore * unseen)
        return AnswerResult(question: question, terms: query, matches: confident ? matches : [], coverage: share,
                            suggestions: confident ? [] : suggestions(near: matches, audience: audience))
    }

    /// The question's terms, each unknown one of four letters or more replaced by the commonest indexed term
    /// it begins ("retro" → "retrospect", "kanb" → "kanban"): chat is full of clipped words.
    func expand(_ terms: [String]) -> [String] {
        terms.map { term in
            guard term.count >= 4, !index.contains(term), let longer = index.commonestTerm(withPrefix: term) else { return term }
            return longer
        }
    }

    /// The share of the question's idf mass whose terms occur in document `d` (unknown terms weigh the most).
    func coverage(of query: [String], in d: Int) -> Double {
        let unique = Array(Set(query))
        var total = 0.0, found = 0.0
        let terms = termSets[d]
        for term in unique {
            let weight = index.idf(term)
            total += weight
            if terms.contains(term) { found += weight }
        }
        return total > 0 ? found / total : 0
    }

    /// What to ask about instead: the lessons that came closest, else the courses the audience may read.
    func suggestions(near matches: [AnswerMatch], audience: Classification) -> [String] {
        if !matches.isEmpty { return matches.prefix(3).map(\.passage.lessonTitle) }
        var titles: [String] = []
        var seen: Set<String> = []
        for passage in passages where passage.classification <= audience && seen.insert(passage.courseID).inserted {
            titles.append(passage.courseTitle)
        }
        return Array(titles.prefix(6))
    }
}

/// One lesson that answers a question, by its best passage.
public struct AnswerMatch: Sendable, Equatable {
    public var passage: AnswerPassage
    public var score: Double
    /// The passage's position in the engine's list.
    public var document: Int
}

/// What the engine found: answers best first (empty when it does not know), and suggestions otherwise.
public struct AnswerResult: Sendable, Equatable {
    public var question: String
    /// The question's index terms.
    public var terms: [String]
    public var matches: [AnswerMatch]
    /// The share of the question's weight found in the best passage, 0…1.
    public var coverage: Double
    public var suggestions: [String]

    public var best: AnswerMatch? { matches.first }
}
