import AcademyCore
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PMO {
    /// `pmo measure …`: the measurement engines on plain CSV files, for tools and benchmarks.
    struct Measure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "measure",
            abstract: "Run the measurement engines (EAP, calibration, FSRS) on plain CSV files.",
            discussion: """
            The file layouts are described in docs/measurement.md. Responses files are read as a \
            stream and must be grouped by person (all lines of a person together, in any order \
            within the person): `sort -t, -k1,1 -s` does it. Nothing here touches the database.
            """,
            subcommands: [Estimate.self, Calibrate.self, Simulate.self, FSRS.self]
        )
    }
}

// MARK: - pmo measure estimate

extension PMO.Measure {
    /// How results are printed.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    /// Which ability estimate `estimate` prints.
    enum Method: String, ExpressibleByArgument, CaseIterable {
        case eap, map

        var estimatorMethod: AbilityEstimator.Method { self == .eap ? .eap : .map }
    }

    /// `pmo measure estimate`: θ, SE and level per person and competency, by EAP.
    struct Estimate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "estimate",
            abstract: "Estimate ability (EAP: 61 nodes on [-4, 4], N(0, 1) prior) per person and competency.",
            discussion: """
            Prints person,competency,theta,se,responses,level,level_name. Levels come from the \
            competencies' cut scores with --content, else from the default cuts -1.0/-0.25/0.5/1.25. \
            Memory does not grow with the number of persons: the responses are processed in batches.
            """
        )

        @Option(name: .long, help: ArgumentHelp("Items: item,competency,a,b (or difficulty 1-5 instead of a,b).", valueName: "file"))
        var items: String

        @Option(name: .long, help: ArgumentHelp("Responses grouped by person: person,item,correct.", valueName: "file"))
        var responses: String

        @Option(name: .long, help: "Output format.")
        var format: OutputFormat = .csv

        @Option(name: .long, help: ArgumentHelp("Content directory whose competencies' cut scores give the levels.", valueName: "dir"))
        var content: String?

        @Option(name: .long, help: "Point of the posterior to report: eap (mean) or map (mode).")
        var method: Method = .eap

        @Option(name: .long, help: "Threads (default: all cores) that parse, estimate and format chunks of the file.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(name: .long, help: "Print the time spent reading and estimating to standard error.")
        var timings = false

        func run() async throws {
            let clock = ContinuousClock()
            let started = clock.now
            let bank = try ItemFile.read(items)
            let threads = max(1, threads)
            let levels = try PMO.Measure.levelers(for: bank.competencies, content: content)
            let mapped: MappedFile?
            do {
                mapped = try MappedFile.map(responses)
            } catch {
                // As when streaming: the header is out before the file turns out to be unreadable.
                let sink = try OutputSink(path: nil)
                sink.append(format == .csv ? "person,competency,theta,se,responses,level,level_name\n" : "[")
                sink.flush()
                throw error
            }
            if let file = mapped {
                try runParallel(file, bank: bank, levels: levels, threads: threads, clock: clock, started: started)
                return
            }
            // Not a regular file (a pipe): read it as a stream.
            let renderer = EstimateRenderer(
                table: EAPTable(parameters: bank.parameters), parameters: bank.parameters,
                estimator: AbilityEstimator(method: method.estimatorMethod), competencies: bank.competencies,
                levels: levels.map { leveler in { leveler($0) } }, format: format,
                // The reader keeps one core busy; the estimation gets the others.
                threads: max(1, threads - 1))
            let sink = try OutputSink(path: nil)
            switch format {
            case .csv: sink.append("person,competency,theta,se,responses,level,level_name\n")
            case .json: sink.append("[")
            }
            // Two stages: this thread reads the next batch while a worker estimates and writes the
            // previous one. At most one batch is in flight, so the worker alone touches the sink
            // until `waitForWorker` returns.
            let progress = EstimateProgress()
            let worker = DispatchGroup()
            var batch = ResponseMatrix(itemCount: bank.parameters.count)
            var labels: [(person: String, competency: Int)] = []
            let batchRows = 32_768
            func dispatchBatch() {
                worker.wait()
                guard batch.rowCount > 0 else { return }
                let rows = batch, rowLabels = labels
                DispatchQueue.global().async(group: worker) {
                    renderer.render(rows, labels: rowLabels, into: sink, progress: progress)
                }
                batch = ResponseMatrix(itemCount: bank.parameters.count)
                labels = []
                labels.reserveCapacity(batchRows + 64)
            }

            var personCount = 0
            var responseCount = 0
            defer { worker.wait() }  // never leave the worker writing when an error ends the run
            try ResponseFile.forEachPerson(responses, items: bank.ids) { person, personItems, personCorrect in
                personCount += 1
                responseCount += personItems.count
                let personID = String(decoding: person, as: UTF8.self)
                if bank.competencies.count == 1 {
                    batch.appendRow(items: personItems, correct: personCorrect)
                    labels.append((personID, 0))
                } else {
                    var present = Set<Int>()
                    for item in personItems { present.insert(bank.competencyOfItem[Int(item)]) }
                    for competency in present.sorted() {
                        for (item, correct) in zip(personItems, personCorrect)
                        where bank.competencyOfItem[Int(item)] == competency {
                            batch.append(item: Int(item), correct: correct != 0)
                        }
                        batch.endRow()
                        labels.append((personID, competency))
                    }
                }
                if batch.rowCount >= batchRows { dispatchBatch() }
            }
            dispatchBatch()
            worker.wait()
            if format == .json { sink.append(progress.firstRecord ? "]\n" : "\n]\n") }
            sink.flush()
            if timings {
                let total = clock.now - started
                Output.error("estimate: \(personCount) persons, \(responseCount) responses; total \(PMO.Measure.seconds(total)) s, "
                    + "of which \(method.rawValue.uppercased()) \(PMO.Measure.seconds(progress.computing)) s on \(renderer.threads) "
                    + "thread(s) beside the reader")
            }
        }

        /// The responses file mapped: chunks cut at person boundaries are parsed, estimated and
        /// formatted on `threads` threads, and written in file order.
        private func runParallel(_ file: MappedFile, bank: ItemFile, levels: [Leveler], threads: Int,
                                 clock: ContinuousClock, started: ContinuousClock.Instant) throws {
            let sink = try OutputSink(path: nil)
            switch format {
            case .csv: sink.append("person,competency,theta,se,responses,level,level_name\n")
            case .json: sink.append("[")
            }
            var personCount = 0, responseCount = 0
            var computing = Duration.zero
            var firstRecord = true
            if let header = try PMO.Measure.header(of: file) {
                let columns = (try PMO.Measure.column("person", in: header.fields, file: responses),
                               try PMO.Measure.column("item", in: header.fields, file: responses),
                               try PMO.Measure.column("correct", in: header.fields, file: responses))
                let engine = ParallelEstimate(
                    file: file, dataStart: header.dataStart, columns: columns, items: bank.ids,
                    table: EAPTable(parameters: bank.parameters), estimator: AbilityEstimator(method: method.estimatorMethod),
                    parameters: bank.parameters, competencies: bank.competencies, competencyOfItem: bank.competencyOfItem,
                    levels: levels, json: format == .json, workers: threads)
                let pool = BufferPool(capacity: 1 << 20)
                try ChunkPipeline<ParallelEstimate.Chunk>.run(
                    count: engine.chunkCount, workers: threads, window: 2 * threads + 2,
                    work: { chunk, _ in engine.process(chunk, pool: pool) }
                ) { _, chunk in
                    defer { pool.give(chunk.output) }
                    if let error = chunk.error {
                        sink.flush()
                        throw InputError(file: responses, line: file.lineNumber(at: error.offset), message: error.message)
                    }
                    personCount += chunk.persons
                    responseCount += chunk.responses
                    computing += chunk.computing
                    var skip = 0
                    if format == .json, firstRecord, chunk.output.count > 0 {
                        skip = 1  // the first record has no comma before it
                        firstRecord = false
                    }
                    sink.appendUnbuffered(chunk.output.base + skip, chunk.output.count - skip)
                    return true
                }
            }
            if format == .json { sink.append(firstRecord ? "]\n" : "\n]\n") }
            sink.flush()
            if timings {
                let total = clock.now - started
                Output.error("estimate: \(personCount) persons, \(responseCount) responses; total \(PMO.Measure.seconds(total)) s, "
                    + "of which \(method.rawValue.uppercased()) \(PMO.Measure.seconds(computing)) s (summed over \(threads) thread(s) "
                    + "that parse, estimate and format chunks of the file)")
            }
        }
    }

    /// What the estimation worker reports back; touched by one thread at a time (handed over by a dispatch group).
    final class EstimateProgress: @unchecked Sendable {
        var computing = Duration.zero
        var firstRecord = true
    }

    /// Estimates a batch of rows and writes their output lines.
    struct EstimateRenderer: Sendable {
        let table: EAPTable
        let parameters: [IRTParameters]
        let estimator: AbilityEstimator
        let competencies: [String]
        let levels: [@Sendable (Double) -> (Int, String)]
        let format: OutputFormat
        let threads: Int

        func render(_ batch: ResponseMatrix, labels: [(person: String, competency: Int)], into sink: OutputSink,
                    progress: EstimateProgress) {
            let clock = ContinuousClock()
            let start = clock.now
            let estimates: [AbilityEstimate]
            if estimator.method == .eap {
                estimates = table.estimate(batch, parallelism: threads)
            } else {
                estimates = (0..<batch.rowCount).map { row in
                    estimator.estimate(batch.row(row).map { ScoredResponse(parameters[$0.item], correct: $0.correct) })
                }
            }
            progress.computing += clock.now - start
            for (label, estimate) in zip(labels, estimates) {
                let (number, name) = levels[label.competency](estimate.theta)
                let competency = competencies[label.competency]
                switch format {
                case .csv:
                    sink.appendCSVField(label.person)
                    sink.append(",")
                    sink.appendCSVField(competency)
                    sink.append(",")
                    sink.appendFixed(estimate.theta)
                    sink.append(",")
                    sink.appendFixed(estimate.se)
                    sink.append(",")
                    sink.appendInteger(estimate.responses)
                    sink.append(",")
                    sink.appendInteger(number)
                    sink.append(",")
                    sink.appendCSVField(name)
                    sink.append("\n")
                case .json:
                    sink.append(progress.firstRecord ? "\n  {\"person\": " : ",\n  {\"person\": ")
                    progress.firstRecord = false
                    sink.appendJSONString(label.person)
                    sink.append(", \"competency\": ")
                    sink.appendJSONString(competency)
                    sink.append(", \"theta\": ")
                    sink.appendFixed(estimate.theta)
                    sink.append(", \"se\": ")
                    sink.appendFixed(estimate.se)
                    sink.append(", \"responses\": ")
                    sink.appendInteger(estimate.responses)
                    sink.append(", \"level\": ")
                    sink.appendInteger(number)
                    sink.append(", \"level_name\": ")
                    sink.appendJSONString(name)
                    sink.append("}")
                }
            }
        }
    }

    /// For each competency, how θ gives (level number, level name).
    static func levelers(for competencies: [String], content: String?) throws -> [Leveler] {
        let byDefault = Leveler.cuts(.default)
        guard let content else { return competencies.map { _ in byDefault } }
        let directory = URL(fileURLWithPath: content)
        let result = try CatalogLoader.load(directory: directory)
        if result.hasErrors {
            for diagnostic in result.errors.prefix(20) { Output.error(diagnostic.description) }
            throw PMOError.invalidContent(errors: result.errors.count, directory: directory.path)
        }
        return competencies.map { id in
            guard let competency = result.catalog.competencyByID[id], competency.levels.count == 5 else {
                Output.error("warning: competency '\(id)' is not in \(content); using the default cut scores for it")
                return byDefault
            }
            return .competency { theta in
                let level = competency.level(forTheta: theta)
                return (level.number, level.name)
            }
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.3f", Double(seconds) + Double(attoseconds) / 1e18)
    }
}

