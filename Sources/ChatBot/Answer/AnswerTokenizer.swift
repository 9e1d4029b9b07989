/// Splits text into index terms: lower-cased runs of letters and digits, English stop words dropped,
/// optionally reduced to their Porter stems ("risks", "risky" → "risk"); a hyphenated compound gives
/// its parts and, when `joiningCompounds`, the parts written together ("stand-up" → "stand", "standup").
///
/// The index and the questions go through the same tokenizer, so a term matches only itself.
public struct AnswerTokenizer: Sendable {
    public var stemming: Bool
    public var stopWords: Set<String>
    /// Give a hyphenated compound's joined form as well as its parts.
    public var joiningCompounds: Bool

    public init(stemming: Bool = true, stopWords: Set<String> = AnswerTokenizer.englishStopWords, joiningCompounds: Bool = true) {
        self.stemming = stemming
        self.stopWords = stopWords
        self.joiningCompounds = joiningCompounds
    }

    public func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var word: [UInt8] = []
        var nonASCII = false
        var hasLetter = false
        // A hyphenated compound of words ("stand-up", "kick-off") also gives its parts written together
        // ("standup", "kickoff"), the way people often type them in chat. Numbers ("2026-11-26") do not.
        var compound: [UInt8] = []
        var compoundParts = 0
        var compoundNonASCII = false
        var compoundOfWords = true
        func emit(_ bytes: [UInt8], nonASCII: Bool) {
            guard bytes.count > 1 else { return }
            var term = String(decoding: bytes, as: UTF8.self)
            if nonASCII { term = term.lowercased() }
            guard !stopWords.contains(term) else { return }
            result.append(stemming && !nonASCII ? PorterStemmer.stem(term) : term)
        }
        /// Ends the current word; it joins the compound in progress.
        func endWord() {
            guard !word.isEmpty else { return }
            emit(word, nonASCII: nonASCII)
            compound.append(contentsOf: word)
            compoundParts += 1
            compoundNonASCII = compoundNonASCII || nonASCII
            compoundOfWords = compoundOfWords && hasLetter
            word.removeAll(keepingCapacity: true)
            nonASCII = false
            hasLetter = false
        }
        /// Ends the compound in progress, giving its joined form when it had two words or more.
        func endCompound() {
            if joiningCompounds, compoundParts > 1, compoundOfWords { emit(compound, nonASCII: compoundNonASCII) }
            compound.removeAll(keepingCapacity: true)
            compoundParts = 0
            compoundNonASCII = false
            compoundOfWords = true
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                switch v {
                case 97...122: word.append(UInt8(v)); hasLetter = true
                case 65...90: word.append(UInt8(v + 32)); hasLetter = true
                case 48...57: word.append(UInt8(v))
                case 45 where !word.isEmpty: endWord()  // a hyphen after a word: the compound goes on
                default: endWord(); endCompound()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                nonASCII = true
                hasLetter = hasLetter || scalar.properties.isAlphabetic
                word.append(contentsOf: Array(String(scalar).utf8))
            } else {
                endWord()
                endCompound()
            }
        }
        endWord()
        endCompound()
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
