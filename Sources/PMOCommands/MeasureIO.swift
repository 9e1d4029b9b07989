import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The machinery behind the parallel paths of `pmo measure estimate` and `pmo measure fsrs`: a
// memory-mapped input file cut into byte ranges at line boundaries, a line scanner that splits
// fields straight from the mapped bytes, output buffers with number formatting, and a pipeline
// that runs chunks on worker threads and hands their results back in file order.

extension PMO.Measure {
    /// A whole input file mapped read-only, so that worker threads can parse disjoint byte ranges of it.
    ///
    /// Pages are dropped from the process (`release`) once their range is processed, so the resident
    /// memory stays flat however large the file is; the kernel keeps them in its page cache.
    final class MappedFile: @unchecked Sendable {
        let path: String
        let base: UnsafePointer<UInt8>
        let count: Int
        private let pageSize: Int

        /// Maps `path`; `nil` when it cannot be mapped (empty, or not a regular file such as a pipe),
        /// in which case the caller reads it as a stream. Throws when the file cannot be opened.
        static func map(_ path: String) throws -> MappedFile? {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw InputError(file: path, line: 0, message: "cannot open the file: \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & 0o170000 == 0o100000, status.st_size > 0 else { return nil }
            let count = Int(status.st_size)
            guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
            _ = madvise(address, count, MADV_SEQUENTIAL)
            return MappedFile(path: path, base: UnsafePointer(address.assumingMemoryBound(to: UInt8.self)), count: count)
        }

        private init(path: String, base: UnsafePointer<UInt8>, count: Int) {
            self.path = path
            self.base = base
            self.count = count
            pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))
        }

        deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }

        /// Drops the whole pages inside `range` from memory (they are read again if touched).
        func release(_ range: Range<Int>) {
            let first = (range.lowerBound + pageSize - 1) / pageSize * pageSize
            let last = range.upperBound >= count ? count : range.upperBound / pageSize * pageSize
            guard last > first else { return }
            _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED)
        }

        /// The 1-based number of the line holding byte `offset`.
        func lineNumber(at offset: Int) -> Int {
            var line = 1, position = 0
            let end = min(offset, count)
            while position < end, let found = memchr(base + position, 0x0A, end - position) {
                line += 1
                position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
            }
            return line
        }

        /// The first line start at or after `offset` (`count` when none).
        func lineStart(atOrAfter offset: Int) -> Int {
            if offset <= 0 { return 0 }
            if offset >= count { return count }
            if base[offset - 1] == 0x0A { return offset }
            guard let found = memchr(base + offset, 0x0A, count - offset) else { return count }
            return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
        }

        /// The line starting at `start`: where its content ends (before `\r\n` or `\n`) and where the next one starts.
        func line(at start: Int) -> (end: Int, next: Int) {
            guard start < count else { return (count, count) }
            var end = count, next = count
            if let found = memchr(base + start, 0x0A, count - start) {
                end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                next = end + 1
            }
            if end > start, base[end - 1] == 0x0D { end -= 1 }
            return (end, next)
        }

        /// The start of the line before the one starting at `start` (`nil` when `start` is at or before `floor`).
        func previousLineStart(before start: Int, floor: Int) -> Int? {
            guard start > floor else { return nil }
            var position = start - 1  // the '\n' ending the previous line
            while position > floor, base[position - 1] != 0x0A { position -= 1 }
            return position
        }
    }

    /// Zeroed memory for big scratch buffers, mapped in transparent huge pages where the kernel allows
    /// (`MADV_HUGEPAGE`): one page fault per 2 MiB touched instead of one per 4 KiB, which on a
    /// virtual machine is most of the cost of fresh memory. Freed as a whole.
    final class ScratchRegion: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let count: Int
        private let mapping: UnsafeMutableRawPointer?
        private let length: Int

        init(bytes: Int) {
            count = max(64, bytes)
            let huge = 2 << 20
            length = count + huge
            if let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
               address != MAP_FAILED {
                #if os(Linux)
                _ = madvise(address, length, 14 /* MADV_HUGEPAGE */)
                #endif
                mapping = address
                let aligned = (Int(bitPattern: address) + huge - 1) / huge * huge
                base = address + (aligned - Int(bitPattern: address))
            } else {
                mapping = nil
                base = .allocate(byteCount: count, alignment: 64)
                base.initializeMemory(as: UInt8.self, repeating: 0, count: count)
            }
        }

        deinit {
            if let mapping { munmap(mapping, length) } else { base.deallocate() }
        }
    }

    /// Splits CSV lines into fields, for `CSVReader` and the parallel readers: fields point into the line, or, for a line with
    /// quotes, into a scratch copy with the quoting removed (RFC 4180). One per thread.
    struct FieldSplitter {
        let starts: UnsafeMutablePointer<Int>
        let ends: UnsafeMutablePointer<Int>
        private(set) var scratch: UnsafeMutablePointer<UInt8>
        private var scratchCapacity: Int

        init() {
            starts = .allocate(capacity: CSVReader.maximumFields)
            ends = .allocate(capacity: CSVReader.maximumFields)
            scratchCapacity = 4096
            scratch = .allocate(capacity: scratchCapacity)
        }

        func deallocate() {
            starts.deallocate()
            ends.deallocate()
            scratch.deallocate()
        }

        /// The fields of the line `line[0..<length]` (without its line break), or the reason it cannot be split.
        mutating func split(_ line: UnsafePointer<UInt8>, _ length: Int) -> Result<CSVRecord, LineProblem> {
            var count = 0, fieldStart = 0, quoted = false
            for index in 0..<length {
                let byte = line[index]
                if byte == 0x2C {
                    guard count < CSVReader.maximumFields - 1 else { return .failure(.tooManyFields) }
                    starts[count] = fieldStart
                    ends[count] = index
                    count += 1
                    fieldStart = index + 1
                } else if byte == 0x22 {
                    quoted = true
                    break
                }
            }
            if !quoted {
                starts[count] = fieldStart
                ends[count] = length
                return .success(CSVRecord(base: line, starts: starts, ends: ends, count: count + 1))
            }
            if scratchCapacity < length {
                scratch.deallocate()
                scratchCapacity = length
                scratch = .allocate(capacity: length)
            }
            var out = 0, index = 0, inQuotes = false
            count = 0
            fieldStart = 0
            while index < length {
                let byte = line[index]
                if inQuotes {
                    if byte == 0x22 {
                        if index + 1 < length, line[index + 1] == 0x22 {
                            scratch[out] = 0x22
                            out += 1
                            index += 1
                        } else {
                            inQuotes = false
                        }
                    } else {
                        scratch[out] = byte
                        out += 1
                    }
                } else if byte == 0x22 {
                    inQuotes = true
                } else if byte == 0x2C {
                    guard count < CSVReader.maximumFields - 1 else { return .failure(.tooManyFields) }
                    starts[count] = fieldStart
                    ends[count] = out
                    count += 1
                    fieldStart = out
                } else {
                    scratch[out] = byte
                    out += 1
                }
                index += 1
            }
            guard !inQuotes else { return .failure(.unclosedQuote) }
            starts[count] = fieldStart
            ends[count] = out
            return .success(CSVRecord(base: UnsafePointer(scratch), starts: starts, ends: ends, count: count + 1))
        }

        /// Splits the line starting at `start` of `file`, straight from the mapped bytes when it has no
        /// quotes (eight bytes at a time). Returns where the next line starts and the fields, `nil`
        /// for an empty line.
        @inline(__always)
        mutating func scan(_ file: UnsafePointer<UInt8>, at start: Int, fileEnd: Int)
            -> (next: Int, record: Result<CSVRecord, LineProblem>?) {
            // A line of at most 31 bytes without quotes: commas and the line feed found in two or
            // four words as bit masks, with no branch per byte.
            if start &+ 16 <= fileEnd {
                let raw = UnsafeRawPointer(file + start)
                let low = raw.loadUnaligned(as: UInt64.self), high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                var feeds = FieldSplitter.positions(low, high, of: 0x0A)
                var quotes = FieldSplitter.anyByte(low, 0x22) | FieldSplitter.anyByte(high, 0x22)
                var commas: UInt64 = 0
                if feeds == 0, start &+ 32 <= fileEnd {
                    let third = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                    let fourth = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                    feeds = FieldSplitter.positions(third, fourth, of: 0x0A) &<< 16
                    quotes |= FieldSplitter.anyByte(third, 0x22) | FieldSplitter.anyByte(fourth, 0x22)
                    commas = FieldSplitter.positions(third, fourth, of: 0x2C) &<< 16
                }
                if feeds != 0, quotes == 0 {
                    let feed = feeds.trailingZeroBitCount
                    commas = (commas | FieldSplitter.positions(low, high, of: 0x2C)) & ((1 &<< UInt64(feed)) &- 1)
                    var end = feed
                    if end > 0, file[start &+ end &- 1] == 0x0D { end &-= 1 }
                    if end == 0 { return (start &+ feed &+ 1, nil) }
                    var count = 0, fieldStart = 0
                    while commas != 0 {
                        let comma = commas.trailingZeroBitCount
                        starts[count] = fieldStart
                        ends[count] = comma
                        count &+= 1
                        fieldStart = comma &+ 1
                        commas &= commas &- 1
                    }
                    starts[count] = fieldStart
                    ends[count] = end > fieldStart ? end : fieldStart
                    return (start &+ feed &+ 1, .success(CSVRecord(base: file + start, starts: starts, ends: ends, count: count &+ 1)))
                }
            }
            var position = start, fieldStart = start, count = 0
            while true {
                if position &+ 8 <= fileEnd {
                    let word = UnsafeRawPointer(file + position).loadUnaligned(as: UInt64.self)
                    let found = FieldSplitter.specialBytes(word)
                    if found == 0 {
                        position &+= 8
                        continue
                    }
                    position &+= found.trailingZeroBitCount >> 3
                } else {
                    while position < fileEnd {
                        let byte = file[position]
                        if byte == 0x2C || byte == 0x0A || byte == 0x22 { break }
                        position &+= 1
                    }
                }
                if position >= fileEnd || file[position] == 0x0A {
                    var end = position
                    if end > start, file[end &- 1] == 0x0D { end &-= 1 }
                    let next = position >= fileEnd ? fileEnd : position &+ 1
                    if end == start { return (next, nil) }
                    starts[count] = fieldStart &- start
                    ends[count] = (end > fieldStart ? end : fieldStart) &- start
                    return (next, .success(CSVRecord(base: file + start, starts: starts, ends: ends, count: count &+ 1)))
                }
                if file[position] == 0x2C {
                    guard count < CSVReader.maximumFields - 1 else {
                        return (file.lineAfter(position, fileEnd: fileEnd), .failure(.tooManyFields))
                    }
                    starts[count] = fieldStart &- start
                    ends[count] = position &- start
                    count &+= 1
                    position &+= 1
                    fieldStart = position
                    continue
                }
                // A quote: the careful path, on the whole line.
                let next = file.lineAfter(position, fileEnd: fileEnd)
                var end = next
                if end > start, file[end &- 1] == 0x0A { end &-= 1 }
                if end > start, file[end &- 1] == 0x0D { end &-= 1 }
                return (next, split(file + start, end &- start))
            }
        }

        /// The line at `start` when it is the common simple case: exactly three fields, at most 31
        /// bytes, no quotes, ending in a bare line feed. Returns the offsets (from `start`) of its two
        /// commas and of its line feed; `nil` for any other line (for `scan`).
        @inline(__always)
        static func threeFields(_ file: UnsafePointer<UInt8>, at start: Int, fileEnd: Int)
            -> (first: Int, second: Int, feed: Int)? {
            guard start &+ 32 <= fileEnd else { return nil }
            let raw = UnsafeRawPointer(file + start)
            let low = raw.loadUnaligned(as: UInt64.self), high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            var feeds = positions(low, high, of: 0x0A)
            var quotes = anyByte(low, 0x22) | anyByte(high, 0x22)
            var commas = positions(low, high, of: 0x2C)
            if feeds == 0 {
                let third = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                let fourth = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                feeds = positions(third, fourth, of: 0x0A) &<< 16
                quotes |= anyByte(third, 0x22) | anyByte(fourth, 0x22)
                commas |= positions(third, fourth, of: 0x2C) &<< 16
            }
            guard feeds != 0, quotes == 0 else { return nil }
            let feed = feeds.trailingZeroBitCount
            commas &= (1 &<< UInt64(feed)) &- 1
            let later = commas & (commas &- 1)  // without the first comma
            guard commas != 0, later != 0, later & (later &- 1) == 0, file[start &+ feed &- 1] != 0x0D else { return nil }
            return (commas.trailingZeroBitCount, later.trailingZeroBitCount, feed)
        }

        /// Bit i set when byte i of the 16 bytes `low`, `high` (little-endian) equals `byte`.
        @inline(__always)
        static func positions(_ low: UInt64, _ high: UInt64, of byte: UInt8) -> UInt64 {
            let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
            return compress(exactMatches(low ^ pattern)) | compress(exactMatches(high ^ pattern)) &<< 8
        }

        /// 0x80 in each byte of `word` that is zero, exactly (no borrow between bytes).
        @inline(__always)
        static func exactMatches(_ word: UInt64) -> UInt64 {
            let seven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            return ~(((word & seven) &+ seven) | word | seven)
        }

        /// The high bits of the eight bytes of `flags` (each 0x80 or 0) as bits 0…7.
        @inline(__always)
        static func compress(_ flags: UInt64) -> UInt64 {
            ((flags &>> 7) &* 0x0102_0408_1020_4080) &>> 56
        }

        /// Whether some byte of `word` equals `byte`.
        @inline(__always)
        static func anyByte(_ word: UInt64, _ byte: UInt8) -> UInt64 {
            let value = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
            return (value &- 0x0101_0101_0101_0101) & ~value & 0x8080_8080_8080_8080
        }

        /// A word with the high bit set in each byte that is a comma, a line feed or a quote (exact
        /// for the lowest such byte, which is all the scanner uses).
        @inline(__always)
        static func specialBytes(_ word: UInt64) -> UInt64 {
            let low: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            let comma = word ^ 0x2C2C_2C2C_2C2C_2C2C, feed = word ^ 0x0A0A_0A0A_0A0A_0A0A, quote = word ^ 0x2222_2222_2222_2222
            return ((comma &- low) & ~comma | (feed &- low) & ~feed | (quote &- low) & ~quote) & high
        }
    }

    /// Why a line could not be split into fields.
    enum LineProblem: Error {
        case tooManyFields, unclosedQuote

        var message: String {
            switch self {
            case .tooManyFields: "more than \(CSVReader.maximumFields) fields"
            case .unclosedQuote: "a quoted field is not closed (quoted line breaks are not supported)"
            }
        }
    }

    /// A growable byte buffer for output, owned by one thread at a time; `free()` releases it.
    struct ByteBuffer {
        private(set) var base: UnsafeMutablePointer<UInt8>
        private(set) var count = 0
        private(set) var capacity: Int
        /// Whether `base` was allocated here (else it is borrowed, say from a `ScratchRegion`).
        private var owned = true

        init(capacity: Int) {
            self.capacity = max(64, capacity)
            base = .allocate(capacity: self.capacity)
        }

        /// A buffer writing into `capacity` bytes at `storage`, which stay the caller's; it moves to
        /// memory of its own if it outgrows them.
        init(storage: UnsafeMutablePointer<UInt8>, capacity: Int) {
            base = storage
            self.capacity = capacity
            owned = false
        }

        func free() { if owned { base.deallocate() } }

        mutating func removeAll() { count = 0 }

        /// Makes room for `extra` more bytes.
        @inline(__always)
        mutating func reserve(_ extra: Int) {
            if count &+ extra > capacity { grow(count + extra) }
        }

        private mutating func grow(_ needed: Int) {
            var larger = max(64, capacity * 2)
            while larger < needed { larger *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            bigger.update(from: base, count: count)
            if owned { base.deallocate() }
            base = bigger
            capacity = larger
            owned = true
        }

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            reserve(1)
            base[count] = byte
            count &+= 1
        }

        @inline(__always)
        mutating func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
            reserve(length)
            (base + count).update(from: bytes, count: length)
            count &+= length
        }

        mutating func append(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { if let start = $0.baseAddress { append(start, $0.count) } }
        }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { if let start = $0.baseAddress { append(start, $0.count) } }
        }

        /// Decimal digits of `value`, as `OutputSink.appendInteger` writes them.
        @inline(__always)
        mutating func appendInteger(_ value: Int) {
            reserve(21)
            var magnitude: UInt
            if value < 0 {
                base[count] = 0x2D
                count &+= 1
                magnitude = UInt(bitPattern: 0 &- value)
            } else {
                magnitude = UInt(value)
            }
            appendDigits(magnitude, minimumWidth: 1)
        }

        /// `magnitude` in decimal, zero-padded to `minimumWidth` digits (room must be reserved).
        @inline(__always)
        private mutating func appendDigits(_ magnitude: UInt, minimumWidth: Int) {
            var digits = 1, limit: UInt = 10
            var value = magnitude
            while value >= limit, digits < 20 {
                digits &+= 1
                if limit > UInt.max / 10 { break }
                limit &*= 10
            }
            if digits < minimumWidth { digits = minimumWidth }
            var position = count &+ digits
            count = position
            repeat {
                position &-= 1
                base[position] = UInt8(truncatingIfNeeded: 0x30 &+ value % 10)
                value /= 10
            } while position > count &- digits
        }

        /// `value` with `decimals` digits after the point, byte for byte as `OutputSink.appendFixed` writes it.
        @inline(__always)
        mutating func appendFixed(_ value: Double, decimals: Int = 6) {
            guard value.isFinite else {
                append(value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
                return
            }
            var divisor = 1
            for _ in 0..<decimals { divisor &*= 10 }
            let scaled = (abs(value) * Double(divisor)).rounded()
            guard scaled < 9e15 else {
                append(String(value))
                return
            }
            reserve(40)
            let units = Int(scaled)
            if value < 0, units > 0 {
                base[count] = 0x2D
                count &+= 1
            }
            appendDigits(UInt(units / divisor), minimumWidth: 1)
            base[count] = 0x2E
            count &+= 1
            if decimals > 0 { appendDigits(UInt(units % divisor), minimumWidth: decimals) }
        }

        /// A CSV field, quoted when it holds a comma, quote or line break, as `OutputSink.appendCSVField` writes it.
        mutating func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let start = bytes.baseAddress else { return }
            if !bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                append(start, bytes.count)
                return
            }
            append(0x22)
            for byte in bytes {
                if byte == 0x22 { append(0x22) }
                append(byte)
            }
            append(0x22)
        }

        /// A JSON string literal, as `OutputSink.appendJSONString` writes it.
        mutating func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
            append(0x22)
            for value in bytes {
                if let escaped = JSONStringEscape.escaped(value) { append(escaped) } else { append(value) }
            }
            append(0x22)
        }

        /// `Timestamp.format(seconds)` (`2024-01-31T09:30:00Z`, with microseconds when there are any), byte for byte.
        mutating func appendTimestamp(_ seconds: Double) {
            reserve(64)
            let micro = Int((seconds * 1_000_000).rounded())
            var days = micro / 86_400_000_000
            var rest = micro % 86_400_000_000
            if rest < 0 {
                days -= 1
                rest += 86_400_000_000
            }
            let (year, month, day) = Timestamp.civilFromDays(days)
            let second = rest / 1_000_000, fraction = rest % 1_000_000
            appendInteger(year)
            reserve(32)
            base[count] = 0x2D
            count &+= 1
            appendDigits(UInt(month), minimumWidth: 2)
            base[count] = 0x2D
            count &+= 1
            appendDigits(UInt(day), minimumWidth: 2)
            base[count] = 0x54
            count &+= 1
            appendDigits(UInt(second / 3600), minimumWidth: 2)
            base[count] = 0x3A
            count &+= 1
            appendDigits(UInt(second / 60 % 60), minimumWidth: 2)
            base[count] = 0x3A
            count &+= 1
            appendDigits(UInt(second % 60), minimumWidth: 2)
            if fraction > 0 {
                base[count] = 0x2E
                count &+= 1
                appendDigits(UInt(fraction), minimumWidth: 6)
            }
            base[count] = 0x5A
            count &+= 1
        }
    }

    /// Output buffers recycled between chunks, so that each chunk does not fault in fresh pages.
    final class BufferPool: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [ByteBuffer] = []
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        func take() -> ByteBuffer {
            lock.lock()
            defer { lock.unlock() }
            if var buffer = free.popLast() {
                buffer.removeAll()
                return buffer
            }
            return ByteBuffer(capacity: capacity)
        }

        func give(_ buffer: ByteBuffer) {
            lock.lock()
            free.append(buffer)
            lock.unlock()
        }

        deinit { for buffer in free { buffer.free() } }
    }

    /// Runs `work` on chunks 0..<count on worker threads and hands the results to `consume` on the
    /// calling thread in chunk order. At most `window` chunks are in flight (worked on or waiting to
    /// be consumed), so memory stays flat. `consume` returns `false` to stop early.
    final class ChunkPipeline<Output>: @unchecked Sendable {
        private let condition = NSCondition()
        private var slots: [Output?]
        private var claimed = 0
        private var consumed = 0
        private var stopped = false
        private let count: Int
        private let window: Int

        private init(count: Int, window: Int) {
            self.count = count
            self.window = window
            slots = Array(repeating: nil, count: window)
        }

        static func run(count: Int, workers: Int, window: Int,
                        work: @escaping @Sendable (_ chunk: Int, _ worker: Int) -> Output,
                        consume: (_ chunk: Int, _ output: Output) throws -> Bool) rethrows {
            if workers <= 1 || count <= 1 {
                for chunk in 0..<count {
                    if try !consume(chunk, work(chunk, 0)) { break }
                }
                return
            }
            let pipeline = ChunkPipeline(count: count, window: max(window, workers))
            // Threads of their own: the caller blocks while it waits for chunks, and blocking
            // Dispatch or Swift concurrency threads would leave the workers short of cores.
            let finished = DispatchSemaphore(value: 0)
            for worker in 0..<workers {
                let thread = Thread {
                    pipeline.workLoop(worker, work)
                    finished.signal()
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            defer {
                pipeline.stop()
                for _ in 0..<workers { finished.wait() }
            }
            for chunk in 0..<count {
                if try !consume(chunk, pipeline.take(chunk)) { break }
            }
        }

        private func workLoop(_ worker: Int, _ work: (Int, Int) -> Output) {
            while true {
                condition.lock()
                while !stopped, claimed < count, claimed - consumed >= window { condition.wait() }
                if stopped || claimed >= count {
                    condition.unlock()
                    return
                }
                let chunk = claimed
                claimed += 1
                condition.unlock()
                let output = work(chunk, worker)
                condition.lock()
                slots[chunk % window] = output
                condition.broadcast()
                condition.unlock()
            }
        }

        private func take(_ chunk: Int) -> Output {
            condition.lock()
            defer { condition.unlock() }
            while slots[chunk % window] == nil { condition.wait() }
            let output = slots[chunk % window]!
            slots[chunk % window] = nil
            consumed = chunk + 1
            condition.broadcast()
            return output
        }

        private func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }
}

extension UnsafePointer<UInt8> {
    /// The offset just after the line break that ends the line holding `offset` (`fileEnd` when none).
    @inline(__always)
    func lineAfter(_ offset: Int, fileEnd: Int) -> Int {
        guard offset < fileEnd, let found = memchr(self + offset, 0x0A, fileEnd - offset) else { return fileEnd }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - self + 1
    }
}

extension PMO.Measure {
    /// The header of a mapped CSV file (its first non-empty line) split into fields, and where the
    /// data lines start; `nil` when the file holds no non-empty line.
    static func header(of file: MappedFile) throws -> (fields: [String], dataStart: Int)? {
        var splitter = FieldSplitter()
        defer { splitter.deallocate() }
        var position = 0
        while position < file.count {
            let lineStart = position
            let (next, scanned) = splitter.scan(file.base, at: position, fileEnd: file.count)
            position = next
            switch scanned {
            case nil: continue
            case .success(let record): return (record.strings(), next)
            case .failure(let problem): throw InputError(file: file.path, line: file.lineNumber(at: lineStart), message: problem.message)
            }
        }
        return nil
    }
}

/// How the measure commands' writers escape one UTF-8 byte inside a JSON string: `"`, `\` and
/// control characters; nil for a byte written as it is.
enum JSONStringEscape {
    static func escaped(_ byte: UInt8) -> String? {
        switch byte {
        case 0x22: "\\\""
        case 0x5C: "\\\\"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0..<0x20: String(format: "\\u%04x", Int(byte))
        default: nil
        }
    }
}