// MARK: - pmo measure calibrate

extension PMO.Measure {
    /// `pmo measure calibrate`: 2PL parameters by MML/EM, with classical statistics and flags.
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Calibrate 2PL item parameters (MML by EM) and report item statistics and flags.",
            discussion: """
            Prints item,competency,responses,facility,discrimination,a,b,calibrated,infit,outfit,flags. \
            With --items, each competency is calibrated on its own and the items' a,b are starting \
            values (and fixed anchors for items with too few responses); without, all items form one \
            scale. Calibration needs every response in memory (5 bytes each).
            """
        )

        @Option(name: .long, help: ArgumentHelp("Responses grouped by person: person,item,correct.", valueName: "file"))
        var responses: String

        @Option(name: .long, help: ArgumentHelp("Optional items: item,competency,a,b (or difficulty).", valueName: "file"))
        var items: String?

        @Option(name: .long, help: "Items with fewer responses are not calibrated.")
        var minResponses: Int = 200

        @Option(name: .long, help: "EM cycles at most.")
        var maxIterations: Int = 500

        @Option(name: .long, help: "Stop when no parameter moves more than this in a cycle.")
        var tolerance: Double = 1e-4

        @Flag(name: .long, help: "No priors on a and b (pure marginal maximum likelihood).")
        var noPriors = false

        @Option(name: .long, help: "Output format.")
        var format: OutputFormat = .csv

        @Option(name: .long, help: "Threads for the E-step (default: all cores).")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(name: .long, help: "Print the time spent reading and calibrating to standard error.")
        var timings = false

        func run() async throws {
            let clock = ContinuousClock()
            let started = clock.now
            let bank = try items.map(ItemFile.read)
            var ids = bank?.ids ?? ByteTable()
            var offsets = [0]
            var itemIndices: [Int32] = []
            var answers: [UInt8] = []
            try ResponseFile.forEachPerson(responses, items: bank?.ids, newItems: bank == nil ? { ids.insert($0).index } : nil) {
                _, personItems, personCorrect in
                itemIndices.append(contentsOf: personItems)
                answers.append(contentsOf: personCorrect)
                offsets.append(itemIndices.count)
            }
            let itemCount = ids.count
            guard let matrix = ResponseMatrix(itemCount: itemCount, offsets: offsets, items: itemIndices, correct: answers) else {
                throw ValidationError("the responses could not be assembled; this is a bug")
            }
            let read = clock.now
            let competencies = bank?.competencies ?? ["all"]
            let competencyOfItem = bank?.competencyOfItem ?? Array(repeating: 0, count: itemCount)
            var options = CalibrationOptions(minimumResponses: minResponses, maximumIterations: maxIterations,
                                             tolerance: tolerance, parallelism: max(1, threads))
            if noPriors {
                options.slopePrior = nil
                options.difficultyPrior = nil
            }
            var records: [CalibrationRecord] = []
            for competency in competencies.indices {
                let members = (0..<itemCount).filter { competencyOfItem[$0] == competency }
                guard !members.isEmpty else { continue }
                let group = PMO.Measure.submatrix(matrix, items: members)
                let initial = members.map { bank?.given[$0] }
                let result = Calibrator(options: options).calibrate(group, initial: initial)
                Output.error("calibrate \(competencies[competency]): \(members.count) items, \(group.rowCount) persons, "
                    + "\(result.iterations) EM cycles, \(result.converged ? "converged" : "NOT converged"), "
                    + "log-likelihood \(String(format: "%.3f", result.logLikelihood))")
                let parameters = result.items.map(\.parameters)
                let abilities = PMO.Measure.abilities(group, parameters: parameters)
                let statistics = ItemAnalysis.analyse(group, parameters: parameters, abilities: abilities)
                for (local, item) in members.enumerated() {
                    records.append(CalibrationRecord(
                        item: ids.string(at: item), competency: competencies[competency], responses: result.items[local].responses,
                        facility: statistics[local].facility, discrimination: statistics[local].discrimination,
                        a: parameters[local]?.a, b: parameters[local]?.b, calibrated: result.items[local].calibrated,
                        infit: statistics[local].infit, outfit: statistics[local].outfit,
                        flags: statistics[local].flags.map(\.rawValue)))
                }
            }
            let sink = try OutputSink(path: nil)
            switch format {
            case .json:
                sink.append(try JSONOutput.encode(records) + "\n")
            case .csv:
                sink.append("item,competency,responses,facility,discrimination,a,b,calibrated,infit,outfit,flags\n")
                for record in records {
                    sink.appendCSVField(record.item)
                    sink.append(",")
                    sink.appendCSVField(record.competency)
                    sink.append(",\(record.responses),")
                    for value in [record.facility, record.discrimination, record.a, record.b] {
                        if let value { sink.appendFixed(value) }
                        sink.append(",")
                    }
                    sink.append(record.calibrated ? "true," : "false,")
                    for value in [record.infit, record.outfit] {
                        if let value { sink.appendFixed(value) }
                        sink.append(",")
                    }
                    sink.append(record.flags.joined(separator: " "))
                    sink.append("\n")
                }
            }
            sink.flush()
            if timings {
                Output.error("calibrate: \(matrix.rowCount) persons, \(matrix.responseCount) responses; total "
                    + "\(PMO.Measure.seconds(clock.now - started)) s, of which reading \(PMO.Measure.seconds(read - started)) s")
            }
        }
    }

    /// One line of `pmo measure calibrate` output.
    struct CalibrationRecord: Codable {
        var item: String
        var competency: String
        var responses: Int
        var facility: Double?
        var discrimination: Double?
        var a: Double?
        var b: Double?
        var calibrated: Bool
        var infit: Double?
        var outfit: Double?
        var flags: [String]
    }

    /// The responses of `matrix` to `items` only, renumbered 0..<items.count; rows left empty are dropped.
    static func submatrix(_ matrix: ResponseMatrix, items: [Int]) -> ResponseMatrix {
        if items.count == matrix.itemCount, items == Array(0..<matrix.itemCount) { return matrix }
        var local = [Int](repeating: -1, count: matrix.itemCount)
        for (index, item) in items.enumerated() { local[item] = index }
        var result = ResponseMatrix(itemCount: items.count)
        for row in 0..<matrix.rowCount {
            var any = false
            for index in matrix.offsets[row]..<matrix.offsets[row + 1] where local[Int(matrix.items[index])] >= 0 {
                result.append(item: local[Int(matrix.items[index])], correct: matrix.correct[index] != 0)
                any = true
            }
            if any { result.endRow() }
        }
        return result
    }

    /// EAP θ of every row from the items that have parameters.
    static func abilities(_ matrix: ResponseMatrix, parameters: [IRTParameters?]) -> [Double] {
        var usable = ResponseMatrix(itemCount: matrix.itemCount)
        for row in 0..<matrix.rowCount {
            for index in matrix.offsets[row]..<matrix.offsets[row + 1] where parameters[Int(matrix.items[index])] != nil {
                usable.append(item: Int(matrix.items[index]), correct: matrix.correct[index] != 0)
            }
            usable.endRow()
        }
        let table = EAPTable(parameters: parameters.map { $0 ?? IRTParameters(a: 1, b: 0) })
        return table.estimate(usable).map(\.theta)
    }
}

