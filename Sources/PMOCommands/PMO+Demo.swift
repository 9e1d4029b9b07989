import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation

extension PMO {
    /// `pmo demo`: a realistic organisation in its own database, so every report has something true to show.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Create a demo organisation in its own database: units, people, learning histories, assignments, maturity.",
            discussion: """
            People get true abilities per competency that differ by role and grow over the 26 simulated weeks; \
            their answers are drawn from the 2PL model with the items' parameters, so levels in the reports \
            are what the measurement recovers. You become an administrator of the demo. Then try, e.g.: \
            pmo report org --database DEMO.sqlite
            """
        )

        @Option(name: .long, help: "Number of people (default 300).")
        var people: Int = 300

        @Option(name: .long, help: "Random seed: the same seed gives the same organisation.")
        var seed: UInt64 = 1

        @OptionGroup(title: "Options (--database defaults to $XDG_DATA_HOME/pmo/demo.sqlite here)") var options: GlobalOptions

        @Flag(name: .long, help: "Replace the database if it exists.")
        var force = false

        func validate() throws {
            if people < 10 { throw ValidationError("--people must be at least 10") }
        }

        func run() async throws {
            let command = try CommandContext(options: options)
            let catalog = try command.loadCatalog()
            let path = options.database.map(command.expandTilde) ?? {
                let base = command.environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((command.environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
                return base + "/pmo/demo.sqlite"
            }()
            if FileManager.default.fileExists(atPath: path) {
                guard force else { throw PMOError.nothingToDo("'\(path)' exists; pass --force to replace it or --database to choose another file") }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let started = Date()
            // A generator database (no journal, no syncs) whose indexes are built once at the end.
            let store = try SQLiteStore.generator(path: path)
            try await store.suspendResponseIndexes()
            let generator = DemoGenerator(catalog: catalog, people: people, seed: seed, now: command.clock()(),
                                          adminLogin: command.identity().login, adminName: command.identity().name)
            let summary = try await generator.write(to: store)
            try await store.finishGeneration()
            let seconds = Date().timeIntervalSince(started)
            Output.print("Demo organisation written to \(path) in \(String(format: "%.1f", seconds)) s:")
            Output.print("  \(summary.units) units, \(summary.people) people, \(summary.responses) responses, \(summary.estimates) skill estimates,")
            Output.print("  \(summary.assignments) assignments, \(summary.maturityAssessments) maturity assessments. You (\(command.identity().login)) are an administrator.")
            Output.print("Try:  pmo report org --database \(path)")
            Output.print("      pmo report maturity --database \(path) --unit \(summary.firstUnitCode)")
        }
    }
}

/// Generates the demo organisation deterministically from a seed.
struct DemoGenerator: Sendable {
    struct Summary: Sendable {
        var units = 0, people = 0, responses = 0, estimates = 0, assignments = 0, maturityAssessments = 0
        var firstUnitCode = ""
    }

    /// A competency's bank, prepared for fast simulation.
    struct Bank: Sendable {
        var items: [Item]
        var parameters: [IRTParameters]
        var rightJSON: [String]
        var wrongJSON: [String]
        /// The same texts in `DemoTexts` (set by `PeoplePlan`).
        var itemRefs: [ChunkRows.Ref] = []
        var rightRefs: [ChunkRows.Ref] = []
        var wrongRefs: [ChunkRows.Ref] = []
    }

    let catalog: Catalog
    let people: Int
    let seed: UInt64
    let now: Date
    let adminLogin: String
    let adminName: String

    static let departments = ["Engineering", "Operations", "Finance", "Sales and Marketing", "Information Technology", "Product",
                              "Customer Service", "Project Management Office"]
    static let teams = ["Platform", "Payments", "Data", "Mobile", "Infrastructure", "Delivery", "Planning", "Logistics", "Reporting",
                        "Migration", "Onboarding", "Quality", "Security", "Analytics", "Integration", "Change"]
    static let firstNames = ["Ada", "Ben", "Chen", "Dara", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jana", "Kofi", "Lena", "Mateo",
                             "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Viktor", "Wen", "Yusuf", "Zoe"]
    static let lastNames = ["Alvarez", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski",
                            "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber"]

    func banks() -> [String: Bank] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func json(_ answer: Answer) -> String { (try? encoder.encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? "{}" }
        var result: [String: Bank] = [:]
        for competency in catalog.competencies {
            let items = catalog.items(forCompetency: competency.id).filter { catalog.course(ofItem: $0)?.classification != .confidential }
            var bank = Bank(items: items, parameters: items.map(\.parameters), rightJSON: [], wrongJSON: [])
            for item in items {
                switch item.key {
                case let .choices(keys):
                    bank.rightJSON.append(json(.choices(keys.sorted())))
                    let wrong = item.options.indices.first { !keys.contains($0) } ?? 0
                    bank.wrongJSON.append(json(.choices([wrong])))
                case let .trueFalse(value):
                    bank.rightJSON.append(json(.trueFalse(value)))
                    bank.wrongJSON.append(json(.trueFalse(!value)))
                case let .numeric(value, tolerance):
                    bank.rightJSON.append(json(.number(value)))
                    bank.wrongJSON.append(json(.number(value + max(1, tolerance * 10 + abs(value) * 0.2))))
                case let .accepted(variants):
                    bank.rightJSON.append(json(.text(variants.first ?? "")))
                    bank.wrongJSON.append(json(.text("not sure")))
                case .ordering:
                    bank.rightJSON.append(json(.order(Array(item.options.indices))))
                    bank.wrongJSON.append(json(.order(Array(item.options.indices.reversed()))))
                }
            }
            result[competency.id] = bank
        }
        return result
    }

    /// Mean true ability by job role: more senior roles know more.
    static let roleMean: [String: Double] = ["project-coordinator": -0.7, "project-manager": -0.1, "senior-project-manager": 0.5,
                                             "programme-manager": 0.7, "pmo-lead": 0.8]

    func write(to store: SQLiteStore) async throws -> Summary {
        let banks = banks()
        var summary = Summary()
        let weeks = 26.0
        let day = 86_400.0
        let start = now.addingTimeInterval(-weeks * 7 * day)

        // Units: departments, then teams of about ten people.
        let teamCount = max(1, people / 10)
        var unitPlan: [(department: Int, name: String)] = []
        for t in 0..<teamCount {
            let department = t % Self.departments.count
            let round = t / (Self.departments.count * Self.teams.count)
            let name = Self.teams[(t / Self.departments.count) % Self.teams.count] + (round > 0 ? " \(round + 1)" : "")
            unitPlan.append((department, name))
        }
        let usedDepartments = Array(Set(unitPlan.map(\.department))).sorted()
        nonisolated(unsafe) var departmentIDs: [Int: Int64] = [:]
        nonisolated(unsafe) var teamIDs: [Int64] = []
        let adminLogin = self.adminLogin, adminName = self.adminName, now = self.now
        let unitPlanSnapshot = unitPlan
        try await store.bulkLoad { loader in
            let root = try loader.insertUnit(code: "group", name: "Northwind Group", parentID: nil)
            for d in usedDepartments {
                let name = Self.departments[d]
                departmentIDs[d] = try loader.insertUnit(code: Roster.unitCode([name]), name: name, parentID: root)
            }
            for team in unitPlanSnapshot {
                let department = Self.departments[team.department]
                teamIDs.append(try loader.insertUnit(code: Roster.unitCode([department, team.name]), name: team.name,
                                                     parentID: departmentIDs[team.department]))
            }
            _ = try loader.insertPerson(Person(login: adminLogin, name: adminName, access: .admin, unitID: root, active: true,
                                               clearance: .confidential, createdAt: now))
            _ = try loader.insertPerson(Person(login: "pmo-admin", name: "Pat Morgan (PMO)", role: "pmo-lead", access: .admin,
                                               unitID: departmentIDs[usedDepartments.last ?? 0], clearance: .confidential, createdAt: now))
        }
        summary.units = 1 + usedDepartments.count + teamIDs.count
        summary.firstUnitCode = Roster.unitCode([Self.departments[usedDepartments.first ?? 0]])
        summary.people = 2

        // People, in chunks of a thousand per transaction. Each person is simulated from their own seed and
        // owns a fixed range of attempt ids, so chunks are generated in parallel (one task per core, ahead of
        // the writer) and the organisation does not depend on how many run at once.
        let plan = PeoplePlan(catalog: catalog, banks: banks, teamIDs: teamIDs,
                              teamIsPMO: unitPlan.map { Self.departments[$0.department] == "Project Management Office" },
                              seed: seed, start: start, weeks: weeks, now: now)
        let chunk = 1000
        let chunks = (people + chunk - 1) / chunk
        let ahead = min(8, ProcessInfo.processInfo.activeProcessorCount + 1)  // each chunk in flight holds ~30 MB
        var pending: [Task<ChunkRows, Never>] = []
        var next = 0
        while next < chunks || !pending.isEmpty {
            while pending.count < ahead, next < chunks {
                let range = (next * chunk)..<min(people, (next + 1) * chunk)
                pending.append(Task.detached { Self.generateChunk(range, plan: plan) })
                next += 1
            }
            let rows = await pending.removeFirst().value
            try await Self.write(rows, texts: plan.texts, to: store)
            summary.people += rows.people.count
            summary.responses += rows.responses.count
            summary.estimates += rows.estimates.count
        }
        // Assignments and maturity assessments per department.
        nonisolated(unsafe) var assignments = 0, assessments = 0
        let model = catalog.maturityModels.first
        var maturityRNG = SeededGenerator(seed: seed &+ 99)
        var plans: [(Int64, [[(String, String, String)]])] = []
        if let model {
            for d in usedDepartments {
                guard let unit = departmentIDs[d] else { continue }
                var truth: [String: Int] = [:]
                for dimension in model.dimensions { truth[dimension.id] = 1 + Int(maturityRNG.next() % 3) }
                var rounds: [[(String, String, String)]] = []
                for round in 0..<2 {
                    for _ in 0..<2 {
                        var answers: [(String, String, String)] = []
                        for dimension in model.dimensions {
                            let level = (truth[dimension.id] ?? 1) + (round == 1 && maturityRNG.nextUnit() < 0.5 ? 1 : 0)
                            for criterion in dimension.criteria {
                                let u = maturityRNG.nextUnit()
                                let point: String
                                if criterion.level <= level { point = u < 0.6 ? "fully" : (u < 0.93 ? "largely" : "partly") }
                                else if criterion.level == level + 1 { point = u < 0.3 ? "largely" : (u < 0.8 ? "partly" : "not-in-place") }
                                else { point = u < 0.2 ? "partly" : "not-in-place" }
                                answers.append((criterion.id, point, ""))
                            }
                        }
                        rounds.append(answers)
                    }
                }
                plans.append((unit, rounds))
            }
        }
        let firstManager = Self.login(0)  // the first team's manager
        let planSnapshot = plans
        try await store.bulkLoad { loader in
            for d in usedDepartments {
                guard let unit = departmentIDs[d] else { continue }
                try loader.insertAssignment(Assignment(unitID: unit, courseID: "pmo", dueDate: now.addingTimeInterval(-30 * day),
                                                       assignedBy: "pmo-admin", createdAt: now.addingTimeInterval(-90 * day)))
                try loader.insertAssignment(Assignment(unitID: unit, courseID: "risk", dueDate: now.addingTimeInterval(14 * day),
                                                       assignedBy: "pmo-admin", createdAt: now.addingTimeInterval(-20 * day)))
                assignments += 2
            }
            guard let model else { return }
            for (unit, rounds) in planSnapshot {
                for (n, answers) in rounds.enumerated() {
                    let round = n / 2
                    let submitted = now.addingTimeInterval(round == 0 ? -100 * day : -10 * day)
                    let assessor = n % 2 == 0 ? "pmo-admin" : firstManager
                    try loader.insertMaturityAssessment(MaturityAssessmentRecord(modelID: model.id, unitID: unit, assessor: assessor,
                                                                                 status: .submitted, startedAt: submitted.addingTimeInterval(-day),
                                                                                 submittedAt: submitted),
                                                        answers: answers.map { (criterion: $0.0, answer: $0.1, note: $0.2) })
                    assessments += 1
                }
            }
        }
        summary.assignments = assignments
        summary.maturityAssessments = assessments
        return summary
    }

    /// Rows generated for one chunk of people, ids assigned up front, every text already bytes: the writer
    /// (the one thread that cannot be parallelised) only binds and steps.
    struct ChunkRows: Sendable {
        /// Bytes in `DemoTexts` (shared) or in this chunk's `bytes`.
        struct Ref: Sendable {
            var offset: Int32, count: Int32
        }
        struct AttemptRow: Sendable {
            var id: Int64, personID: Int64, kind: AttemptKind, scope: Ref, plan: Ref, started: Ref, finished: Ref
        }
        struct ResponseRow: Sendable {
            var attemptID: Int64, personID: Int64, item: Ref, competency: Ref, answer: Ref, correct: Bool, seconds: Double, at: Ref
        }
        struct LessonRow: Sendable {
            var personID: Int64, lesson: Ref, course: Ref, started: Ref, completed: Ref
        }
        struct EstimateRow: Sendable {
            var personID: Int64, competency: Ref, theta: Double, se: Double, responses: Int, at: Ref
        }
        struct CardRow: Sendable {
            var personID: Int64, itemID: String, due: Date, state: String, at: Date
        }
        var people: [Person] = []
        var attempts: [AttemptRow] = []
        var responses: [ResponseRow] = []
        var lessons: [LessonRow] = []
        var estimates: [EstimateRow] = []
        var cards: [CardRow] = []
        /// Dates and plans of this chunk.
        var bytes: [UInt8] = []

        mutating func date(_ date: Date) -> Ref {
            let offset = bytes.count
            SQLiteDate.append(date, to: &bytes)
            return Ref(offset: Int32(offset), count: 23)
        }

        /// `{"itemIDs":["a","b"],"optionOrders":{}}`, as `SQLiteBulkLoader.insertAttempt` writes plans.
        mutating func plan(_ items: [Ref], texts: DemoTexts) -> Ref {
            let offset = bytes.count
            bytes.append(contentsOf: Self.planHead)
            for (k, item) in items.enumerated() {
                if k > 0 { bytes.append(0x2C) }
                bytes.append(0x22)
                texts.append(item, to: &bytes)
                bytes.append(0x22)
            }
            bytes.append(contentsOf: Self.planTail)
            return Ref(offset: Int32(offset), count: Int32(bytes.count - offset))
        }

        static let planHead = Array(#"{"itemIDs":["#.utf8)
        static let planTail = Array(#"],"optionOrders":{}}"#.utf8)
    }

    /// The demo's fixed texts (ids, answers, scopes) as bytes in one buffer, interned once for every chunk.
    final class DemoTexts: @unchecked Sendable {
        // Immutable after `init`: shared by the generator tasks and the writer without a lock.
        private let storage: [UInt8]
        private let refs: [String: ChunkRows.Ref]

        init(_ strings: some Sequence<String>) {
            var storage: [UInt8] = []
            var refs: [String: ChunkRows.Ref] = [:]
            for string in strings where refs[string] == nil {
                refs[string] = .init(offset: Int32(storage.count), count: Int32(string.utf8.count))
                storage.append(contentsOf: string.utf8)
            }
            self.storage = storage
            self.refs = refs
        }

        /// The reference of an interned string (every string the generator uses was interned).
        func ref(_ string: String) -> ChunkRows.Ref {
            guard let ref = refs[string] else { preconditionFailure("'\(string)' was not interned") }
            return ref
        }

        func append(_ ref: ChunkRows.Ref, to bytes: inout [UInt8]) {
            bytes.append(contentsOf: storage[Int(ref.offset)..<Int(ref.offset + ref.count)])
        }

        func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
            try storage.withUnsafeBufferPointer(body)
        }

        /// Every text the demo writes: item ids, competencies, answers, lesson and course ids, attempt scopes.
        static func of(catalog: Catalog, banks: [String: Bank]) -> DemoTexts {
            var strings: [String] = catalog.competencies.map(\.id)
            for bank in banks.values.sorted(by: { ($0.items.first?.id ?? "") < ($1.items.first?.id ?? "") }) {
                strings += bank.items.map(\.id) + bank.rightJSON + bank.wrongJSON
            }
            strings += catalog.items.map(\.id) + catalog.items.map(\.competency)
            for course in catalog.courses {
                strings += [course.id, "course:\(course.id)"] + course.lessons.map(\.id) + course.lessons.map { "lesson:\($0.id)" }
            }
            strings.append("course:")
            return DemoTexts(strings)
        }
    }

    /// What every chunk of people is generated from.
    struct PeoplePlan: Sendable {
        var catalog: Catalog
        /// Banks in competency order (nil: none).
        var banks: [Bank?]
        var competencies: [String]
        var competencyRefs: [ChunkRows.Ref]
        var texts: DemoTexts
        /// Lesson id → its check items as (competency index, bank index).
        var checks: [String: [(competency: Int, item: Int)]]
        var teamIDs: [Int64]
        var teamIsPMO: [Bool]
        var seed: UInt64
        var start: Date
        var weeks: Double
        var now: Date

        init(catalog: Catalog, banks: [String: Bank], teamIDs: [Int64], teamIsPMO: [Bool], seed: UInt64, start: Date, weeks: Double, now: Date) {
            self.catalog = catalog
            competencies = catalog.competencies.map(\.id)
            texts = DemoTexts.of(catalog: catalog, banks: banks)
            let texts = self.texts
            competencyRefs = competencies.map { texts.ref($0) }
            self.banks = competencies.map { id in
                banks[id].map { bank in
                    var bank = bank
                    bank.itemRefs = bank.items.map { texts.ref($0.id) }
                    bank.rightRefs = bank.rightJSON.map { texts.ref($0) }
                    bank.wrongRefs = bank.wrongJSON.map { texts.ref($0) }
                    return bank
                }
            }
            let competencies = self.competencies
            var checks: [String: [(competency: Int, item: Int)]] = [:]
            for course in catalog.courses {
                for lesson in course.lessons where !lesson.check.isEmpty {
                    checks[lesson.id] = lesson.check.compactMap { id in
                        guard let item = catalog.itemByID[id], let c = competencies.firstIndex(of: item.competency),
                              let i = banks[item.competency]?.items.firstIndex(where: { $0.id == id }) else { return nil }
                        return (c, i)
                    }
                }
            }
            self.checks = checks
            self.teamIDs = teamIDs
            self.teamIsPMO = teamIsPMO
            self.seed = seed
            self.start = start
            self.weeks = weeks
            self.now = now
        }

        /// Attempt ids each person owns: at most 12 quizzes, each with a check per lesson of its course.
        var attemptsPerPerson: Int64 { Int64(12 * (1 + (catalog.courses.map(\.lessons.count).max() ?? 0))) }
    }

    static func login(_ n: Int) -> String { String(format: "p%06d", n) }

    /// The seed of person `n`: the run's seed and the person's number mixed (SplitMix64's finaliser).
    static func personSeed(_ seed: UInt64, _ n: Int) -> UInt64 {
        var z = seed &+ UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Simulates people `range` and their learning histories (pure: no I/O). Person `n` depends only on
    /// the plan and `n`.
    static func generateChunk(_ range: Range<Int>, plan: PeoplePlan) -> ChunkRows {
        var rows = ChunkRows()
        let catalog = plan.catalog, competencies = plan.competencies, texts = plan.texts
        let start = plan.start, now = plan.now
        let estimator = AbilityEstimator()
        let scheduler = FSRSScheduler()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let span = plan.weeks * 7 * 86_400
        let week = 7 * 86_400.0
        for n in range {
            var rng = SeededGenerator(seed: personSeed(plan.seed, n))
            var nextAttempt = 1 + Int64(n) * plan.attemptsPerPerson
            let team = n / 10 % plan.teamIDs.count
            let position = n % 10
            let isPMO = plan.teamIsPMO[team]
            let role: String
            switch position {
            case 0: role = isPMO ? "pmo-lead" : "senior-project-manager"
            case 1, 2: role = "project-coordinator"
            case 9: role = isPMO ? "programme-manager" : "senior-project-manager"
            default: role = "project-manager"
            }
            let login = Self.login(n)
            let name = Self.firstNames[Int(rng.next() % UInt64(Self.firstNames.count))] + " " + Self.lastNames[Int(rng.next() % UInt64(Self.lastNames.count))]
            let person = Person(id: Int64(n + 3), login: login, name: name, email: "\(login)@northwind.example", role: role,
                                access: position == 0 ? .manager : .learner, unitID: plan.teamIDs[team],
                                manager: position == 0 ? nil : Self.login(n - position),
                                chat: ["slack": String(format: "U%08X", UInt32(truncatingIfNeeded: rng.next()))],
                                createdAt: start)
            rows.people.append(person)
            let general = Self.normal(&rng) * 0.5
            let thetas = competencies.map { _ in (Self.roleMean[role] ?? 0) + general + Self.normal(&rng) * 0.6 }
            let quizzes = rng.nextUnit() < 0.92 ? 6 + Int(rng.next() % 7) : 0
            let growth = 0.01 + rng.nextUnit() * 0.03
            let personID = person.personID
            let targets = catalog.roleByID[role]?.targets ?? [:]
            let weighted = competencies.enumerated().flatMap { index, id in Array(repeating: index, count: targets[id] ?? 1) }
            var answered = [[(IRTParameters, Bool)]](repeating: [], count: competencies.count)
            // A lesson read again replaces its row (as INSERT OR REPLACE would): one row per lesson and person.
            var lessonRow: [String: Int] = [:]
            let times = (0..<quizzes).map { _ in rng.nextUnit() * span }.sorted()
            for offset in times {
                let c = weighted.isEmpty ? Int(rng.next() % UInt64(competencies.count)) : weighted[Int(rng.next() % UInt64(weighted.count))]
                guard let bank = plan.banks[c], bank.items.count >= 10 else { continue }
                let when = start.addingTimeInterval(offset)
                let theta = thetas[c] + growth * offset / week
                var picks: Set<Int> = []
                while picks.count < 10 { picks.insert(Int(rng.next() % UInt64(bank.items.count))) }
                let order = picks.sorted()
                let course = catalog.course(ofItem: bank.items[order[0]])
                let attempt = nextAttempt
                nextAttempt += 1
                rows.attempts.append(.init(id: attempt, personID: personID, kind: .quiz, scope: texts.ref("course:" + (course?.id ?? "")),
                                           plan: rows.plan(order.map { bank.itemRefs[$0] }, texts: texts),
                                           started: rows.date(when), finished: rows.date(when.addingTimeInterval(600))))
                for (k, i) in order.enumerated() {
                    let correct = rng.nextUnit() < bank.parameters[i].probability(at: theta)
                    rows.responses.append(.init(attemptID: attempt, personID: personID, item: bank.itemRefs[i], competency: plan.competencyRefs[c],
                                                answer: correct ? bank.rightRefs[i] : bank.wrongRefs[i], correct: correct,
                                                seconds: 8 + rng.nextUnit() * 40, at: rows.date(when.addingTimeInterval(Double(k) * 50))))
                    answered[c].append((bank.parameters[i], correct))
                }
                // Reading goes with quizzing: the lessons of the course behind the quiz, and most of their checks.
                if let course {
                    let read = 1 + Int(rng.next() % UInt64(max(1, course.lessons.count)))
                    let courseRef = texts.ref(course.id)
                    for lesson in course.lessons.prefix(read) {
                        let row = ChunkRows.LessonRow(personID: personID, lesson: texts.ref(lesson.id), course: courseRef,
                                                      started: rows.date(when.addingTimeInterval(-3600)), completed: rows.date(when.addingTimeInterval(-600)))
                        if let earlier = lessonRow[lesson.id] { rows.lessons[earlier] = row } else {
                            lessonRow[lesson.id] = rows.lessons.count
                            rows.lessons.append(row)
                        }
                        guard !lesson.check.isEmpty, rng.nextUnit() < 0.25 else { continue }
                        let checkItems = lesson.check.compactMap { catalog.itemByID[$0] }
                        let checkAttempt = nextAttempt
                        nextAttempt += 1
                        rows.attempts.append(.init(id: checkAttempt, personID: personID, kind: .check, scope: texts.ref("lesson:" + lesson.id),
                                                   plan: rows.plan(checkItems.map { texts.ref($0.id) }, texts: texts),
                                                   started: rows.date(when.addingTimeInterval(-590)), finished: rows.date(when.addingTimeInterval(-300))))
                        let at = rows.date(when.addingTimeInterval(-500))
                        for (c2, i) in plan.checks[lesson.id] ?? [] {
                            guard let bank2 = plan.banks[c2] else { continue }
                            let correct = rng.nextUnit() < bank2.parameters[i].probability(at: thetas[c2] + growth * offset / week)
                            rows.responses.append(.init(attemptID: checkAttempt, personID: personID, item: bank2.itemRefs[i],
                                                        competency: plan.competencyRefs[c2],
                                                        answer: correct ? bank2.rightRefs[i] : bank2.wrongRefs[i], correct: correct,
                                                        seconds: 10 + rng.nextUnit() * 30, at: at))
                            answered[c2].append((bank2.parameters[i], correct))
                        }
                    }
                }
                let pairs = answered[c]
                let estimate = estimator.estimate(parameters: pairs.map(\.0), correct: pairs.map(\.1))
                rows.estimates.append(.init(personID: personID, competency: plan.competencyRefs[c], theta: estimate.theta, se: estimate.se,
                                            responses: pairs.count, at: rows.date(when.addingTimeInterval(600))))
                if now.timeIntervalSince(when) < 14 * 86_400 {
                    // Review cards for recent answers, scheduled by FSRS as a "Good" first review.
                    let (card, _) = scheduler.review(ReviewCard(due: when), rating: .good, at: when)
                    let state = (try? encoder.encode(card)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                    for i in order.prefix(3) {
                        rows.cards.append(.init(personID: personID, itemID: bank.items[i].id, due: card.due, state: state, at: when))
                    }
                }
            }
        }
        return rows
    }

    /// Writes one chunk's rows in one transaction.
    static func write(_ rows: ChunkRows, texts: DemoTexts, to store: SQLiteStore) async throws {
        try await store.bulkLoad { loader in
            try texts.withBytes { shared in
                try rows.bytes.withUnsafeBufferPointer { chunk in
                    func s(_ ref: ChunkRows.Ref) -> SQLiteBulkLoader.Bytes {
                        UnsafeBufferPointer(rebasing: shared[Int(ref.offset)..<Int(ref.offset + ref.count)])
                    }
                    func c(_ ref: ChunkRows.Ref) -> SQLiteBulkLoader.Bytes {
                        UnsafeBufferPointer(rebasing: chunk[Int(ref.offset)..<Int(ref.offset + ref.count)])
                    }
                    for person in rows.people { _ = try loader.insertPerson(person) }
                    try loader.insertAttempts(count: rows.attempts.count) { i in
                        let a = rows.attempts[i]
                        return .init(id: a.id, personID: a.personID, kind: a.kind, scope: s(a.scope), planJSON: c(a.plan),
                                     startedAt: c(a.started), finishedAt: c(a.finished))
                    }
                    try loader.insertResponses(count: rows.responses.count) { i in
                        let r = rows.responses[i]
                        return .init(attemptID: r.attemptID, personID: r.personID, itemID: s(r.item), competency: s(r.competency),
                                     answerJSON: s(r.answer), correct: r.correct, seconds: r.seconds, at: c(r.at))
                    }
                    try loader.insertLessonProgress(count: rows.lessons.count) { i in
                        let l = rows.lessons[i]
                        return .init(personID: l.personID, lessonID: s(l.lesson), courseID: s(l.course), startedAt: c(l.started),
                                     completedAt: c(l.completed))
                    }
                    try loader.insertEstimates(count: rows.estimates.count) { i in
                        let e = rows.estimates[i]
                        return .init(personID: e.personID, competency: s(e.competency), theta: e.theta, se: e.se, responses: e.responses,
                                     estimatedAt: c(e.at))
                    }
                    for card in rows.cards {
                        try loader.insertReviewCard(personID: card.personID, itemID: card.itemID, due: card.due, state: card.state, at: card.at)
                    }
                }
            }
        }
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ rng: inout SeededGenerator) -> Double {
        let u1 = max(1e-12, rng.nextUnit()), u2 = rng.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
