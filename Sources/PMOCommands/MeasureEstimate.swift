import AcademyCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PMO.Measure {
    /// How a competency turns θ into a level: cut scores (computed here, without allocating) or a
    /// competency from the content.
    enum Leveler: Sendable {
        case cuts(CutScores)
        case competency(@Sendable (Double) -> (Int, String))

        /// The level number and name at θ.
        func callAsFunction(_ theta: Double) -> (Int, String) {
            switch self {
            case .cuts(let cuts):
                let level = Leveler.level(theta, cuts: cuts.cuts)
                return (level, cuts.name(ofLevel: level))
            case .competency(let level):
                return level(theta)
            }
        }

        /// `CutScores.level(forTheta:)`: 1 + the number of cuts at or below θ.
        @inline(__always)
        static func level(_ theta: Double, cuts: [Double]) -> Int {
            var level = 1
            for cut in cuts where theta >= cut { level += 1 }
            return level
        }
    }

    /// Item ids for the per-line lookup (`ChunkState.take`): each line's item is first compared with
    /// the item after the previous line's (responses files usually list a person's items in bank
    /// order), then looked up in the table.
    final class ItemKeys: @unchecked Sendable {
        let table: ByteTable
        let count: Int
        private let bytes: UnsafeMutablePointer<UInt8>
        private let starts: UnsafeMutablePointer<Int>

        init(_ table: ByteTable) {
            self.table = table
            count = table.count
            let keys = (0..<table.count).map { table.key(at: $0) }
            let total = keys.reduce(0) { $0 + $1.count }
            bytes = .allocate(capacity: max(1, total))
            starts = .allocate(capacity: keys.count + 1)
            var position = 0
            for (index, key) in keys.enumerated() {
                starts[index] = position
                key.withUnsafeBufferPointer { if let base = $0.baseAddress { (bytes + position).update(from: base, count: key.count) } }
                position += key.count
            }
            starts[keys.count] = position
        }

        deinit {
            bytes.deallocate()
            starts.deallocate()
        }

        /// The ids' bytes (`keys[keyStarts[i]..<keyStarts[i + 1]]`), for lookups without reference counting.
        var keys: UnsafePointer<UInt8> { UnsafePointer(bytes) }
        var keyStarts: UnsafePointer<Int> { UnsafePointer(starts) }
    }

    /// `pmo measure estimate` on a mapped responses file: the file is cut into chunks at person
    /// boundaries, and worker threads parse, estimate and format whole chunks, handed back in order.
    final class ParallelEstimate: @unchecked Sendable {
        let file: MappedFile
        let dataStart: Int
        let personColumn: Int, itemColumn: Int, correctColumn: Int
        let neededFields: Int
        let items: ItemKeys
        let table: EAPTable
        let estimator: AbilityEstimator
        let parameters: [IRTParameters]
        let competencyOfItem: [Int]
        let competencyCount: Int
        let levels: [Leveler]
        /// The texts each output line repeats, as the output writes them (CSV fields or JSON strings),
        /// kept in one buffer: `texts[textRange[…]]`. Entry `competency * textStride` is the
        /// competency's id, entry `competency * textStride + level` the name of a cut-score level.
        private let texts: UnsafeMutablePointer<UInt8>
        private let textRange: UnsafeMutablePointer<(start: Int, count: Int)>
        private let textStride: Int
        /// Per competency: its cut scores (`cuts[cutRange[c]]`), or a count of -1 for a content competency.
        private let cuts: UnsafeMutablePointer<Double>
        private let cutRange: UnsafeMutablePointer<(start: Int, count: Int)>
        let json: Bool
        let jsonPerson = Array(",\n  {\"person\": ".utf8), jsonCompetency = Array(", \"competency\": ".utf8)
        let jsonTheta = Array(", \"theta\": ".utf8), jsonSE = Array(", \"se\": ".utf8)
        let jsonResponses = Array(", \"responses\": ".utf8), jsonLevel = Array(", \"level\": ".utf8)
        let jsonLevelName = Array(", \"level_name\": ".utf8)
        let chunkStarts: [Int]
        private let boundaries: BoundaryCache

        /// What one chunk produced.
        struct Chunk {
            var output: ByteBuffer
            var persons = 0
            var responses = 0
            var computing = Duration.zero
            var error: (offset: Int, message: String)?
        }

        init(file: MappedFile, dataStart: Int, columns: (person: Int, item: Int, correct: Int), items: ByteTable,
             table: EAPTable, estimator: AbilityEstimator, parameters: [IRTParameters], competencies: [String],
             competencyOfItem: [Int], levels: [Leveler], json: Bool, workers: Int) {
            self.file = file
            self.dataStart = dataStart
            personColumn = columns.person
            itemColumn = columns.item
            correctColumn = columns.correct
            neededFields = max(columns.person, columns.item, columns.correct) + 1
            self.items = ItemKeys(items)
            self.table = table
            self.estimator = estimator
            self.parameters = parameters
            self.competencyOfItem = competencyOfItem
            competencyCount = competencies.count
            self.levels = levels
            var cutScores: [CutScores?] = levels.map { if case .cuts(let cuts) = $0 { cuts } else { nil } }
            cutScores += Array(repeating: nil, count: max(0, competencies.count - cutScores.count))
            let textStride = 1 + (cutScores.compactMap { $0?.cuts.count }.max() ?? 0) + 1
            self.textStride = textStride
            var textList: [[UInt8]] = []
            for (competency, id) in competencies.enumerated() {
                var entries = [ParallelEstimate.field(id, json: json)]
                if let scores = cutScores[competency] {
                    entries += (1...scores.cuts.count + 1).map { ParallelEstimate.field(scores.name(ofLevel: $0), json: json) }
                }
                entries += Array(repeating: [], count: textStride - entries.count)
                textList += entries
            }
            let texts = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, textList.reduce(0) { $0 + $1.count }))
            let textRange = UnsafeMutablePointer<(start: Int, count: Int)>.allocate(capacity: max(1, textList.count))
            var position = 0
            for (index, text) in textList.enumerated() {
                text.withUnsafeBufferPointer { if let base = $0.baseAddress { (texts + position).update(from: base, count: $0.count) } }
                textRange[index] = (position, text.count)
                position += text.count
            }
            self.texts = texts
            self.textRange = textRange
            let allCuts = cutScores.flatMap { $0?.cuts ?? [] }
            let cuts = UnsafeMutablePointer<Double>.allocate(capacity: max(1, allCuts.count))
            let cutRange = UnsafeMutablePointer<(start: Int, count: Int)>.allocate(capacity: max(1, competencies.count))
            self.cuts = cuts
            self.cutRange = cutRange
            position = 0
            for competency in competencies.indices {
                if let scores = cutScores[competency] {
                    for (index, cut) in scores.cuts.enumerated() { cuts[position + index] = cut }
                    cutRange[competency] = (position, scores.cuts.count)
                    position += scores.cuts.count
                } else {
                    cutRange[competency] = (0, -1)
                }
            }
            self.json = json
            // Chunks of 4 MiB at most, at least eight per worker when the file is smaller.
            let size = file.count - dataStart
            let chunkSize = min(4 << 20, max(64 << 10, size / max(1, 8 * workers)))
            chunkStarts = Array(stride(from: dataStart, to: file.count, by: chunkSize)) + [file.count]
            boundaries = BoundaryCache(count: chunkStarts.count)
        }

        deinit {
            texts.deallocate()
            textRange.deallocate()
            cuts.deallocate()
            cutRange.deallocate()
        }

        var chunkCount: Int { chunkStarts.count - 1 }

        /// Appends text `index` (see `texts`).
        @inline(__always)
        fileprivate func appendText(_ index: Int, to output: inout ByteBuffer) {
            let range = textRange[index]
            output.append(texts + range.start, range.count)
        }

        /// A text as the output writes it: a CSV field or a JSON string.
        static func field(_ text: String, json: Bool) -> [UInt8] {
            var buffer = ByteBuffer(capacity: text.utf8.count * 2 + 8)
            defer { buffer.free() }
            Array(text.utf8).withUnsafeBufferPointer { if json { buffer.appendJSONString($0) } else { buffer.appendCSVField($0) } }
            return Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count))
        }

        // MARK: Chunk boundaries

        /// Chunk boundaries: the first line at or after a chunk's nominal start that begins a new person.
        ///
        /// A line begins a person when its person differs from that of the previous non-empty line (or
        /// either cannot be read), so a person is never split between chunks, and every chunk starts
        /// and ends at the same place whichever thread computes it.
        private final class BoundaryCache: @unchecked Sendable {
            private let lock = NSLock()
            private var values: [Int]

            init(count: Int) { values = Array(repeating: -1, count: count) }

            func value(_ index: Int, compute: () -> Int) -> Int {
                lock.lock()
                let known = values[index]
                lock.unlock()
                if known >= 0 { return known }
                let found = compute()
                lock.lock()
                values[index] = found
                lock.unlock()
                return found
            }

            /// Records `value` for the nominal starts in `indices` (the scan that found it passed them).
            func record(_ value: Int, for indices: Range<Int>) {
                lock.lock()
                for index in indices where values[index] < 0 { values[index] = value }
                lock.unlock()
            }
        }

        private func boundary(_ index: Int) -> Int {
            boundaries.value(index) {
                let nominal = chunkStarts[index]
                if index == 0 || nominal <= dataStart { return dataStart }
                if nominal >= file.count { return file.count }
                var splitter = FieldSplitter()
                defer { splitter.deallocate() }
                var line = file.lineStart(atOrAfter: nominal)
                var previous: [UInt8]?
                var cursor = line
                while let start = file.previousLineStart(before: cursor, floor: dataStart) {
                    let end = file.line(at: start).end
                    if end > start {
                        previous = person(of: start, end: end, &splitter)
                        break
                    }
                    cursor = start
                }
                var found = file.count
                while line < file.count {
                    let (end, next) = file.line(at: line)
                    if end > line {
                        guard let previous, let person = person(of: line, end: end, &splitter), person == previous else {
                            found = line
                            break
                        }
                    }
                    line = next
                }
                // The scan went past later nominal starts: they have the same boundary.
                var last = index + 1
                while last < chunkStarts.count, chunkStarts[last] <= found { last += 1 }
                if last > index + 1 { boundaries.record(found, for: index + 1..<last) }
                return found
            }
        }

        private func person(of start: Int, end: Int, _ splitter: inout FieldSplitter) -> [UInt8]? {
            guard case .success(let fields) = splitter.split(file.base + start, end - start),
                  fields.count >= neededFields else { return nil }
            return Array(fields[personColumn])
        }

        // MARK: One chunk

        /// Parses, estimates and formats chunk `index`.
        func process(_ index: Int, pool: BufferPool) -> Chunk {
            let start = boundary(index)
            let end = max(start, boundary(index + 1))
            var chunk = Chunk(output: pool.take())
            guard start < end else { return chunk }
            var state = ChunkState(owner: self)
            defer { state.deallocate() }
            var splitter = FieldSplitter()
            defer { splitter.deallocate() }
            let base = file.base, fileEnd = file.count
            let personColumn = personColumn, itemColumn = itemColumn, correctColumn = correctColumn
            let neededFields = neededFields
            // Lines of exactly the three columns (the usual `p0000001,i01,1`) are split right here from
            // a few words; any other line goes through the splitter.
            let threeColumns = neededFields == 3
            var guess = 0
            var position = start
            while position < end {
                let lineStart = position
                if threeColumns, let line = FieldSplitter.threeFields(base, at: position, fileEnd: fileEnd) {
                    func field(_ column: Int) -> UnsafeBufferPointer<UInt8> {
                        switch column {
                        case 0: UnsafeBufferPointer(start: base + position, count: line.first)
                        case 1: UnsafeBufferPointer(start: base + (position &+ line.first &+ 1), count: line.second &- line.first &- 1)
                        default: UnsafeBufferPointer(start: base + (position &+ line.second &+ 1), count: line.feed &- line.second &- 1)
                        }
                    }
                    guard state.take(person: field(personColumn), item: field(itemColumn), correct: field(correctColumn),
                                     line: lineStart, guess: &guess, into: &chunk) else { break }
                    position &+= line.feed &+ 1
                    continue
                }
                let (next, scanned) = splitter.scan(base, at: position, fileEnd: fileEnd)
                position = next
                guard let scanned else { continue }
                guard case .success(let fields) = scanned else {
                    if case .failure(let problem) = scanned { chunk.error = (lineStart, problem.message) }
                    break
                }
                guard fields.count >= neededFields else {
                    chunk.error = (lineStart, "expected at least \(neededFields) fields, found \(fields.count)")
                    break
                }
                guard state.take(person: fields[personColumn], item: fields[itemColumn], correct: fields[correctColumn],
                                 line: lineStart, guess: &guess, into: &chunk) else { break }
            }
            if chunk.error == nil {
                state.finishPerson(into: &chunk)
                state.estimateBatch(into: &chunk)
            }
            file.release(start..<end)
            return chunk
        }

        /// The person being read, the rows of the batch waiting for estimation, and their labels.
        private struct ChunkState {
            /// `unowned(unsafe)`: the owner outlives every chunk it processes (no reference counting per access).
            unowned(unsafe) let owner: ParallelEstimate
            /// The item ids (see `ItemKeys`), read without reference counting.
            let itemCount: Int
            let itemKeys: UnsafePointer<UInt8>
            let itemStarts: UnsafePointer<Int>
            var person: Growable<UInt8>
            var havePerson = false
            var personItems: Growable<Int32>
            var personCorrect: Growable<UInt8>
            // The batch: rows of responses, and per row its label.
            var offsets: Growable<Int>
            var rowItems: Growable<Int32>
            var rowCorrect: Growable<UInt8>
            /// Per row: start and length of the person's output field in `labels`, and the competency.
            var labelStart: Growable<Int>
            var labelLength: Growable<Int>
            var labelCompetency: Growable<Int>
            var labels: ByteBuffer
            var theta: Growable<Double>
            var se: Growable<Double>
            var present: [Int] = []
            var seen: [Bool]
            static let batchRows = 512

            init(owner: ParallelEstimate) {
                self.owner = owner
                itemCount = owner.items.count
                itemKeys = owner.items.keys
                itemStarts = owner.items.keyStarts
                person = Growable(capacity: 64)
                personItems = Growable(capacity: 256)
                personCorrect = Growable(capacity: 256)
                offsets = Growable(capacity: ChunkState.batchRows + 64)
                offsets.append(0)
                rowItems = Growable(capacity: 32 * ChunkState.batchRows)
                rowCorrect = Growable(capacity: 32 * ChunkState.batchRows)
                labelStart = Growable(capacity: ChunkState.batchRows + 64)
                labelLength = Growable(capacity: ChunkState.batchRows + 64)
                labelCompetency = Growable(capacity: ChunkState.batchRows + 64)
                labels = ByteBuffer(capacity: 32 * ChunkState.batchRows)
                theta = Growable(capacity: ChunkState.batchRows + 64)
                se = Growable(capacity: ChunkState.batchRows + 64)
                seen = Array(repeating: false, count: owner.competencyCount)
            }

            func deallocate() {
                person.deallocate()
                personItems.deallocate()
                personCorrect.deallocate()
                offsets.deallocate()
                rowItems.deallocate()
                rowCorrect.deallocate()
                labelStart.deallocate()
                labelLength.deallocate()
                labelCompetency.deallocate()
                labels.free()
                theta.deallocate()
                se.deallocate()
            }

            @inline(__always)
            func isCurrent(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
                guard havePerson, field.count == person.count else { return false }
                guard let base = field.baseAddress else { return true }
                return PMO.Measure.equalBytes(base, person.base, field.count)
            }

            @inline(__always)
            mutating func startPerson(_ field: UnsafeBufferPointer<UInt8>) {
                person.removeAll()
                if let base = field.baseAddress { person.append(base, field.count) }
                havePerson = true
            }

            /// The index of an item id that is not the one expected.
            @inline(never)
            private func lookUp(_ id: UnsafeBufferPointer<UInt8>) -> Int? {
                owner.items.table.find(id)
            }

            /// Takes one response line; false (with the chunk's error set) when it is not valid.
            @inline(__always)
            mutating func take(person: UnsafeBufferPointer<UInt8>, item itemField: UnsafeBufferPointer<UInt8>,
                               correct correctField: UnsafeBufferPointer<UInt8>, line: Int, guess: inout Int,
                               into chunk: inout Chunk) -> Bool {
                if !isCurrent(person) {
                    finishPerson(into: &chunk)
                    startPerson(person)
                }
                var item = -1
                if guess < itemCount, let base = itemField.baseAddress {
                    let start = itemStarts[guess]
                    if itemStarts[guess &+ 1] &- start == itemField.count, PMO.Measure.equalBytes(base, itemKeys + start, itemField.count) {
                        item = guess
                    }
                }
                if item < 0 {
                    guard let found = lookUp(itemField) else {
                        chunk.error = (line, "unknown item '\(String(decoding: itemField, as: UTF8.self))'; add it to the items file")
                        return false
                    }
                    item = found
                }
                guess = item &+ 1 == itemCount ? 0 : item &+ 1
                var correct: UInt8
                if correctField.count == 1, correctField[0] &- 0x30 < 2 {
                    correct = correctField[0] &- 0x30
                } else if let parsed = PMO.Measure.correctness(correctField) {
                    correct = parsed ? 1 : 0
                } else {
                    chunk.error = (line, "correct must be 1/0 or true/false, found '\(String(decoding: correctField, as: UTF8.self))'")
                    return false
                }
                personItems.append(Int32(truncatingIfNeeded: item))
                personCorrect.append(correct)
                return true
            }

            /// Turns the person's responses into rows (one per competency answered), as the streaming path does.
            mutating func finishPerson(into chunk: inout Chunk) {
                guard havePerson else { return }
                havePerson = false
                let count = personItems.count
                chunk.persons += 1
                chunk.responses += count
                // The person's id as the output writes it, once for all their rows.
                let labelOffset = labels.count
                let id = UnsafeBufferPointer(start: person.base, count: person.count)
                if person.isASCII {
                    if owner.json { labels.appendJSONString(id) } else { labels.appendCSVField(id) }
                } else {
                    // Not ASCII: decoded as the streaming path decodes it (invalid UTF-8 becomes U+FFFD).
                    Array(String(decoding: id, as: UTF8.self).utf8).withUnsafeBufferPointer { text in
                        if owner.json { labels.appendJSONString(text) } else { labels.appendCSVField(text) }
                    }
                }
                let labelCount = labels.count - labelOffset
                if owner.competencyCount == 1 {
                    rowItems.append(personItems.base, count)
                    rowCorrect.append(personCorrect.base, count)
                    endRow(label: labelOffset, length: labelCount, competency: 0)
                } else {
                    let competencyOfItem = owner.competencyOfItem
                    present.removeAll(keepingCapacity: true)
                    for index in 0..<count {
                        let competency = competencyOfItem[Int(personItems[index])]
                        if !seen[competency] {
                            seen[competency] = true
                            present.append(competency)
                        }
                    }
                    present.sort()
                    for competency in present {
                        seen[competency] = false
                        for index in 0..<count where competencyOfItem[Int(personItems[index])] == competency {
                            rowItems.append(personItems[index])
                            rowCorrect.append(personCorrect[index])
                        }
                        endRow(label: labelOffset, length: labelCount, competency: competency)
                    }
                }
                personItems.removeAll()
                personCorrect.removeAll()
                if labelStart.count >= ChunkState.batchRows { estimateBatch(into: &chunk) }
            }

            @inline(__always)
            private mutating func endRow(label: Int, length: Int, competency: Int) {
                offsets.append(rowItems.count)
                labelStart.append(label)
                labelLength.append(length)
                labelCompetency.append(competency)
            }

            /// Estimates the batch's rows and writes their output lines.
            mutating func estimateBatch(into chunk: inout Chunk) {
                let rows = labelStart.count
                guard rows > 0 else { return }
                theta.reserveCount(rows)
                se.reserveCount(rows)
                let clock = ContinuousClock()
                let started = clock.now
                if owner.estimator.method == .eap {
                    owner.table.estimate(rowCount: rows, offsets: offsets.base, items: rowItems.base, answers: rowCorrect.base,
                                         theta: theta.base, se: se.base)
                } else {
                    for row in 0..<rows {
                        let responses = (offsets[row]..<offsets[row + 1]).map {
                            ScoredResponse(owner.parameters[Int(rowItems[$0])], correct: rowCorrect[$0] != 0)
                        }
                        let estimate = owner.estimator.estimate(responses)
                        theta[row] = estimate.theta
                        se[row] = estimate.se
                    }
                }
                chunk.computing += clock.now - started
                for row in 0..<rows {
                    render(row, into: &chunk.output)
                }
                offsets.removeAll()
                offsets.append(0)
                rowItems.removeAll()
                rowCorrect.removeAll()
                labelStart.removeAll()
                labelLength.removeAll()
                labelCompetency.removeAll()
                labels.removeAll()
            }

            @inline(__always)
            private func render(_ row: Int, into output: inout ByteBuffer) {
                let owner = owner
                let competency = labelCompetency[row]
                let theta = theta[row], se = se[row]
                let responses = offsets[row + 1] - offsets[row]
                let cutRange = owner.cutRange[competency]
                var number = 1
                var name: String?
                if cutRange.count >= 0 {
                    let cuts = owner.cuts + cutRange.start
                    for index in 0..<cutRange.count where theta >= cuts[index] { number += 1 }
                } else {
                    let level = owner.levels[competency](theta)
                    number = level.0
                    name = level.1
                }
                let person = labels.base + labelStart[row], personLength = labelLength[row]
                let textBase = competency * owner.textStride
                if owner.json {
                    output.append(owner.jsonPerson)
                    output.append(person, personLength)
                    output.append(owner.jsonCompetency)
                    owner.appendText(textBase, to: &output)
                    output.append(owner.jsonTheta)
                    output.appendFixed(theta)
                    output.append(owner.jsonSE)
                    output.appendFixed(se)
                    output.append(owner.jsonResponses)
                    output.appendInteger(responses)
                    output.append(owner.jsonLevel)
                    output.appendInteger(number)
                    output.append(owner.jsonLevelName)
                } else {
                    output.append(person, personLength)
                    output.append(0x2C)
                    owner.appendText(textBase, to: &output)
                    output.append(0x2C)
                    output.appendFixed(theta)
                    output.append(0x2C)
                    output.appendFixed(se)
                    output.append(0x2C)
                    output.appendInteger(responses)
                    output.append(0x2C)
                    output.appendInteger(number)
                    output.append(0x2C)
                }
                if let name {
                    output.append(ParallelEstimate.field(name, json: owner.json))
                } else {
                    owner.appendText(textBase + number, to: &output)
                }
                output.append(owner.json ? 0x7D : 0x0A)
            }
        }
    }

    /// A growable array of trivial values behind a pointer: appends with no uniqueness or exclusivity checks.
    struct Growable<Element> {
        private(set) var base: UnsafeMutablePointer<Element>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = max(16, capacity)
            base = .allocate(capacity: self.capacity)
        }

        func deallocate() { base.deallocate() }

        subscript(_ index: Int) -> Element {
            @inline(__always) get { base[index] }
            @inline(__always) nonmutating set { base[index] = newValue }
        }

        @inline(__always)
        mutating func append(_ value: Element) {
            if count == capacity { grow(count + 1) }
            (base + count).initialize(to: value)
            count &+= 1
        }

        @inline(__always)
        mutating func append(_ values: UnsafePointer<Element>, _ length: Int) {
            if count + length > capacity { grow(count + length) }
            (base + count).initialize(from: values, count: length)
            count &+= length
        }

        /// Makes the first `length` elements addressable (their values are whatever is there).
        mutating func reserveCount(_ length: Int) {
            if length > capacity { grow(length) }
        }

        mutating func removeAll() { count = 0 }

        /// Sets the count (of trivial elements already written with `reserveCount`).
        mutating func setCount(_ newCount: Int) { count = newCount }

        private mutating func grow(_ needed: Int) {
            var larger = capacity * 2
            while larger < needed { larger *= 2 }
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: larger)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity = larger
        }
    }
}

extension PMO.Measure.Growable where Element == UInt8 {
    /// Appends the first `length` (at most 8) bytes of `word`, little-endian.
    @inline(__always)
    mutating func appendWord(_ word: UInt64, length: Int) {
        reserveCount(count + 8)
        UnsafeMutableRawPointer(base + count).storeBytes(of: word, as: UInt64.self)
        setCount(count + length)
    }

    var isASCII: Bool {
        for index in 0..<count where base[index] >= 0x80 { return false }
        return true
    }
}