// MARK: - pmo measure simulate

extension PMO.Measure {
    /// `pmo measure simulate`: data from the 2PL model (and an FSRS review log) for tests and benchmarks.
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Write simulated items.csv, persons.csv and responses.csv (and reviews.csv) from the 2PL model.",
            discussion: """
            Items get a ~ U(0.8, 2.0) and b ~ N(0, 1) (clipped to ±3); persons θ ~ N(0, 1). The same \
            seed gives the same files. With --reviews N, reviews.csv holds N reviews of N/20 cards \
            scheduled by FSRS (fuzz off), in time order.
            """
        )

        @Option(name: .long, help: "Number of persons.")
        var persons: Int

        @Option(name: .long, help: "Number of items.")
        var items: Int

        @Option(name: .long, help: "Random seed.")
        var seed: UInt64 = 1

        @Option(name: .long, help: "Items each person answers, drawn at random (default: all).")
        var answered: Int?

        @Option(name: .long, help: "Number of competencies the items are dealt into.")
        var competencies: Int = 1

        @Option(name: .long, help: "Also write reviews.csv with this many FSRS reviews.")
        var reviews: Int = 0

        @Option(name: .long, help: ArgumentHelp("Directory to write into.", valueName: "dir"))
        var output: String = "."

        func validate() throws {
            guard persons >= 0, items >= 1, competencies >= 1, competencies <= items, reviews >= 0 else {
                throw ValidationError("need --persons ≥ 0, --items ≥ 1, 1 ≤ --competencies ≤ --items and --reviews ≥ 0")
            }
            if let answered, answered < 1 || answered > items {
                throw ValidationError("--answered must lie between 1 and --items (\(items))")
            }
        }

        func run() async throws {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            var generator = SeededGenerator(seed: seed)
            let bank = ResponseSimulator.bank(count: items, using: &generator)
            let itemWidth = String(items).count, personWidth = String(max(1, persons)).count
            func itemID(_ index: Int) -> String { "i" + PMO.Measure.padded(index + 1, width: itemWidth) }

            let itemSink = try OutputSink(path: output + "/items.csv")
            itemSink.append("item,competency,a,b,lesson\n")
            for (index, parameters) in bank.enumerated() {
                let competency = index % competencies + 1
                itemSink.append("\(itemID(index)),competency-\(competency),")
                itemSink.appendFixed(parameters.a)
                itemSink.append(",")
                itemSink.appendFixed(parameters.b)
                itemSink.append(",lesson-\(competency)-\(index / competencies % 5 + 1)\n")
            }
            itemSink.flush()

            let personSink = try OutputSink(path: output + "/persons.csv")
            let responseSink = try OutputSink(path: output + "/responses.csv")
            personSink.append("person,theta\n")
            responseSink.append("person,item,correct\n")
            let itemLabels = (0..<items).map { Array((itemID($0) + ",").utf8) }
            var order = Array(0..<items)
            let perPerson = answered ?? items
            for person in 0..<persons {
                let theta = generator.nextNormal()
                let label = Array(("p" + PMO.Measure.padded(person + 1, width: personWidth) + ",").utf8)
                personSink.append(label)
                personSink.appendFixed(theta)
                personSink.append("\n")
                if perPerson < items {
                    for i in 0..<perPerson {
                        order.swapAt(i, i + Int(generator.next() % UInt64(items - i)))
                    }
                }
                for item in order.prefix(perPerson).sorted() {
                    let correct = ResponseSimulator.response(theta: theta, parameters: bank[item], using: &generator)
                    responseSink.append(label)
                    responseSink.append(itemLabels[item])
                    responseSink.append(correct ? "1\n" : "0\n")
                }
                responseSink.flushIfFull()
                personSink.flushIfFull()
            }
            personSink.flush()
            responseSink.flush()
            if reviews > 0 { try writeReviews(using: &generator) }
        }

        /// A review log from FSRS itself: each card reviewed around its due time, ratings drawn at random.
        private func writeReviews(using generator: inout SeededGenerator) throws {
            let scheduler = FSRSScheduler()
            let cards = max(1, reviews / 20)
            let start = 1_704_067_200.0  // 2024-01-01T00:00:00Z
            var log: [(time: Double, card: Int32, rating: UInt8)] = []
            log.reserveCapacity(reviews)
            for card in 0..<cards {
                let count = card == cards - 1 ? reviews - 20 * (cards - 1) : 20
                var state = ReviewCard(due: Date(timeIntervalSince1970: start + (generator.nextUnit() * 30 * 86_400).rounded()))
                for _ in 0..<count {
                    let due = state.due.timeIntervalSince1970
                    let last = state.lastReview?.timeIntervalSince1970 ?? due - 60
                    let span = max(60, due - last)
                    let time = max(last + 1, (due + (generator.nextUnit() - 0.3) * span).rounded())
                    let draw = generator.nextUnit()
                    let rating: ReviewRating = draw < 0.2 ? .again : draw < 0.35 ? .hard : draw < 0.85 ? .good : .easy
                    state = scheduler.review(state, rating: rating, at: Date(timeIntervalSince1970: time)).card
                    log.append((time, Int32(card), UInt8(rating.rawValue)))
                }
            }
            log.sort { ($0.time, $0.card) < ($1.time, $1.card) }
            let width = String(cards).count
            let sink = try OutputSink(path: output + "/reviews.csv")
            sink.append("card,rating,reviewed_at\n")
            for entry in log {
                sink.append("c" + PMO.Measure.padded(Int(entry.card) + 1, width: width) + ",")
                sink.appendInteger(Int(entry.rating))
                sink.append(",")
                sink.appendInteger(Int(entry.time))
                sink.append("\n")
                sink.flushIfFull()
            }
            sink.flush()
        }
    }

    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

