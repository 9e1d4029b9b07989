/// Splits text into index terms: lower-cased runs of letters and digits, English stop words dropped,
/// optionally reduced to their Porter stems ("risks", "risky" → "risk").
///
/// The index and the questions go through the same tokenizer, so a term matches only itself.
public struct AnswerTokenizer: Sendable {
    public var stemming: Bool
    public var stopWords: Set<String>

    public init(stemming: Bool = true, stopWords: Set<String> = AnswerTokenizer.englishStopWords) {
        self.stemming = stemming
        self.stopWords = stopWords
    }

    public func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var word: [UInt8] = []
        var nonASCII = false
        func flush() {
            defer { word.removeAll(keepingCapacity: true); nonASCII = false }
            guard word.count > 1 else { return }
            var term = String(decoding: word, as: UTF8.self)
            if nonASCII { term = term.lowercased() }
            guard !stopWords.contains(term) else { return }
            result.append(stemming && !nonASCII ? PorterStemmer.stem(term) : term)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                switch v {
                case 97...122, 48...57: word.append(UInt8(v))
                case 65...90: word.append(UInt8(v + 32))
                default: flush()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                nonASCII = true
                word.append(contentsOf: Array(String(scalar).utf8))
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// Common English function words, and the words people put around a question in chat
    /// ("how do I …", "what is the …"), which say nothing about its topic.
    public static let englishStopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "few", "for", "from", "further",
        "get", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
        "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself",
        "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
        "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
        "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
        "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "don", "doesn", "isn", "aren", "ll", "ve", "re",
        "also", "may", "might", "must", "shall", "us", "one", "anyone", "someone", "something", "anything", "thing", "things",
        "please", "hi", "hello", "hey", "thanks", "thank", "tell", "know", "need", "want", "way", "ok", "okay",
        "vs", "versus", "actually", "actual", "exactly", "really", "supposed", "sure", "make", "ask", "asked", "anyway",
        "haven", "hasn", "hadn", "won", "wouldn", "shouldn", "couldn", "didn", "wasn", "weren", "ain", "let", "lets",
        "guys", "folks", "team's", "quick", "question", "wondering", "idea", "best",
    ]
}
