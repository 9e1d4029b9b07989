import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation

extension PMO {
    /// `pmo demo`: a realistic organisation in its own database, so every report has something true to show.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
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
            let store = try SQLiteStore(path: path)
            try await store.preferSpeedOverDurability()
            try await store.suspendResponseIndexes()
            let generator = DemoGenerator(catalog: catalog, people: people, seed: seed, now: command.clock()(),
                                          adminLogin: command.identity().login, adminName: command.identity().name)
            let summary = try await generator.write(to: store)
            try await store.restoreResponseIndexes()
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
        let competencies = catalog.competencies.map(\.id)
        var rng = SeededGenerator(seed: seed)
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

        // People, in chunks of a thousand per transaction. Ids are assigned here (the two
        // administrators took 1 and 2), so the next chunk is generated while this one is written.
        let chunk = 1000
        var index = 0
        var managersByTeam: [Int: String] = [:]
        var nextAttemptID: Int64 = 1
        var pending: Task<ChunkRows, Never>?
        while index < people || pending != nil {
            var task: Task<ChunkRows, Never>?
            if index < people {
                let upper = min(people, index + chunk)
                var batch: [(person: Person, thetas: [Double], quizzes: Int, growth: Double)] = []
                for n in index..<upper {
                    let team = n / 10 % teamIDs.count
                    let position = n % 10
                    let isPMO = Self.departments[unitPlan[team].department] == "Project Management Office"
                    let role: String
                    switch position {
                    case 0: role = isPMO ? "pmo-lead" : "senior-project-manager"
                    case 1, 2: role = "project-coordinator"
                    case 9: role = isPMO ? "programme-manager" : "senior-project-manager"
                    default: role = "project-manager"
                    }
                    let login = String(format: "p%06d", n)
                    if position == 0 { managersByTeam[team] = login }
                    let name = Self.firstNames[Int(rng.next() % UInt64(Self.firstNames.count))] + " " + Self.lastNames[Int(rng.next() % UInt64(Self.lastNames.count))]
                    let person = Person(id: Int64(n + 3), login: login, name: name, email: "\(login)@northwind.example", role: role,
                                        access: position == 0 ? .manager : .learner, unitID: teamIDs[team],
                                        manager: position == 0 ? nil : managersByTeam[team],
                                        chat: ["slack": String(format: "U%08X", UInt32(truncatingIfNeeded: rng.next()))],
                                        createdAt: start)
                    let general = Self.normal(&rng) * 0.5
                    let thetas = competencies.map { _ in (Self.roleMean[role] ?? 0) + general + Self.normal(&rng) * 0.6 }
                    let active = rng.nextUnit() < 0.92
                    let quizzes = active ? 6 + Int(rng.next() % 7) : 0
                    batch.append((person, thetas, quizzes, 0.01 + rng.nextUnit() * 0.03))
                }
                var chunkSeed = SeededGenerator(seed: seed &+ UInt64(index) &* 7919)
                let chunkRNG = chunkSeed.next()
                // Each person takes at most 12 quizzes and reads at most 8 lessons per quiz: ids never overlap.
                let firstAttempt = nextAttemptID
                nextAttemptID += Int64(batch.count) * 15 * 10
                let catalog = self.catalog
                let frozen = batch
                task = Task.detached {
                    Self.generateChunk(frozen, banks: banks, competencies: competencies, catalog: catalog, start: start, weeks: weeks,
                                       now: now, seed: chunkRNG, firstAttemptID: firstAttempt)
                }
                index = upper
            }
            if let pending {
                let rows = await pending.value
                try await Self.write(rows, to: store)
                summary.people += rows.people.count
                summary.responses += rows.responses.count
                summary.estimates += rows.estimates.count
            }
            pending = task
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
        let firstManager = managersByTeam[0] ?? "pmo-admin"
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

    /// Rows generated for one chunk of people, with their ids assigned up front so that generation
    /// (one core) and insertion (the other) can overlap.
    struct ChunkRows: Sendable {
        struct AttemptRow: Sendable {
            var id: Int64, personID: Int64, kind: AttemptKind, scope: String, itemIDs: [String], started: Date, finished: Date
        }
        struct ResponseRow: Sendable {
            var attemptID: Int64, personID: Int64, itemID: String, competency: String, answer: String, correct: Bool, seconds: Double, at: String
        }
        struct LessonRow: Sendable {
            var personID: Int64, lessonID: String, courseID: String, started: Date, completed: Date
        }
        struct CardRow: Sendable {
            var personID: Int64, itemID: String, due: Date, state: String, at: Date
        }
        var people: [Person] = []
        var attempts: [AttemptRow] = []
        var responses: [ResponseRow] = []
        var lessons: [LessonRow] = []
        var estimates: [SkillEstimateRecord] = []
        var cards: [CardRow] = []
    }

    /// Simulates the learning histories of one chunk of people (pure: no I/O).
    static func generateChunk(_ batch: [(person: Person, thetas: [Double], quizzes: Int, growth: Double)], banks: [String: Bank],
                              competencies: [String], catalog: Catalog, start: Date, weeks: Double, now: Date, seed: UInt64,
                              firstAttemptID: Int64) -> ChunkRows {
        var rows = ChunkRows()
        var nextAttempt = firstAttemptID
        var rng = SeededGenerator(seed: seed)
        let estimator = AbilityEstimator()
        let scheduler = FSRSScheduler()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let span = weeks * 7 * 86_400
        for entry in batch {
            rows.people.append(entry.person)
            let personID = entry.person.personID
            let targets = entry.person.role.flatMap { catalog.roleByID[$0]?.targets } ?? [:]
            let weighted = competencies.enumerated().flatMap { index, id in Array(repeating: index, count: targets[id] ?? 1) }
            var answered: [Int: [(IRTParameters, Bool)]] = [:]
            let times = (0..<entry.quizzes).map { _ in rng.nextUnit() * span }.sorted()
            for offset in times {
                let c = weighted.isEmpty ? Int(rng.next() % UInt64(competencies.count)) : weighted[Int(rng.next() % UInt64(weighted.count))]
                guard let bank = banks[competencies[c]], bank.items.count >= 10 else { continue }
                let when = start.addingTimeInterval(offset)
                let theta = entry.thetas[c] + entry.growth * offset / (7 * 86_400)
                var picks: Set<Int> = []
                while picks.count < 10 { picks.insert(Int(rng.next() % UInt64(bank.items.count))) }
                let order = picks.sorted()
                let courseID = catalog.course(ofItem: bank.items[order[0]])?.id ?? ""
                let attempt = nextAttempt
                nextAttempt += 1
                rows.attempts.append(.init(id: attempt, personID: personID, kind: .quiz, scope: "course:\(courseID)",
                                           itemIDs: order.map { bank.items[$0].id }, started: when, finished: when.addingTimeInterval(600)))
                for (k, i) in order.enumerated() {
                    let correct = rng.nextUnit() < bank.parameters[i].probability(at: theta)
                    rows.responses.append(.init(attemptID: attempt, personID: personID, itemID: bank.items[i].id, competency: competencies[c],
                                                answer: correct ? bank.rightJSON[i] : bank.wrongJSON[i], correct: correct,
                                                seconds: 8 + rng.nextUnit() * 40, at: SQLiteDate.string(when.addingTimeInterval(Double(k) * 50))))
                    answered[c, default: []].append((bank.parameters[i], correct))
                }
                // Reading goes with quizzing: the lessons of the course behind the quiz, and most of their checks.
                if let course = catalog.courseByID[courseID] {
                    let read = 1 + Int(rng.next() % UInt64(max(1, course.lessons.count)))
                    for lesson in course.lessons.prefix(read) {
                        rows.lessons.append(.init(personID: personID, lessonID: lesson.id, courseID: course.id,
                                                  started: when.addingTimeInterval(-3600), completed: when.addingTimeInterval(-600)))
                        guard !lesson.check.isEmpty, rng.nextUnit() < 0.25 else { continue }
                        let checkItems = lesson.check.compactMap { catalog.itemByID[$0] }
                        let checkAttempt = nextAttempt
                        nextAttempt += 1
                        rows.attempts.append(.init(id: checkAttempt, personID: personID, kind: .check, scope: "lesson:\(lesson.id)",
                                                   itemIDs: checkItems.map(\.id), started: when.addingTimeInterval(-590),
                                                   finished: when.addingTimeInterval(-300)))
                        let at = SQLiteDate.string(when.addingTimeInterval(-500))
                        for item in checkItems {
                            guard let c2 = competencies.firstIndex(of: item.competency), let bank2 = banks[item.competency],
                                  let i = bank2.items.firstIndex(where: { $0.id == item.id }) else { continue }
                            let correct = rng.nextUnit() < bank2.parameters[i].probability(at: entry.thetas[c2] + entry.growth * offset / (7 * 86_400))
                            rows.responses.append(.init(attemptID: checkAttempt, personID: personID, itemID: item.id, competency: item.competency,
                                                        answer: correct ? bank2.rightJSON[i] : bank2.wrongJSON[i], correct: correct,
                                                        seconds: 10 + rng.nextUnit() * 30, at: at))
                            answered[c2, default: []].append((bank2.parameters[i], correct))
                        }
                    }
                }
                let pairs = answered[c] ?? []
                let estimate = estimator.estimate(parameters: pairs.map(\.0), correct: pairs.map(\.1))
                rows.estimates.append(SkillEstimateRecord(personID: personID, competency: competencies[c], theta: estimate.theta,
                                                          se: estimate.se, responses: pairs.count, estimatedAt: when.addingTimeInterval(600)))
                if now.timeIntervalSince(when) < 14 * 86_400 {
                    // Review cards for recent answers, scheduled by FSRS as a "Good" first review.
                    for i in order.prefix(3) {
                        let (card, _) = scheduler.review(ReviewCard(due: when), rating: .good, at: when)
                        let state = (try? encoder.encode(card)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                        rows.cards.append(.init(personID: personID, itemID: bank.items[i].id, due: card.due, state: state, at: when))
                    }
                }
            }
        }
        return rows
    }

    /// Writes one chunk's rows in one transaction.
    static func write(_ rows: ChunkRows, to store: SQLiteStore) async throws {
        try await store.bulkLoad { loader in
            for person in rows.people { _ = try loader.insertPerson(person) }
            for a in rows.attempts {
                _ = try loader.insertAttempt(id: a.id, personID: a.personID, kind: a.kind, scope: a.scope, itemIDs: a.itemIDs,
                                             startedAt: a.started, finishedAt: a.finished)
            }
            for r in rows.responses {
                try loader.insertResponse(attemptID: r.attemptID, personID: r.personID, itemID: r.itemID, competency: r.competency,
                                          answerJSON: r.answer, correct: r.correct, seconds: r.seconds, atText: r.at)
            }
            for l in rows.lessons {
                try loader.insertLessonProgress(personID: l.personID, lessonID: l.lessonID, courseID: l.courseID, startedAt: l.started,
                                                completedAt: l.completed)
            }
            for e in rows.estimates { try loader.insertEstimate(e) }
            for c in rows.cards { try loader.insertReviewCard(personID: c.personID, itemID: c.itemID, due: c.due, state: c.state, at: c.at) }
        }
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ rng: inout SeededGenerator) -> Double {
        let u1 = max(1e-12, rng.nextUnit()), u2 = rng.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