// MARK: - pmo measure fsrs

extension PMO.Measure {
    /// `pmo measure fsrs`: replays a review log through FSRS-6 and prints each card's final state.
    struct FSRS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fsrs",
            abstract: "Replay a review log through FSRS-6 (default weights, fuzz off) and print each card's state and due time.",
            discussion: """
            Reads card,rating,reviewed_at (rating 1-4 or again/hard/good/easy; time as Unix seconds \
            or ISO 8601). A card starts at its first review. Reviews of one card must be in time \
            order; cards may interleave. Prints card,state,step,stability,difficulty,due,last_review,reviews.
            """
        )

        @Option(name: .long, help: ArgumentHelp("Review log: card,rating,reviewed_at.", valueName: "file"))
        var reviews: String

        @Option(name: .long, help: "Desired retention.")
        var retention: Double = 0.9

        @Option(name: .long, help: "Output format.")
        var format: OutputFormat = .csv

        @Option(name: .long, help: "Threads (default: all cores) that parse the log and replay its cards.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(name: .long, help: "Print the time spent to standard error.")
        var timings = false

        func run() async throws {
            let clock = ContinuousClock()
            let started = clock.now
            let scheduler = try FSRSScheduler(configuration: FSRSConfiguration(desiredRetention: retention))
            if let file = try MappedFile.map(reviews) {
                try runParallel(file, scheduler: scheduler, clock: clock, started: started)
                return
            }
            // Not a regular file (a pipe): read it as a stream.
            var cardIDs = ByteTable()
            // Two stages: this thread parses the next chunk while a worker replays the previous one.
            // The worker alone touches `replay` until `worker.wait()` returns.
            let replay = ReviewReplay(scheduler: scheduler, threads: max(1, threads - 1))
            let worker = DispatchGroup()
            var chunk = ReviewChunk()
            // Takes what it needs as parameters: a local function sharing captured variables with the
            // per-line closure would make every access to them pay a dynamic exclusivity check.
            func dispatch(_ chunk: inout ReviewChunk, names: ByteTable) throws {
                worker.wait()
                if let error = replay.firstError {
                    throw InputError(file: reviews, line: error.line,
                                     message: "this review of card '\(names.string(at: error.card))' is earlier than its previous one; sort the log by time")
                }
                guard !chunk.card.isEmpty else { return }
                let work = chunk
                DispatchQueue.global().async(group: worker) { replay.run(work) }
                chunk = ReviewChunk()
            }
            defer { worker.wait() }
            var columns: (card: Int, rating: Int, time: Int)?
            var reviewCount = 0
            try CSVReader(path: reviews).forEachRecord { fields, number in
                guard let (card, rating, time) = columns else {
                    let header = fields.strings()
                    columns = (try PMO.Measure.column("card", in: header, file: reviews),
                               try PMO.Measure.column("rating", in: header, file: reviews),
                               try PMO.Measure.column("reviewed_at", in: header, file: reviews))
                    return
                }
                guard fields.count > max(card, rating, time) else {
                    throw InputError(file: reviews, line: number, message: "expected at least \(max(card, rating, time) + 1) fields, found \(fields.count)")
                }
                guard let parsedRating = PMO.Measure.rating(fields[rating]) else {
                    throw InputError(file: reviews, line: number, message: "rating '\(String(decoding: fields[rating], as: UTF8.self))' is not 1-4 or again/hard/good/easy")
                }
                guard let seconds = Timestamp.parse(fields[time]) else {
                    throw InputError(file: reviews, line: number, message: "time '\(String(decoding: fields[time], as: UTF8.self))' is neither Unix seconds nor ISO 8601 (2024-01-31T09:30:00Z)")
                }
                let (index, inserted) = cardIDs.insert(fields[card])
                if inserted { chunk.newCards.append(seconds) }
                chunk.card.append(Int32(index))
                chunk.rating.append(UInt8(parsedRating.rawValue))
                chunk.time.append(seconds)
                chunk.line.append(Int32(truncatingIfNeeded: number))
                reviewCount += 1
                if chunk.card.count >= ReviewChunk.size { try dispatch(&chunk, names: cardIDs) }
            }
            try dispatch(&chunk, names: cardIDs)
            try dispatch(&chunk, names: cardIDs)  // waits for the last chunk and reports its error, if any
            let cards = replay.cards
            let counts = replay.counts
            let sink = try OutputSink(path: nil)
            switch format {
            case .csv: sink.append("card,state,step,stability,difficulty,due,last_review,reviews\n")
            case .json: sink.append("[")
            }
            for (index, card) in cards.enumerated() {
                let id = cardIDs.string(at: index)
                switch format {
                case .csv:
                    sink.appendCSVField(id)
                    sink.append(",\(card.state),")
                    if let step = card.step { sink.appendInteger(step) }
                    sink.append(",")
                    sink.appendFixed(card.stability ?? 0, decimals: 6)
                    sink.append(",")
                    sink.appendFixed(card.difficulty ?? 0, decimals: 6)
                    sink.append(",")
                    sink.append(Timestamp.format(card.due.timeIntervalSince1970))
                    sink.append(",")
                    sink.append(card.lastReview.map { Timestamp.format($0.timeIntervalSince1970) } ?? "")
                    sink.append(",")
                    sink.appendInteger(counts[index])
                    sink.append("\n")
                case .json:
                    sink.append(index == 0 ? "\n  {\"card\": " : ",\n  {\"card\": ")
                    sink.appendJSONString(id)
                    sink.append(", \"state\": \"\(card.state)\", \"step\": \(card.step.map(String.init) ?? "null"), \"stability\": ")
                    sink.appendFixed(card.stability ?? 0)
                    sink.append(", \"difficulty\": ")
                    sink.appendFixed(card.difficulty ?? 0)
                    sink.append(", \"due\": \"\(Timestamp.format(card.due.timeIntervalSince1970))\", \"last_review\": ")
                    sink.append(card.lastReview.map { "\"\(Timestamp.format($0.timeIntervalSince1970))\"" } ?? "null")
                    sink.append(", \"reviews\": \(counts[index])}")
                }
                sink.flushIfFull()
            }
            if format == .json { sink.append(cards.isEmpty ? "]\n" : "\n]\n") }
            sink.flush()
            if timings {
                Output.error("fsrs: \(reviewCount) reviews of \(cards.count) cards; total \(PMO.Measure.seconds(clock.now - started)) s, "
                    + "of which replay \(PMO.Measure.seconds(replay.computing)) s beside the reader")
            }
        }

        /// The log mapped: parsed and replayed in windows on `threads` threads (see `ParallelReplay`).
        private func runParallel(_ file: MappedFile, scheduler: FSRSScheduler, clock: ContinuousClock,
                                 started: ContinuousClock.Instant) throws {
            let threads = max(1, threads)
            var replay: ParallelReplay?
            if let header = try PMO.Measure.header(of: file) {
                let columns = (try PMO.Measure.column("card", in: header.fields, file: reviews),
                               try PMO.Measure.column("rating", in: header.fields, file: reviews),
                               try PMO.Measure.column("reviewed_at", in: header.fields, file: reviews))
                let engine = ParallelReplay(file: file, dataStart: header.dataStart, columns: columns, scheduler: scheduler,
                                            threads: threads)
                try engine.run()
                replay = engine
            }
            let sink = try OutputSink(path: nil)
            switch format {
            case .csv: sink.append("card,state,step,stability,difficulty,due,last_review,reviews\n")
            case .json: sink.append("[")
            }
            if let replay {
                replay.write(to: sink, json: format == .json, team: threads)
            } else if format == .json {
                sink.append("]\n")
            }
            sink.flush()
            if timings {
                Output.error("fsrs: \(replay?.reviewCount ?? 0) reviews of \(replay?.cardCount ?? 0) cards; total "
                    + "\(PMO.Measure.seconds(clock.now - started)) s, of which replay \(PMO.Measure.seconds(replay?.computing ?? .zero)) s "
                    + "on \(threads) thread(s)\(replay?.kernel == nil ? " with FSRSScheduler" : "") (parsing and writing in parallel too)")
            }
        }
    }

    /// A run of parsed reviews handed from the reader to the replay worker.
    struct ReviewChunk: Sendable {
        /// Reviews per chunk.
        static let size = 1 << 16
        /// The first review time of each card first seen in this chunk, in card-index order.
        var newCards: [Double] = []
        var card: [Int32] = []
        var rating: [UInt8] = []
        var time: [Double] = []
        var line: [Int32] = []
    }

    /// Replays review chunks: a chunk is sorted by card (stably, so each card keeps its time order)
    /// and the cards are replayed in parallel, each card's state staying in cache while its reviews
    /// run. Cards are independent, so the result is that of replaying line by line.
    ///
    /// `@unchecked Sendable`: the reader hands it to one worker at a time through a dispatch group.
    final class ReviewReplay: @unchecked Sendable {
        let scheduler: FSRSScheduler
        let threads: Int
        private(set) var cards: [ReviewCard] = []
        private(set) var counts: [Int] = []
        /// The first review found earlier than its card's previous one: its line and card.
        private(set) var firstError: (line: Int, card: Int)?
        /// Time spent sorting and replaying.
        private(set) var computing = Duration.zero

        init(scheduler: FSRSScheduler, threads: Int) {
            self.scheduler = scheduler
            self.threads = threads
        }

        func run(_ chunk: ReviewChunk) {
            guard firstError == nil else { return }
            let clock = ContinuousClock()
            let started = clock.now
            defer { computing += clock.now - started }
            for first in chunk.newCards {
                cards.append(ReviewCard(due: Date(timeIntervalSince1970: first)))
                counts.append(0)
            }
            let total = chunk.card.count
            // Counting sort by card.
            var starts = [Int](repeating: 0, count: cards.count + 1)
            for index in chunk.card { starts[Int(index) + 1] += 1 }
            for index in 0..<cards.count {
                counts[index] += starts[index + 1]
                starts[index + 1] += starts[index]
            }
            var sortedRating = [UInt8](repeating: 0, count: total)
            var sortedTime = [Double](repeating: 0, count: total)
            var sortedLine = [Int32](repeating: 0, count: total)
            var fill = starts
            for index in 0..<total {
                let card = Int(chunk.card[index])
                let target = fill[card]
                fill[card] = target + 1
                sortedRating[target] = chunk.rating[index]
                sortedTime[target] = chunk.time[index]
                sortedLine[target] = chunk.line[index]
            }
            var errors = [(line: Int, card: Int)?](repeating: nil, count: threads)
            let scheduler = self.scheduler
            let cardCount = cards.count
            let partitions = max(1, min(threads, cardCount / 1024))
            let cardStarts = starts, ratings = sortedRating, times = sortedTime, lines = sortedLine
            cards.withUnsafeMutableBufferPointer { cardBuffer in
                errors.withUnsafeMutableBufferPointer { errorBuffer in
                    let shared = ReplayBuffers(cards: cardBuffer.baseAddress!, errors: errorBuffer.baseAddress!)
                    let work: @Sendable (Int) -> Void = { partition in
                        let first = cardCount * partition / partitions, last = cardCount * (partition + 1) / partitions
                        for card in first..<last where cardStarts[card] < cardStarts[card + 1] {
                            var state = shared.cards[card]
                            for review in cardStarts[card]..<cardStarts[card + 1] {
                                let date = Date(timeIntervalSince1970: times[review])
                                if let previous = state.lastReview, date < previous {
                                    if shared.errors[partition] == nil { shared.errors[partition] = (Int(lines[review]), card) }
                                    break
                                }
                                state = scheduler.review(state, rating: ReviewRating(rawValue: Int(ratings[review])) ?? .good,
                                                         at: date).card
                            }
                            shared.cards[card] = state
                        }
                    }
                    if partitions == 1 {
                        work(0)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: partitions, execute: work)
                    }
                }
            }
            firstError = errors.compactMap { $0 }.min { $0.line < $1.line }
        }
    }

    /// Card states and error slots shared by the replay threads; each thread owns disjoint cards and its own slot.
    private struct ReplayBuffers: @unchecked Sendable {
        let cards: UnsafeMutablePointer<ReviewCard>
        let errors: UnsafeMutablePointer<(line: Int, card: Int)?>
    }

    static func rating(_ field: UnsafeBufferPointer<UInt8>) -> ReviewRating? {
        if field.count == 1, field[0] >= 0x31, field[0] <= 0x34 { return ReviewRating(rawValue: Int(field[0] - 0x30)) }
        return ReviewRating(parsing: String(decoding: field, as: UTF8.self))
    }

    /// The index of `name` in a header, or an error naming the file.
    static func column(_ name: String, in header: [String], file: String) throws -> Int {
        guard let index = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == name }) else {
            throw InputError(file: file, line: 1, message: "the header has no '\(name)' column (found: \(header.joined(separator: ",")))")
        }
        return index
    }
}

