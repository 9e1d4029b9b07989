import AcademyCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PMO.Measure {
    /// A fixed team of threads that share out the tasks of one job after another; the calling thread
    /// works on each job too.
    ///
    /// A job is done when its tasks are, whichever members ran them: a member that the system has not
    /// scheduled yet (the machine may be busy with other processes) is not waited for, and finds the
    /// job's tasks all taken when it does run.
    final class WorkerTeam: @unchecked Sendable {
        let size: Int
        private let condition = NSCondition()
        private var generation = 0
        private var current: Job?
        private var quitting = false
        private let finished = DispatchSemaphore(value: 0)

        /// The tasks 0..<count of one `forEach`.
        private final class Job: @unchecked Sendable {
            let body: (Int) -> Void
            let count: Int
            private let condition = NSCondition()
            private var next = 0
            private var done = 0

            init(count: Int, body: @escaping (Int) -> Void) {
                self.count = count
                self.body = body
            }

            /// Runs tasks until none is left to take.
            func work() {
                while true {
                    condition.lock()
                    let task = next
                    next += 1
                    condition.unlock()
                    guard task < count else { return }
                    body(task)
                    condition.lock()
                    done += 1
                    if done == count { condition.broadcast() }
                    condition.unlock()
                }
            }

            func waitUntilDone() {
                condition.lock()
                while done < count { condition.wait() }
                condition.unlock()
            }
        }

        init(size: Int) {
            self.size = max(1, size)
            for _ in 1..<self.size {
                let thread = Thread { [unowned(unsafe) self] in self.serve() }
                thread.stackSize = 1 << 20
                thread.start()
            }
        }

        /// Runs `body(task)` for every task in 0..<count, each on whichever member takes it first, and
        /// returns when all are done.
        func forEach(_ count: Int, _ body: @escaping (Int) -> Void) {
            guard size > 1, count > 1 else {
                for task in 0..<count { body(task) }
                return
            }
            let job = Job(count: count, body: body)
            condition.lock()
            current = job
            generation += 1
            condition.broadcast()
            condition.unlock()
            job.work()
            job.waitUntilDone()
            condition.lock()
            if current === job { current = nil }
            condition.unlock()
        }

        /// Lets the threads end; call once, when the team is no longer needed.
        func dismiss() {
            condition.lock()
            quitting = true
            condition.broadcast()
            condition.unlock()
            for _ in 1..<size { finished.wait() }
        }

        private func serve() {
            var seen = 0
            while true {
                condition.lock()
                while !quitting, generation == seen { condition.wait() }
                if quitting {
                    condition.unlock()
                    finished.signal()
                    return
                }
                seen = generation
                let job = current
                condition.unlock()
                job?.work()
            }
        }
    }

    /// `pmo measure fsrs` on a mapped review log, on `threads` threads.
    ///
    /// The log is read in windows of a few MiB. In each window the threads parse slices of the lines
    /// and file each review under the owner of its card (a hash of the card id picks one of 16 or
    /// more owners); then they replay the owners, each owner's reviews in file order, with its own
    /// card table and card states (small enough to stay in cache). Slices and owners are handed out
    /// to the threads as they come free. Cards are independent, so this is exactly a line-by-line
    /// replay; memory grows with the number of cards, not of reviews. Cards are written in order of
    /// first appearance by merging the owners' cards on the offset of their first review.
    final class ParallelReplay: @unchecked Sendable {
        let file: MappedFile
        let dataStart: Int
        let cardColumn: Int, ratingColumn: Int, timeColumn: Int
        let neededFields: Int
        let scheduler: FSRSScheduler
        /// The scheduler's arithmetic on compact cards, when it checks out (it always should).
        let kernel: FSRSKernel?
        let threads: Int
        /// Slices per window, and owners of cards: at least 16 (each owner's cards fit in cache), two
        /// per thread with more threads.
        let tasks: Int
        private let shards: [Shard]
        /// The reviews of the window being replayed, filed by slice and owner (made by `run`).
        private var parsed: RecordStore?
        /// Per slice: the first problem found while parsing it (each thread writes its own entry).
        private let parseErrors: UnsafeMutablePointer<(offset: Int, message: String)?>
        /// Where the window being parsed and replayed starts (set between phases, read during them).
        private var windowStart = 0
        private(set) var reviewCount = 0
        private(set) var computing = Duration.zero

        init(file: MappedFile, dataStart: Int, columns: (card: Int, rating: Int, time: Int), scheduler: FSRSScheduler, threads: Int) {
            self.file = file
            self.dataStart = dataStart
            cardColumn = columns.card
            ratingColumn = columns.rating
            timeColumn = columns.time
            neededFields = max(columns.card, columns.rating, columns.time) + 1
            self.scheduler = scheduler
            kernel = FSRSKernel(scheduler)
            self.threads = max(1, threads)
            let tasks = max(16, 2 * self.threads)
            self.tasks = tasks
            shards = (0..<tasks).map { _ in Shard() }
            parseErrors = .allocate(capacity: tasks)
            parseErrors.initialize(repeating: nil, count: tasks)
        }

        deinit {
            parseErrors.deinitialize(count: tasks)
            parseErrors.deallocate()
        }

        /// Replays the whole log; throws the first problem in file order.
        func run() throws {
            let team = WorkerTeam(size: threads)
            defer { team.dismiss() }
            let size = file.count - dataStart
            // Windows of at most 16 MiB (4 MiB with up to 8 threads), which bounds the memory the parsed
            // reviews take whatever the size of the log.
            let sliceBytes = min(256 << 10, (16 << 20) / tasks, max(16 << 10, size / max(1, 2 * tasks)))
            // Room for a slice's reviews for each owner, from the length of the first lines (5/4 of the
            // mean, the hash spreads cards evenly; a bucket that fills up spills into an overflow).
            var sample = 0, position = dataStart
            let sampleEnd = min(file.count, dataStart + (256 << 10))
            while position < sampleEnd {
                position = file.base.lineAfter(position, fileEnd: sampleEnd)
                sample += 1
            }
            let meanLine = max(8, (sampleEnd - dataStart) / max(1, sample))
            parsed = RecordStore(buckets: tasks * tasks, capacity: sliceBytes / meanLine / tasks * 5 / 4 + 16)
            windowStart = dataStart
            let clock = ContinuousClock()
            while windowStart < file.count {
                var cuts = [windowStart]
                for part in 1...tasks {
                    cuts.append(max(cuts[part - 1], file.lineStart(atOrAfter: windowStart + part * sliceBytes)))
                }
                let slices = cuts
                guard slices[tasks] - windowStart < Int(Int32.max) else {  // offsets within a window are 32-bit
                    throw InputError(file: file.path, line: file.lineNumber(at: windowStart), message: "a line is longer than 1 GiB")
                }
                team.forEach(tasks) { part in self.parse(part, slices[part]..<slices[part + 1]) }
                let started = clock.now
                team.forEach(tasks) { owner in self.replay(owner) }
                computing += clock.now - started
                let windowEnd = slices[tasks]
                try reportErrors()
                file.release(windowStart..<windowEnd)
                windowStart = windowEnd
            }
            reviewCount = shards.reduce(0) { $0 + $1.reviews }
        }

        /// Throws the earliest problem of the window, if any.
        private func reportErrors() throws {
            var first: (offset: Int, message: String)?
            for part in 0..<tasks {
                guard let error = parseErrors[part] else { continue }
                if first == nil || error.offset < first!.offset { first = error }
            }
            for shard in shards {
                guard let error = shard.error else { continue }
                if first == nil || error.offset < first!.offset {
                    first = (error.offset, "this review of card '\(shard.name(error.card))' is earlier than its previous one; sort the log by time")
                }
            }
            if let first { throw InputError(file: file.path, line: file.lineNumber(at: first.offset), message: first.message) }
        }

        // MARK: Parsing a slice

        private func parse(_ part: Int, _ range: Range<Int>) {
            parseErrors[part] = nil
            let store = parsed!
            let first = part * tasks
            for owner in 0..<tasks { store.removeAll(first + owner) }
            guard !range.isEmpty else { return }
            var splitter = FieldSplitter()
            defer { splitter.deallocate() }
            let base = file.base, fileEnd = file.count
            let cardColumn = cardColumn, ratingColumn = ratingColumn, timeColumn = timeColumn, neededFields = neededFields
            let owners = UInt64(tasks)
            let windowStart = windowStart, windowBase = base + windowStart
            // Lines of exactly the three columns (the usual `c00001,3,1704067200`) are split right here
            // from a few words; any other line goes through the splitter.
            let threeColumns = neededFields == 3
            var position = range.lowerBound
            while position < range.upperBound {
                let lineStart = position
                let card: UnsafeBufferPointer<UInt8>, ratingField: UnsafeBufferPointer<UInt8>, timeField: UnsafeBufferPointer<UInt8>
                // Fields of a line without quotes point into the mapped file, where whole words can be
                // read past the id; an unquoted copy in scratch memory is read byte by byte at its end.
                let inFile: Bool
                if threeColumns, let line = FieldSplitter.threeFields(base, at: position, fileEnd: fileEnd) {
                    func field(_ column: Int) -> UnsafeBufferPointer<UInt8> {
                        switch column {
                        case 0: UnsafeBufferPointer(start: base + position, count: line.first)
                        case 1: UnsafeBufferPointer(start: base + (position &+ line.first &+ 1), count: line.second &- line.first &- 1)
                        default: UnsafeBufferPointer(start: base + (position &+ line.second &+ 1), count: line.feed &- line.second &- 1)
                        }
                    }
                    (card, ratingField, timeField) = (field(cardColumn), field(ratingColumn), field(timeColumn))
                    inFile = true
                    position &+= line.feed &+ 1
                } else {
                    let (next, scanned) = splitter.scan(base, at: position, fileEnd: fileEnd)
                    position = next
                    guard let scanned else { continue }
                    guard case .success(let fields) = scanned else {
                        if case .failure(let problem) = scanned { parseErrors[part] = (lineStart, problem.message) }
                        return
                    }
                    guard fields.count >= neededFields else {
                        parseErrors[part] = (lineStart, "expected at least \(neededFields) fields, found \(fields.count)")
                        return
                    }
                    (card, ratingField, timeField) = (fields[cardColumn], fields[ratingColumn], fields[timeColumn])
                    inFile = fields.base == base + lineStart
                }
                let rating: Int
                if ratingField.count == 1, ratingField[0] >= 0x31, ratingField[0] <= 0x34 {
                    rating = Int(ratingField[0] &- 0x30)
                } else if let parsed = PMO.Measure.rating(ratingField) {
                    rating = parsed.rawValue
                } else {
                    parseErrors[part] = (lineStart, "rating '\(String(decoding: ratingField, as: UTF8.self))' is not 1-4 or again/hard/good/easy")
                    return
                }
                guard let seconds = Timestamp.parse(timeField) else {
                    parseErrors[part] = (lineStart, "time '\(String(decoding: timeField, as: UTF8.self))' is neither Unix seconds nor ISO 8601 (2024-01-31T09:30:00Z)")
                    return
                }
                let cardStart = card.baseAddress!
                let (hash, prefix) = CardTable.hash(card, readableUntil: inFile ? base + fileEnd : cardStart + card.count)
                let bucket = first &+ Int(truncatingIfNeeded: ((hash &>> 32) &* owners) &>> 32)
                var key = Int32(truncatingIfNeeded: cardStart - windowBase)
                if !inFile { key = store.keep(UnsafeBufferPointer(start: cardStart, count: card.count), in: bucket) }
                store.append(ParsedReview(hash: hash, prefix: prefix, time: seconds, key: key,
                                          offset: Int32(truncatingIfNeeded: lineStart - windowStart),
                                          length: Int32(truncatingIfNeeded: card.count), rating: UInt8(truncatingIfNeeded: rating)),
                             to: bucket)
            }
        }

        // MARK: Replaying the reviews of one owner

        private func replay(_ owner: Int) {
            let shard = shards[owner]
            guard shard.error == nil else { return }
            let scheduler = scheduler, kernel = kernel
            let windowStart = windowStart, windowBase = file.base + windowStart
            // The shard's storage in local variables while replaying (see `parse`).
            var table = shard.table, cards = shard.cards, counts = shard.counts, firstSeen = shard.firstSeen
            var replayed = 0
            var error: (offset: Int, card: Int)?
            defer {
                shard.table = table
                shard.cards = cards
                shard.counts = counts
                shard.firstSeen = firstSeen
                shard.reviews += replayed
                shard.error = error
            }
            // Reviews go in batches: first every card of the batch is looked up (and created), then
            // their states are read, then replayed in order. The lookups and reads of a batch do not
            // depend on each other, so their cache misses overlap instead of queueing one by one.
            let batch = 32
            var indices = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var touched = 0
            withUnsafeMutableBytes(of: &indices) { raw in
                let cardOf = raw.baseAddress!.assumingMemoryBound(to: Int.self)
                let store = parsed!
                for segment in 0..<2 * tasks {
                    // Each slice's reviews for this owner: those in the store's region, then any overflow.
                    let bucket = (segment >> 1) * tasks + owner
                    let (reviews, total) = segment & 1 == 0 ? store.records(bucket) : store.overflowRecords(bucket)
                    let kept = store.kept(bucket)
                    var first = 0
                    while first < total {
                        let size = min(batch, total - first)
                        for slot in 0..<size { touched &+= table.peek(reviews[first + slot].hash) }
                        for slot in 0..<size {
                            let review = reviews[first + slot]
                            let key: UnsafePointer<UInt8> = review.key >= 0 ? windowBase + Int(review.key) : UnsafePointer(kept + Int(-1 - review.key))
                            let card = table.index(of: UnsafeBufferPointer(start: key, count: Int(review.length)),
                                                   hash: review.hash, prefix: review.prefix)
                            if card == cards.count {
                                cards.append(ReplayCard(due: Date(timeIntervalSince1970: review.time)))
                                counts.append(0)
                                firstSeen.append(windowStart + Int(review.offset))
                            }
                            cardOf[slot] = card
                        }
                        for slot in 0..<size { touched &+= counts[cardOf[slot]] &+ Int(cards[cardOf[slot]].step) }
                        for slot in 0..<size {
                            let review = reviews[first + slot], card = cardOf[slot]
                            let date = Date(timeIntervalSince1970: review.time)
                            let state = cards.base + card
                            if state.pointee.reviewed, date < state.pointee.lastReview {
                                error = (windowStart + Int(review.offset), card)
                                return
                            }
                            if let kernel {
                                kernel.review(&state.pointee, rating: Int(review.rating), at: date)
                            } else {
                                state.pointee = ReplayCard(scheduler.review(state.pointee.reviewCard,
                                                                            rating: ReviewRating(rawValue: Int(review.rating)) ?? .good,
                                                                            at: date).card)
                            }
                            counts[card] += 1
                            replayed += 1
                        }
                        first += size
                    }
                }
            }
            shard.touched = touched
        }

        // MARK: Output

        /// Writes every card's final state, cards in order of first appearance.
        func write(to sink: OutputSink, json: Bool, team size: Int) {
            let states = (1...3).map { Array((CardState(rawValue: $0)?.description ?? "").utf8) }
            // The order of first appearance: a k-way merge of the owners' cards on the offset of their
            // first review (each owner's are in that order already); `earliest[owner]` is that of the
            // owner's next card, Int.max when it has none left.
            let views = shards.map { CardView(cards: $0.cards, counts: $0.counts, table: $0.table, firstSeen: $0.firstSeen) }
            let total = views.reduce(0) { $0 + $1.cards.count }
            let order = UnsafeMutablePointer<(owner: Int32, card: Int32)>.allocate(capacity: max(1, total))
            defer { order.deallocate() }
            do {
                var next = [Int](repeating: 0, count: tasks)
                var earliest = views.map { $0.cards.count > 0 ? $0.firstSeen[0] : Int.max }
                for position in 0..<total {
                    var chosen = 0
                    for owner in 1..<max(1, tasks) where earliest[owner] < earliest[chosen] { chosen = owner }
                    let card = next[chosen]
                    order[position] = (Int32(truncatingIfNeeded: chosen), Int32(truncatingIfNeeded: card))
                    next[chosen] = card + 1
                    earliest[chosen] = card + 1 < views[chosen].cards.count ? views[chosen].firstSeen[card + 1] : .max
                }
            }
            // Then contiguous runs of that order are formatted in parallel and written one after the other.
            let parts = max(1, min(tasks, total / 1024))
            let partBytes = 96 * (total / parts + 1)
            // The memory of the parsed reviews, already mapped, is free now: the lines go there when it
            // is large enough (buffers that outgrow their share move to memory of their own).
            let region = parsed.flatMap { $0.region.count >= parts * partBytes ? $0.region : nil } ?? ScratchRegion(bytes: parts * partBytes)
            let buffers = UnsafeMutablePointer<ByteBuffer>.allocate(capacity: parts)
            for part in 0..<parts {
                (buffers + part).initialize(to: ByteBuffer(storage: region.base.assumingMemoryBound(to: UInt8.self) + part * partBytes,
                                                           capacity: partBytes))
            }
            defer {
                for part in 0..<parts { buffers[part].free() }
                buffers.deallocate()
            }
            let team = WorkerTeam(size: min(size, threads))
            let shared = FormatBuffers(buffers: buffers, order: order)
            team.forEach(parts) { part in
                let range = total * part / parts..<total * (part + 1) / parts
                ParallelReplay.format(range, of: shared.order, views: views, into: &shared.buffers[part], states: states, json: json)
            }
            team.dismiss()
            for part in 0..<parts {
                // JSON records each start with a comma; the first one must not.
                let skip = json && part == 0 && buffers[part].count > 0 ? 1 : 0
                sink.appendUnbuffered(buffers[part].base + skip, buffers[part].count - skip)
            }
            if json { sink.append(total == 0 ? "]\n" : "\n]\n") }
            withExtendedLifetime(region) {}  // the buffers' memory, written out above
        }

        var cardCount: Int { shards.reduce(0) { $0 + $1.cards.count } }

        /// A card id as the streaming path writes it: decoded as UTF-8 (invalid bytes become U+FFFD), then escaped.
        private static func appendID(_ id: UnsafeBufferPointer<UInt8>, json: Bool, to output: inout ByteBuffer) {
            if !id.contains(where: { $0 >= 0x80 }) {
                if json { output.appendJSONString(id) } else { output.appendCSVField(id) }
                return
            }
            Array(String(decoding: id, as: UTF8.self).utf8).withUnsafeBufferPointer { text in
                if json { output.appendJSONString(text) } else { output.appendCSVField(text) }
            }
        }

        /// Writes the lines of the cards `order[range]`.
        private static func format(_ range: Range<Int>, of order: UnsafeMutablePointer<(owner: Int32, card: Int32)>,
                                   views: [CardView], into output: inout ByteBuffer, states: [[UInt8]], json: Bool) {
            for position in range {
                let (owner, index) = (Int(order[position].owner), Int(order[position].card))
                let view = views[owner]
                let card = view.cards[index], count = view.counts[index]
                let id = view.table.key(index)
                if json {
                    output.append(",\n  {\"card\": ")
                    ParallelReplay.appendID(id, json: true, to: &output)
                    output.append(", \"state\": \"")
                    output.append(states[Int(card.state) - 1])
                    output.append("\", \"step\": ")
                    if card.step >= 0 { output.appendInteger(Int(card.step)) } else { output.append("null") }
                    output.append(", \"stability\": ")
                    output.appendFixed(card.reviewed ? card.stability : 0)
                    output.append(", \"difficulty\": ")
                    output.appendFixed(card.reviewed ? card.difficulty : 0)
                    output.append(", \"due\": \"")
                    output.appendTimestamp(card.due.timeIntervalSince1970)
                    output.append("\", \"last_review\": ")
                    if card.reviewed {
                        output.append(0x22)
                        output.appendTimestamp(card.lastReview.timeIntervalSince1970)
                        output.append(0x22)
                    } else {
                        output.append("null")
                    }
                    output.append(", \"reviews\": ")
                    output.appendInteger(count)
                    output.append(0x7D)
                } else {
                    ParallelReplay.appendID(id, json: false, to: &output)
                    output.append(0x2C)
                    output.append(states[Int(card.state) - 1])
                    output.append(0x2C)
                    if card.step >= 0 { output.appendInteger(Int(card.step)) }
                    output.append(0x2C)
                    output.appendFixed(card.reviewed ? card.stability : 0)
                    output.append(0x2C)
                    output.appendFixed(card.reviewed ? card.difficulty : 0)
                    output.append(0x2C)
                    output.appendTimestamp(card.due.timeIntervalSince1970)
                    output.append(0x2C)
                    if card.reviewed { output.appendTimestamp(card.lastReview.timeIntervalSince1970) }
                    output.append(0x2C)
                    output.appendInteger(count)
                    output.append(0x0A)
                }
            }
        }
    }

    /// The output buffers and the card order shared by the formatting threads; each writes only its own buffer.
    private struct FormatBuffers: @unchecked Sendable {
        let buffers: UnsafeMutablePointer<ByteBuffer>
        let order: UnsafeMutablePointer<(owner: Int32, card: Int32)>
    }

    /// An owner's cards, for reading on any thread once the replay is over.
    struct CardView: @unchecked Sendable {
        let cards: Growable<ReplayCard>
        let counts: Growable<Int>
        let table: CardTable
        let firstSeen: Growable<Int>
    }

    /// A parsed review waiting for its owner to replay it (40 bytes).
    struct ParsedReview {
        var hash: UInt64
        /// The id's first 8 bytes, zero-padded.
        var prefix: UInt64
        var time: Double
        /// Offset of the id from the window's start, or `-1 - offset` in the bucket's kept bytes.
        var key: Int32
        /// Offset of the line from the window's start.
        var offset: Int32
        var length: Int32
        var rating: UInt8
    }

    /// The reviews of a window filed by slice and owner: bucket `part * owners + owner` holds up to
    /// `capacity` reviews in one region of (huge-page) memory, and any more in an overflow of its own.
    /// A parsing thread appends only to the buckets of its slice; a replaying thread reads only
    /// those of its owner.
    final class RecordStore: @unchecked Sendable {
        let capacity: Int
        /// The memory of the buckets (free for other uses once the replay is over).
        let region: ScratchRegion
        private let records: UnsafeMutablePointer<ParsedReview>
        private let counts: UnsafeMutablePointer<Int>
        private let overflow: UnsafeMutablePointer<Growable<ParsedReview>>
        /// Ids that were quoted in the file, unquoted.
        private let keptIDs: UnsafeMutablePointer<Growable<UInt8>>
        private let buckets: Int

        init(buckets: Int, capacity: Int) {
            self.buckets = buckets
            self.capacity = max(16, capacity)
            region = ScratchRegion(bytes: buckets * self.capacity * MemoryLayout<ParsedReview>.stride)
            records = region.base.bindMemory(to: ParsedReview.self, capacity: buckets * self.capacity)
            counts = .allocate(capacity: buckets)
            counts.initialize(repeating: 0, count: buckets)
            overflow = .allocate(capacity: buckets)
            keptIDs = .allocate(capacity: buckets)
            for bucket in 0..<buckets {
                (overflow + bucket).initialize(to: Growable(capacity: 16))
                (keptIDs + bucket).initialize(to: Growable(capacity: 16))
            }
        }

        deinit {
            for bucket in 0..<buckets {
                overflow[bucket].deallocate()
                keptIDs[bucket].deallocate()
            }
            counts.deallocate()
            overflow.deallocate()
            keptIDs.deallocate()
        }

        func removeAll(_ bucket: Int) {
            counts[bucket] = 0
            overflow[bucket].removeAll()
            keptIDs[bucket].removeAll()
        }

        @inline(__always)
        func append(_ review: ParsedReview, to bucket: Int) {
            let count = counts[bucket]
            if count < capacity {
                (records + (bucket &* capacity &+ count)).initialize(to: review)
                counts[bucket] = count &+ 1
            } else {
                overflow[bucket].append(review)
            }
        }

        /// Keeps a copy of an id; returns the `key` that finds it (`-1 - offset`).
        func keep(_ id: UnsafeBufferPointer<UInt8>, in bucket: Int) -> Int32 {
            let offset = keptIDs[bucket].count
            if let base = id.baseAddress { keptIDs[bucket].append(base, id.count) }
            return -1 - Int32(truncatingIfNeeded: offset)
        }

        func records(_ bucket: Int) -> (UnsafePointer<ParsedReview>, Int) {
            (UnsafePointer(records + bucket * capacity), counts[bucket])
        }

        func overflowRecords(_ bucket: Int) -> (UnsafePointer<ParsedReview>, Int) {
            (UnsafePointer(overflow[bucket].base), overflow[bucket].count)
        }

        func kept(_ bucket: Int) -> UnsafePointer<UInt8> { UnsafePointer(keptIDs[bucket].base) }
    }

    /// The cards one thread owns: their ids, states, review counts and first appearance in the file.
    final class Shard: @unchecked Sendable {
        var table = CardTable()
        var cards = Growable<ReplayCard>(capacity: 1 << 10)
        var counts = Growable<Int>(capacity: 1 << 10)
        var firstSeen = Growable<Int>(capacity: 1 << 10)
        var reviews = 0
        var error: (offset: Int, card: Int)?
        /// A sum of the states read ahead of the replay, kept so that the reads are not optimised away.
        var touched = 0

        func name(_ card: Int) -> String { String(decoding: table.key(card), as: UTF8.self) }

        deinit {
            table.deallocate()
            cards.deallocate()
            counts.deallocate()
            firstSeen.deallocate()
        }
    }

    /// Interns card ids as dense indices 0, 1, 2, … (in order of insertion), with open addressing.
    ///
    /// The hash and the id's first 8 bytes are computed by the parsing threads; a slot holds the
    /// first 8 bytes, the length and part of the hash, so a lookup of an id of at most 8 bytes reads
    /// one slot and never the stored ids.
    struct CardTable {
        private struct Slot {
            var prefix: UInt64
            /// 0 when empty, else hash tag (16 bits) << 48 | min(length, 65535) << 32 | (index + 1).
            var meta: UInt64
        }

        private var slots: UnsafeMutablePointer<Slot>
        private var mask: Int
        private var bytes = Growable<UInt8>(capacity: 1 << 12)
        private var starts = Growable<Int>(capacity: 1 << 10)
        private(set) var count = 0

        init() {
            mask = (1 << 12) - 1
            slots = .allocate(capacity: mask + 1)
            slots.initialize(repeating: Slot(prefix: 0, meta: 0), count: mask + 1)
            starts.append(0)
        }

        func deallocate() {
            slots.deallocate()
            bytes.deallocate()
            starts.deallocate()
        }

        /// The hash of `key` and its first 8 bytes; `readableUntil` bounds the memory that may be
        /// read past the key (a whole word is loaded when it fits).
        @inline(__always)
        static func hash(_ key: UnsafeBufferPointer<UInt8>, readableUntil limit: UnsafePointer<UInt8>) -> (UInt64, UInt64) {
            guard let base = key.baseAddress, key.count > 0 else { return (0x9E37_79B9_7F4A_7C15, 0) }
            let length = key.count
            var hash = UInt64(length) &* 0x9E37_79B9_7F4A_7C15
            var prefix: UInt64 = 0
            var index = 0
            while index < length {
                let remaining = length - index
                var word: UInt64
                if base + index + 8 <= limit {
                    word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if remaining < 8 { word &= (1 &<< UInt64(8 * remaining)) &- 1 }
                } else {
                    word = 0
                    for byte in 0..<min(8, remaining) { word |= UInt64(base[index + byte]) &<< UInt64(8 * byte) }
                }
                if index == 0 { prefix = word }
                hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash &>> 31
                index += 8
            }
            hash &*= 0x94D0_49BB_1331_11EB
            return (hash ^ (hash &>> 29), prefix)
        }

        /// Reads the first slot an id with `hash` would probe (to have it in cache before the lookup).
        @inline(__always)
        func peek(_ hash: UInt64) -> Int {
            Int(truncatingIfNeeded: slots[Int(truncatingIfNeeded: hash) & mask].meta)
        }

        /// The index of the id, adding it (as index `count`) when new.
        @inline(__always)
        mutating func index(of key: UnsafeBufferPointer<UInt8>, hash: UInt64, prefix: UInt64) -> Int {
            let wanted = (hash &>> 48) &<< 16 | UInt64(min(key.count, 0xFFFF))
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry.meta == 0 { break }
                if entry.meta &>> 32 == wanted, entry.prefix == prefix {
                    let index = Int(entry.meta & 0xFFFF_FFFF) - 1
                    if key.count <= 8 || matches(key, index) { return index }
                }
                slot = (slot + 1) & mask
            }
            let index = count
            if key.count <= 8 {
                bytes.appendWord(prefix, length: key.count)  // the prefix is the whole id
            } else if let base = key.baseAddress {
                bytes.append(base, key.count)
            }
            starts.append(bytes.count)
            count += 1
            slots[slot] = Slot(prefix: prefix, meta: wanted &<< 32 | UInt64(index + 1))
            if count * 2 > mask + 1 { grow() }
            return index
        }

        private func matches(_ key: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
            let start = starts[index], length = starts[index + 1] - start
            guard length == key.count, let base = key.baseAddress else { return length == key.count }
            return PMO.Measure.equalBytes(base, bytes.base + start, length)
        }

        private mutating func grow() {
            let larger = (mask + 1) * 2
            let newSlots = UnsafeMutablePointer<Slot>.allocate(capacity: larger)
            newSlots.initialize(repeating: Slot(prefix: 0, meta: 0), count: larger)
            let newMask = larger - 1
            for old in 0...mask where slots[old].meta != 0 {
                let entry = slots[old]
                let index = Int(entry.meta & 0xFFFF_FFFF) - 1
                let key = UnsafeBufferPointer(start: bytes.base + starts[index], count: starts[index + 1] - starts[index])
                let limit = bytes.base + starts[index + 1]
                let (hash, _) = CardTable.hash(key, readableUntil: limit)
                var slot = Int(truncatingIfNeeded: hash) & newMask
                while newSlots[slot].meta != 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = entry
            }
            slots.deallocate()
            slots = newSlots
            mask = newMask
        }

        /// The bytes of id `index` (valid until the next insertion).
        func key(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: bytes.base + starts[index], count: starts[index + 1] - starts[index])
        }
    }
}
