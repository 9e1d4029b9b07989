import Foundation

/// Okapi BM25 over a fixed set of documents, each a list of terms.
///
/// Postings are stored flat (compressed sparse rows), document-length normalisation is precomputed,
/// and a query is scored term at a time into a reusable accumulator, so answering costs a few
/// microseconds per posting touched.
public struct BM25Index: Sendable {
    public struct Parameters: Sendable, Equatable, Codable {
        /// Term-frequency saturation.
        public var k1: Double
        /// Length normalisation: 0 none, 1 full.
        public var b: Double
        public var idf: IDF

        public init(k1: Double = 1.2, b: Double = 0.75, idf: IDF = .lucene) {
            self.k1 = k1
            self.b = b
            self.idf = idf
        }
    }

    /// How rare a term must be to count.
    public enum IDF: String, Sendable, Equatable, Codable {
        /// `ln(1 + (N − n + 0.5) / (n + 0.5))`: never negative (Lucene, Elasticsearch).
        case lucene
        /// `ln((N − n + 0.5) / (n + 0.5))`, a negative value replaced by 0.25 × the mean idf
        /// (the `BM25Okapi` of the `rank_bm25` Python package, for cross-checking).
        case okapi
    }

    /// One document's score for a query.
    public struct Hit: Sendable, Equatable {
        public var document: Int
        public var score: Double
    }

    public let parameters: Parameters
    public let documentCount: Int
    public let averageLength: Double
    private let termIDs: [String: Int32]
    private let idfs: [Double]
    private let offsets: [Int32]       // postings of term t: offsets[t] ..< offsets[t + 1]
    private let postingDocuments: [Int32]
    private let postingFrequencies: [Double]
    private let lengthNorms: [Double]  // k1 × (1 − b + b × |d| / avgdl)
    private let sortedTerms: [String]

    public init(documents: [[String]], parameters: Parameters = Parameters()) {
        self.parameters = parameters
        documentCount = documents.count
        var ids: [String: Int32] = [:]
        var documentFrequency: [Int32] = []
        var perDocument: [[(Int32, Int32)]] = []
        perDocument.reserveCapacity(documents.count)
        var totalLength = 0
        for terms in documents {
            totalLength += terms.count
            var counts: [Int32: Int32] = [:]
            for term in terms {
                let id: Int32
                if let known = ids[term] { id = known } else {
                    id = Int32(ids.count)
                    ids[term] = id
                    documentFrequency.append(0)
                }
                counts[id, default: 0] += 1
            }
            for id in counts.keys { documentFrequency[Int(id)] += 1 }
            perDocument.append(counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        termIDs = ids
        averageLength = documents.isEmpty ? 0 : Double(totalLength) / Double(documents.count)

        var offsets = [Int32](repeating: 0, count: ids.count + 1)
        for (t, df) in documentFrequency.enumerated() { offsets[t + 1] = offsets[t] + df }
        var cursor = Array(offsets.dropLast())
        var docs = [Int32](repeating: 0, count: Int(offsets.last ?? 0))
        var freqs = [Double](repeating: 0, count: docs.count)
        for (d, counts) in perDocument.enumerated() {
            for (t, f) in counts {
                let slot = Int(cursor[Int(t)])
                docs[slot] = Int32(d)
                freqs[slot] = Double(f)
                cursor[Int(t)] += 1
            }
        }
        self.offsets = offsets
        postingDocuments = docs
        postingFrequencies = freqs
        let avg = averageLength
        lengthNorms = documents.map { parameters.k1 * (1 - parameters.b + parameters.b * Double($0.count) / max(avg, .leastNonzeroMagnitude)) }
        idfs = Self.idfs(documentFrequency: documentFrequency, count: documents.count, kind: parameters.idf)
        sortedTerms = ids.keys.sorted()
    }

    static func idfs(documentFrequency: [Int32], count: Int, kind: IDF) -> [Double] {
        let n = Double(count)
        switch kind {
        case .lucene:
            return documentFrequency.map { log(1 + (n - Double($0) + 0.5) / (Double($0) + 0.5)) }
        case .okapi:
            var values = documentFrequency.map { log((n - Double($0) + 0.5) / (Double($0) + 0.5)) }
            guard !values.isEmpty else { return values }
            let floor = 0.25 * values.reduce(0, +) / Double(values.count)
            for i in values.indices where values[i] < 0 { values[i] = floor }
            return values
        }
    }

    /// The idf of a term, or of a term no document has (the highest there is) when it is unknown.
    public func idf(_ term: String) -> Double {
        if let id = termIDs[term] { return idfs[Int(id)] }
        let n = Double(documentCount)
        switch parameters.idf {
        case .lucene: return log(1 + (n + 0.5) / 0.5)
        case .okapi: return log((n + 0.5) / 0.5)
        }
    }

    public func contains(_ term: String) -> Bool { termIDs[term] != nil }

    /// The commonest indexed term that starts with `prefix` ("retro" → "retrospect"), or nil.
    public func commonestTerm(withPrefix prefix: String) -> String? {
        var low = 0, high = sortedTerms.count
        while low < high {
            let mid = (low + high) / 2
            if sortedTerms[mid] < prefix { low = mid + 1 } else { high = mid }
        }
        var best: (term: String, frequency: Int32)?
        var i = low
        while i < sortedTerms.count, sortedTerms[i].hasPrefix(prefix) {
            let t = sortedTerms[i]
            let id = Int(termIDs[t]!)
            let frequency = offsets[id + 1] - offsets[id]
            if frequency > (best?.frequency ?? 0) { best = (t, frequency) }
            i += 1
        }
        return best?.term
    }

    /// The best `limit` documents for `query` (a repeated term counts each time, as in `rank_bm25`), best first,
    /// ties by document order; documents for which `allow` is false are skipped. Only documents with a score > 0.
    public func search(_ query: [String], limit: Int, scratch: inout Scratch, allow: ((Int) -> Bool)? = nil) -> [Hit] {
        scratch.prepare(documentCount)
        let k1plus1 = parameters.k1 + 1
        for term in query {
            guard let id = termIDs[term] else { continue }
            let idf = idfs[Int(id)]
            let range = Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])
            postingDocuments.withUnsafeBufferPointer { docs in
                postingFrequencies.withUnsafeBufferPointer { freqs in
                    lengthNorms.withUnsafeBufferPointer { norms in
                        for p in range {
                            let d = Int(docs[p])
                            let tf = freqs[p]
                            scratch.add(d, idf * (tf * k1plus1 / (tf + norms[d])))
                        }
                    }
                }
            }
        }
        return scratch.top(limit, allow: allow)
    }