// MARK: - Input files

extension PMO.Measure {
    /// A problem in an input file, located by line.
    struct InputError: Error, LocalizedError {
        var file: String
        var line: Int
        var message: String

        var errorDescription: String? { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    /// items.csv, read whole: id, competency, parameters.
    struct ItemFile {
        var ids = ByteTable()
        var parameters: [IRTParameters] = []
        /// Parameters given as a,b (not derived from difficulty), for calibration's starting values.
        var given: [IRTParameters?] = []
        var competencies: [String] = []
        var competencyOfItem: [Int] = []

        static func read(_ path: String) throws -> ItemFile {
            var file = ItemFile()
            var competencyIndex: [String: Int] = [:]
            var columns: (item: Int, competency: Int?, a: Int?, b: Int?, difficulty: Int?)?
            try CSVReader(path: path).forEachRecord { fields, number in
                guard let columns else {
                    let header = fields.strings().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    let item = try PMO.Measure.column("item", in: header, file: path)
                    let found = (item, header.firstIndex(of: "competency"), header.firstIndex(of: "a"),
                                 header.firstIndex(of: "b"), header.firstIndex(of: "difficulty"))
                    guard (found.2 != nil && found.3 != nil) || found.4 != nil else {
                        throw InputError(file: path, line: number, message: "the header needs columns a and b, or difficulty")
                    }
                    columns = found
                    return
                }
                let values = fields.strings()
                func value(_ index: Int?) -> String? {
                    guard let index, index < values.count else { return nil }
                    let text = values[index].trimmingCharacters(in: .whitespaces)
                    return text.isEmpty ? nil : text
                }
                guard let id = value(columns.item) else {
                    throw InputError(file: path, line: number, message: "the item id is empty")
                }
                var parameters: IRTParameters?
                var given: IRTParameters?
                if let aText = value(columns.a), let bText = value(columns.b) {
                    guard let a = Double(aText), let b = Double(bText), IRTParameters(a: a, b: b).isUsable else {
                        throw InputError(file: path, line: number, message: "a '\(aText)' and b '\(bText)' must be numbers with a > 0")
                    }
                    parameters = IRTParameters(a: a, b: b)
                    given = parameters
                } else if let text = value(columns.difficulty) {
                    guard let difficulty = Int(text), (1...5).contains(difficulty) else {
                        throw InputError(file: path, line: number, message: "difficulty '\(text)' must be a whole number 1-5")
                    }
                    parameters = .authored(difficulty: difficulty)
                }
                guard let parameters else {
                    throw InputError(file: path, line: number, message: "item '\(id)' has neither a and b nor difficulty")
                }
                let (_, inserted) = file.ids.insert(id)
                guard inserted else {
                    throw InputError(file: path, line: number, message: "item '\(id)' appears twice")
                }
                let competency = value(columns.competency) ?? "all"
                let index = competencyIndex[competency] ?? {
                    competencyIndex[competency] = file.competencies.count
                    file.competencies.append(competency)
                    return file.competencies.count - 1
                }()
                file.parameters.append(parameters)
                file.given.append(given)
                file.competencyOfItem.append(index)
            }
            guard !file.parameters.isEmpty else {
                throw InputError(file: path, line: 0, message: "no items; the first line must be a header such as item,competency,a,b")
            }
            return file
        }
    }

    /// responses.csv, streamed person by person.
    enum ResponseFile {
        /// Calls `body` once per person with the person's id bytes, item indices and 0/1 answers.
        ///
        /// Items are looked up in `items`; an unknown item is an error unless `newItems` numbers it.
        static func forEachPerson(
            _ path: String, items: ByteTable?, newItems: ((UnsafeBufferPointer<UInt8>) -> Int)? = nil,
            _ body: (UnsafeBufferPointer<UInt8>, [Int32], [UInt8]) throws -> Void
        ) throws {
            var columns: (person: Int, item: Int, correct: Int)?
            // One captured variable holding all per-person state keeps the per-line work free of
            // dynamic exclusivity checks (several captured variables shared with a local function are not).
            var state = PersonState()
            try CSVReader(path: path).forEachRecord { fields, number in
                guard let (personColumn, itemColumn, correctColumn) = columns else {
                    let header = fields.strings()
                    columns = (try PMO.Measure.column("person", in: header, file: path),
                               try PMO.Measure.column("item", in: header, file: path),
                               try PMO.Measure.column("correct", in: header, file: path))
                    return
                }
                guard fields.count > max(personColumn, itemColumn, correctColumn) else {
                    throw InputError(file: path, line: number,
                                     message: "expected at least \(max(personColumn, itemColumn, correctColumn) + 1) fields, found \(fields.count)")
                }
                let personField = fields[personColumn]
                if !state.havePerson || !PMO.Measure.equal(personField, state.person) {
                    try state.flush(body)
                    state.person.removeAll(keepingCapacity: true)
                    state.person.append(contentsOf: personField)
                    state.havePerson = true
                }
                let itemField = fields[itemColumn]
                let item: Int
                if let found = items?.find(itemField) {
                    item = found
                } else if let newItems {
                    item = newItems(itemField)
                } else {
                    throw InputError(file: path, line: number,
                                     message: "unknown item '\(String(decoding: itemField, as: UTF8.self))'; add it to the items file")
                }
                guard let correct = PMO.Measure.correctness(fields[correctColumn]) else {
                    throw InputError(file: path, line: number,
                                     message: "correct must be 1/0 or true/false, found '\(String(decoding: fields[correctColumn], as: UTF8.self))'")
                }
                state.items.append(Int32(item))
                state.correct.append(correct ? 1 : 0)
            }
            try state.flush(body)
        }

        /// The person being read and their responses so far.
        private struct PersonState {
            var person: [UInt8] = []
            var havePerson = false
            var items: [Int32] = []
            var correct: [UInt8] = []

            mutating func flush(_ body: (UnsafeBufferPointer<UInt8>, [Int32], [UInt8]) throws -> Void) throws {
                guard havePerson else { return }
                try person.withUnsafeBufferPointer { try body($0, items, correct) }
                items.removeAll(keepingCapacity: true)
                correct.removeAll(keepingCapacity: true)
            }
        }
    }

    static func equal(_ field: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard field.count == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            guard let lhs = field.baseAddress, let rhs = stored.baseAddress else { return true }
            return PMO.Measure.equalBytes(lhs, rhs, field.count)
        }
    }

    /// Byte-wise equality, inlined: ids are short, and a call to memcmp costs more than the loop.
    @inline(__always)
    static func equalBytes(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            if UnsafeRawPointer(lhs + index).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(rhs + index).loadUnaligned(as: UInt64.self) { return false }
            index += 8
        }
        while index < count {
            if lhs[index] != rhs[index] { return false }
            index += 1
        }
        return true
    }

    static func correctness(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        if field.count == 1 {
            if field[0] == 0x31 { return true }
            if field[0] == 0x30 { return false }
        }
        switch String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "right", "correct": return true
        case "0", "false", "no", "wrong", "incorrect": return false
        default: return nil
        }
    }
}

// MARK: - Reading and writing bytes

extension PMO.Measure {
    /// Reads a CSV file in 1 MiB chunks and hands out its records, split into fields, with 1-based line numbers.
    ///
    /// Fields point into the read buffer (or, for a line with quotes, into a scratch copy with the
    /// quoting removed, RFC 4180) and are valid only during the call. The state lives in local
    /// variables and raw buffers, so the per-line work pays for no exclusivity checks.
    struct CSVReader {
        var path: String
        /// Lines with more fields are refused.
        static let maximumFields = 256

        func forEachRecord(_ body: (CSVRecord, Int) throws -> Void) throws {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw InputError(file: path, line: 0, message: "cannot open the file: \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            var splitter = FieldSplitter()
            defer { splitter.deallocate() }
            let chunk = 1 << 20
            var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * chunk)
            var capacity = 2 * chunk
            defer { buffer.deallocate() }
            var carried = 0
            var lineNumber = 0

            func record(_ line: UnsafePointer<UInt8>, _ length: Int) throws {
                lineNumber += 1
                guard length > 0 else { return }
                switch splitter.split(line, length) {
                case .success(let fields): try body(fields, lineNumber)
                case .failure(let problem): throw InputError(file: path, line: lineNumber, message: problem.message)
                }
            }

            while true {
                if capacity - carried < chunk {
                    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                    bigger.update(from: buffer, count: carried)
                    buffer.deallocate()
                    buffer = bigger
                    capacity *= 2
                }
                let count = read(descriptor, buffer + carried, chunk)
                guard count >= 0 else {
                    throw InputError(file: path, line: lineNumber, message: "cannot read the file: \(String(cString: strerror(errno)))")
                }
                let filled = carried + count
                var start = 0
                while start < filled {
                    guard let newline = memchr(buffer + start, 0x0A, filled - start) else { break }
                    let end = newline.assumingMemoryBound(to: UInt8.self) - buffer
                    var lineEnd = end
                    if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    try record(buffer + start, lineEnd - start)
                    start = end + 1
                }
                if count == 0 {
                    if start < filled {
                        var lineEnd = filled
                        if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                        try record(buffer + start, lineEnd - start)
                    }
                    break
                }
                carried = filled - start
                if carried > 0, start > 0 { memmove(buffer, buffer + start, carried) }
            }
        }
    }