    public func search(_ query: [String], limit: Int, allow: ((Int) -> Bool)? = nil) -> [Hit] {
        var scratch = Scratch()
        return search(query, limit: limit, scratch: &scratch, allow: allow)
    }

    /// Score accumulators reused from query to query: a dense array and the list of documents touched.
    public struct Scratch: Sendable {
        var scores: [Double] = []
        var stamps: [UInt32] = []
        var generation: UInt32 = 0
        var touched: [Int32] = []

        public init() {}

        mutating func prepare(_ count: Int) {
            if scores.count != count {
                scores = [Double](repeating: 0, count: count)
                stamps = [UInt32](repeating: 0, count: count)
                generation = 0
            }
            generation &+= 1
            if generation == 0 {  // wrapped: clear the stamps once every 4 billion queries
                for i in stamps.indices { stamps[i] = 0 }
                generation = 1
            }
            touched.removeAll(keepingCapacity: true)
        }

        @inline(__always) mutating func add(_ d: Int, _ value: Double) {
            if stamps[d] != generation {
                stamps[d] = generation
                scores[d] = 0
                touched.append(Int32(d))
            }
            scores[d] += value
        }

        func top(_ limit: Int, allow: ((Int) -> Bool)?) -> [Hit] {
            guard limit > 0 else { return [] }
            var best: [Hit] = []
            best.reserveCapacity(limit + 1)
            for d32 in touched {
                let d = Int(d32)
                let score = scores[d]
                guard score > 0 else { continue }
                if best.count == limit, !Self.before(score, d, best[limit - 1]) { continue }
                if let allow, !allow(d) { continue }
                var i = best.count
                best.append(Hit(document: d, score: score))
                while i > 0 && Self.before(score, d, best[i - 1]) { best[i] = best[i - 1]; i -= 1 }
                best[i] = Hit(document: d, score: score)
                if best.count > limit { best.removeLast() }
            }
            return best
        }

        @inline(__always) static func before(_ score: Double, _ d: Int, _ other: Hit) -> Bool {
            score > other.score || (score == other.score && d < other.document)
        }
    }
}