    /// One CSV record: its fields as byte ranges, valid only while the reader's callback runs.
    struct CSVRecord {
        let base: UnsafePointer<UInt8>
        let starts: UnsafePointer<Int>
        let ends: UnsafePointer<Int>
        let count: Int

        subscript(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
        }

        func strings() -> [String] {
            (0..<count).map { String(decoding: self[$0], as: UTF8.self) }
        }
    }

    /// Interns byte strings (item and card ids) as dense indices 0, 1, 2, … with an open-addressing hash table.
    ///
    /// A slot holds the key's first 8 bytes, its length, part of its hash and its index, so a
    /// lookup of a short id (most are) touches one cache line and never the stored bytes.
    struct ByteTable {
        /// One slot: `prefix` is the key's first 8 bytes (zero-padded); `meta` is 0 when empty, else
        /// hash tag (16 bits) << 48 | min(length, 65535) << 32 | (index + 1).
        private struct Slot {
            var prefix: UInt64
            var meta: UInt64
        }

        private var bytes: [UInt8] = []
        private var starts: [Int] = [0]
        private var slots = [Slot](repeating: Slot(prefix: 0, meta: 0), count: 1024)

        var count: Int { starts.count - 1 }

        static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash ^= hash >> 32
            hash &*= 0xD6E8_FEB8_6659_FD93
            return hash ^ (hash >> 32)
        }

        /// The first 8 bytes of `key`, zero-padded, as one integer.
        @inline(__always)
        private static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
            guard let base = key.baseAddress else { return 0 }
            if key.count >= 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
            var value: UInt64 = 0
            for index in 0..<key.count { value |= UInt64(base[index]) << (8 * UInt64(index)) }
            return value
        }

        @inline(__always)
        private static func meta(hash: UInt64, length: Int, index: Int) -> UInt64 {
            (hash >> 48) << 48 | UInt64(min(length, 0xFFFF)) << 32 | UInt64(index + 1)
        }

        func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
            find(key, hash: ByteTable.hash(key)).index
        }

        private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int?, slot: Int) {
            let mask = slots.count - 1
            let wanted = ByteTable.meta(hash: hash, length: key.count, index: 0) >> 32
            let prefix = ByteTable.prefix(key)
            var slot = Int(truncatingIfNeeded: hash) & mask
            return slots.withUnsafeBufferPointer { table in
                while true {
                    let entry = table[slot]
                    if entry.meta == 0 { return (nil, slot) }
                    if entry.meta >> 32 == wanted, entry.prefix == prefix {
                        let index = Int(entry.meta & 0xFFFF_FFFF) - 1
                        if key.count <= 8 || longKeyMatches(key, index) { return (index, slot) }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }

        private func longKeyMatches(_ key: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
            let start = starts[index], length = starts[index + 1] - start
            guard length == key.count else { return false }
            return bytes.withUnsafeBufferPointer { PMO.Measure.equalBytes($0.baseAddress! + start, key.baseAddress!, length) }
        }

        /// The index of `key`, adding it when new.
        mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
            let hash = ByteTable.hash(key)
            let (found, slot) = find(key, hash: hash)
            if let found { return (found, false) }
            let index = count
            bytes.append(contentsOf: key)
            starts.append(bytes.count)
            slots[slot] = Slot(prefix: ByteTable.prefix(key), meta: ByteTable.meta(hash: hash, length: key.count, index: index))
            if count * 2 > slots.count { grow() }
            return (index, true)
        }

        /// The index of `key`, adding it when new.
        mutating func insert(_ key: String) -> (index: Int, inserted: Bool) {
            var key = key
            return key.withUTF8 { insert($0) }
        }

        private mutating func grow() {
            var larger = [Slot](repeating: Slot(prefix: 0, meta: 0), count: slots.count * 2)
            let mask = larger.count - 1
            bytes.withUnsafeBufferPointer { stored in
                for index in 0..<count {
                    let key = UnsafeBufferPointer(rebasing: stored[starts[index]..<starts[index + 1]])
                    let hash = ByteTable.hash(key)
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while larger[slot].meta != 0 { slot = (slot + 1) & mask }
                    larger[slot] = Slot(prefix: ByteTable.prefix(key), meta: ByteTable.meta(hash: hash, length: key.count, index: index))
                }
            }
            slots = larger
        }

        func string(at index: Int) -> String {
            String(decoding: bytes[starts[index]..<starts[index + 1]], as: UTF8.self)
        }

        /// The bytes of the key with index `index`.
        func key(at index: Int) -> [UInt8] {
            Array(bytes[starts[index]..<starts[index + 1]])
        }
    }

    /// Buffered output to standard output or a file, with fast number formatting.
    ///
    /// All stored properties are constants (the buffer and its fill level live behind pointers),
    /// so appending a byte costs no exclusivity check.
    ///
    /// `@unchecked Sendable`: `estimate` hands the sink to its worker thread and takes it back
    /// through a dispatch group, so two threads never use it at once.
    final class OutputSink: @unchecked Sendable {
        private static let capacity = 1 << 20
        private let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: OutputSink.capacity)
        private let used = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        private let descriptor: Int32
        private let path: String

        /// Standard output when `path` is `nil`, else the file, created or truncated.
        init(path: String?) throws {
            self.path = path ?? "standard output"
            used.initialize(to: 0)
            if let path {
                descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard descriptor >= 0 else {
                    storage.deallocate()
                    used.deallocate()
                    throw InputError(file: path, line: 0, message: "cannot write the file: \(String(cString: strerror(errno)))")
                }
            } else {
                descriptor = STDOUT_FILENO
            }
        }

        deinit {
            flush()
            if descriptor != STDOUT_FILENO { close(descriptor) }
            storage.deallocate()
            used.deallocate()
        }

        @inline(__always)
        private func byte(_ value: UInt8) {
            if used.pointee == OutputSink.capacity { flush() }
            storage[used.pointee] = value
            used.pointee += 1
        }

        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            if used.pointee + bytes.count > OutputSink.capacity { flush() }
            if bytes.count > OutputSink.capacity {
                writeAll(base, bytes.count)
                return
            }
            (storage + used.pointee).update(from: base, count: bytes.count)
            used.pointee += bytes.count
        }

        func append(_ text: String) {
            var text = text
            text.withUTF8 { append($0) }
        }

        func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

        /// Writes `count` bytes at `base` after what is buffered, without copying them into the buffer.
        func appendUnbuffered(_ base: UnsafePointer<UInt8>, _ count: Int) {
            guard count > 0 else { return }
            if used.pointee + count <= OutputSink.capacity / 4 {
                (storage + used.pointee).update(from: base, count: count)
                used.pointee += count
                return
            }
            flush()
            writeAll(base, count)
        }

        func appendInteger(_ value: Int) {
            if value < 0 {
                byte(0x2D)
                appendInteger(0 - value)
                return
            }
            if value >= 10 { appendInteger(value / 10) }
            byte(UInt8(0x30 + value % 10))
        }

        /// `value` with `decimals` digits after the point (default 6), rounded half away from zero.
        func appendFixed(_ value: Double, decimals: Int = 6) {
            guard value.isFinite else {
                append(value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
                return
            }
            var divisor = 1
            for _ in 0..<decimals { divisor *= 10 }
            let scaled = (abs(value) * Double(divisor)).rounded()
            guard scaled < 9e15 else {
                append(String(value))
                return
            }
            var units = Int(scaled)
            if value < 0, units > 0 { byte(0x2D) }
            appendInteger(units / divisor)
            units %= divisor
            byte(0x2E)
            var digit = divisor / 10
            while digit > 0 {
                byte(UInt8(0x30 + units / digit % 10))
                digit /= 10
            }
        }

        /// A CSV field, quoted when it holds a comma, quote or line break.
        func appendCSVField(_ text: String) {
            if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                append("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            } else {
                append(text)
            }
        }

        /// A JSON string literal.
        func appendJSONString(_ text: String) {
            byte(0x22)
            for value in text.utf8 {
                if let escaped = JSONStringEscape.escaped(value) { append(escaped) } else { byte(value) }
            }
            byte(0x22)
        }

        /// Writes the buffer out once it is half full (appends flush on their own when it is full).
        func flushIfFull() {
            if used.pointee >= OutputSink.capacity / 2 { flush() }
        }

        func flush() {
            writeAll(storage, used.pointee)
            used.pointee = 0
        }

        private func writeAll(_ base: UnsafePointer<UInt8>, _ count: Int) {
            var written = 0
            while written < count {
                let result = write(descriptor, base + written, count - written)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else {
                    Output.error("error: cannot write to \(path): \(String(cString: strerror(errno)))")
                    return
                }
                written += result
            }
        }
    }

    /// Times as Unix seconds or ISO 8601, without Foundation's slow formatters.
    enum Timestamp {
        /// Unix seconds (`1704067200`, `1704067200.5`) or ISO 8601 (`2024-01-01T00:00:00Z`, `…+02:00`, no zone = UTC).
        @inline(__always)
        static func parse(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
            // 8 to 15 digits (Unix seconds since 1973), the first eight at once (Lemire's SWAR method).
            if field.count >= 8, field.count <= 15, let base = field.baseAddress {
                let word = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
                if (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) &>> 4)
                    == 0x3333_3333_3333_3333 {
                    var value = ((word & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) &>> 8
                    value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
                    value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
                    var number = Int(truncatingIfNeeded: value)
                    var index = 8
                    while index < field.count {
                        let digit = field[index] &- 0x30
                        guard digit < 10 else { break }
                        number = number &* 10 &+ Int(digit)
                        index += 1
                    }
                    if index == field.count { return Double(number) }
                }
            }
            return parseAny(field)
        }

        private static func parseAny(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
            guard !field.isEmpty else { return nil }
            if field.count >= 10, field[4] == 0x2D { return parseISO(field) }
            if field.count <= 15 {
                var value = 0
                var digits = true
                for byte in field {
                    guard byte >= 0x30, byte <= 0x39 else {
                        digits = false
                        break
                    }
                    value = value &* 10 &+ Int(byte &- 0x30)
                }
                if digits { return Double(value) }
            }
            return Double(String(decoding: field, as: UTF8.self))
        }

        private static func parseISO(_ f: UnsafeBufferPointer<UInt8>) -> Double? {
            func number(_ from: Int, _ length: Int) -> Int? {
                guard from + length <= f.count else { return nil }
                var value = 0
                for index in from..<from + length {
                    let byte = f[index]
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard let year = number(0, 4), f[7] == 0x2D, let month = number(5, 2), let day = number(8, 2),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
            guard f.count > 10 else { return seconds }
            guard f.count >= 19, f[10] == 0x54 || f[10] == 0x20, let hour = number(11, 2), f[13] == 0x3A,
                  let minute = number(14, 2), f[16] == 0x3A, let second = number(17, 2),
                  hour < 24, minute < 60, second < 61 else { return nil }
            seconds += Double(hour * 3600 + minute * 60 + second)
            var index = 19
            if index < f.count, f[index] == 0x2E {
                var scale = 0.1
                index += 1
                while index < f.count, f[index] >= 0x30, f[index] <= 0x39 {
                    seconds += Double(f[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                }
            }
            if index == f.count { return seconds }
            if f[index] == 0x5A, index + 1 == f.count { return seconds }
            guard f[index] == 0x2B || f[index] == 0x2D, let zoneHour = number(index + 1, 2) else { return nil }
            var zoneMinute = 0
            if index + 3 < f.count {
                let minuteStart = f[index + 3] == 0x3A ? index + 4 : index + 3
                guard let value = number(minuteStart, 2), minuteStart + 2 == f.count else { return nil }
                zoneMinute = value
            } else if index + 3 != f.count {
                return nil
            }
            let offset = Double(zoneHour * 3600 + zoneMinute * 60)
            return f[index] == 0x2B ? seconds - offset : seconds + offset
        }

        /// `2024-01-31T09:30:00Z`, with microseconds when there are any.
        static func format(_ seconds: Double) -> String {
            let micro = Int((seconds * 1_000_000).rounded())
            var days = micro / 86_400_000_000
            var rest = micro % 86_400_000_000
            if rest < 0 {
                days -= 1
                rest += 86_400_000_000
            }
            let (year, month, day) = civilFromDays(days)
            let second = rest / 1_000_000, fraction = rest % 1_000_000
            var text = "\(year)-\(two(month))-\(two(day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
            if fraction > 0 { text += "." + PMO.Measure.padded(fraction, width: 6) }
            return text + "Z"
        }

        private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

        /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
        static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let mp = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * mp + 2) / 5 + 1
            let month = mp < 10 ? mp + 3 : mp - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }
    }
}
