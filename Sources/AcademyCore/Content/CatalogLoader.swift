import Foundation
import Yams

/// Loads content files into a validated `Catalog`, collecting every problem as a diagnostic.
///
/// Pure: it reads nothing but the files it is given, so tests (and the fuzzer) can feed it
/// any text. It never traps on bad input.
public enum CatalogLoader {
    static let competenciesPath = "Assessments/competencies.yaml"
    static let rolesPath = "Assessments/roles.yaml"

    /// Loads `files` (paths relative to the content root). `knownPaths` are all files that
    /// exist, for checking relative links in lessons; it defaults to the paths of `files`.
    public static func load(files: [ContentFile], knownPaths: Set<String>? = nil) -> LoadResult {
        let diagnostics = DiagnosticCollector()
        let state = LoadState(known: knownPaths ?? Set(files.map(\.path)))

        // Classify every file, parse them all in parallel (each with its own collector), then
        // assemble in path order so the result does not depend on scheduling.
        var jobs: [(kind: FileKind, file: ContentFile)] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let parts = file.path.split(separator: "/").map(String.init)
            switch (parts.first, parts.count) {
            case ("Assessments", 2) where parts[1] == "competencies.yaml": jobs.append((.framework, file))
            case ("Assessments", 2) where parts[1] == "roles.yaml": jobs.append((.roles, file))
            case ("Assessments", 3) where parts[1] == "items" && isYAML(parts[2]): jobs.append((.items, file))
            case ("Assessments", 3) where parts[1] == "maturity" && isYAML(parts[2]): jobs.append((.maturity, file))
            case ("Courses", 3) where parts[2] == "course.yaml": jobs.append((.course(parts[1]), file))
            case ("Courses", 3) where parts[2].hasSuffix(".md"): jobs.append((.lesson(parts[1]), file))
            default:
                if isYAML(file.path) || file.path.hasSuffix(".md"), !file.path.hasSuffix("README.md") {
                    diagnostics.warning(SourceLocation(file: file.path),
                                        "file is not part of the content layout and is ignored (see docs/content-format.md)")
                }
            }
        }
        let parsed = parseInParallel(jobs)

        var framework: CompetencyFramework?
        var roles: [Role] = []
        var courseByFolder: [String: Course] = [:]
        var courseFolders: Set<String> = []
        var lessonsByFolder: [String: [Lesson]] = [:]
        var lessonFolders: [String: String] = [:]
        var items: [Item] = []
        var models: [MaturityModel] = []
        for (index, result) in parsed.enumerated() {
            result.diagnostics.forEach(diagnostics.append)
            switch (jobs[index].kind, result.value) {
            case let (.framework, .framework(value)): framework = value
            case let (.roles, .roles(value)): roles = value
            case let (.course(folder), .course(value)):
                courseFolders.insert(folder)
                if let value { courseByFolder[folder] = value }
            case let (.lesson(folder), .lesson(value)):
                lessonFolders[folder] = lessonFolders[folder] ?? jobs[index].file.path
                if let value { lessonsByFolder[folder, default: []].append(value) }
            case let (.items, .items(value)): items += value
            case let (.maturity, .maturity(value)): if let value { models.append(value) }
            default: break
            }
        }
        if framework == nil, !files.contains(where: { $0.path == competenciesPath }) {
            diagnostics.error(SourceLocation(file: competenciesPath), "the competency framework is missing: create \(competenciesPath)")
        }
        let frameworkValue = framework ?? .empty

        var courses: [Course] = []
        for folder in courseFolders.union(lessonFolders.keys).sorted() {
            guard courseFolders.contains(folder) else {
                let first = lessonFolders[folder] ?? "Courses/\(folder)"
                diagnostics.error(SourceLocation(file: first), "course folder 'Courses/\(folder)' has lessons but no course.yaml")
                continue
            }
            guard var course = courseByFolder[folder] else { continue }
            course.lessons = (lessonsByFolder[folder] ?? []).sorted { ($0.position, $0.location.file) < ($1.position, $1.location.file) }
            if course.lessons.isEmpty {
                diagnostics.warning(course.location, "course '\(course.id)' has no lessons yet")
            }
            courses.append(course)
        }

        state.check(framework: frameworkValue, roles: roles, courses: courses, items: items,
                    models: models, diagnostics)
        let ordered = orderCourses(courses, diagnostics)
        let catalog = Catalog(framework: frameworkValue, roles: roles, courses: ordered, items: items,
                              maturityModels: models)
        return LoadResult(catalog: catalog, diagnostics: diagnostics.sorted)
    }

    static func isYAML(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// What a content file is, from its path.
    enum FileKind: Sendable {
        case framework, roles, items, maturity
        case course(String)
        case lesson(String)
    }

    /// What parsing one file produced.
    enum ParsedValue: Sendable {
        case framework(CompetencyFramework?)
        case roles([Role])
        case course(Course?)
        case lesson(Lesson?)
        case items([Item])
        case maturity(MaturityModel?)
    }

    struct Parsed: Sendable {
        var value: ParsedValue
        var diagnostics: [Diagnostic]
    }

    /// Parses each file on its own, spreading files over the processor's cores.
    static func parseInParallel(_ jobs: [(kind: FileKind, file: ContentFile)]) -> [Parsed] {
        let results = ResultSlots<Parsed>(count: jobs.count)
        let work: @Sendable (Int) -> Void = { index in
            let (kind, file) = jobs[index]
            let collector = DiagnosticCollector()
            let value: ParsedValue
            switch kind {
            case .framework: value = .framework(readFramework(file, collector))
            case .roles: value = .roles(readRoles(file, collector))
            case let .course(folder): value = .course(readCourse(file, folder: folder, collector))
            case let .lesson(folder): value = .lesson(readLesson(file, courseID: folder, collector))
            case .items: value = .items(readItems(file, collector))
            case .maturity: value = .maturity(readMaturityModel(file, collector))
            }
            results.set(index, Parsed(value: value, diagnostics: collector.diagnostics))
        }
        if jobs.count < 8 {
            for index in jobs.indices { work(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: jobs.count, execute: work)
        }
        return results.values
    }

    /// Courses in an order where prerequisites come first (ties by id); reports cycles.
    static func orderCourses(_ courses: [Course], _ diagnostics: DiagnosticCollector) -> [Course] {
        let byID = Dictionary(courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var ordered: [Course] = []
        var reported: Set<String> = []

        func visit(_ id: String, path: [String]) {
            guard let course = byID[id] else { return }
            if state[id] == 2 { return }
            if state[id] == 1 {
                let cycle = path.drop(while: { $0 != id }) + [id]
                if reported.insert(cycle.sorted().joined(separator: ",")).inserted {
                    diagnostics.error(course.location, "prerequisite cycle: \(cycle.joined(separator: " → "))")
                }
                return
            }
            state[id] = 1
            for prerequisite in course.prerequisites.sorted() { visit(prerequisite, path: path + [id]) }
            state[id] = 2
            ordered.append(course)
        }
        for course in courses.sorted(by: { $0.id < $1.id }) { visit(course.id, path: []) }
        return ordered
    }
}

// MARK: - Reading each kind of file

extension CatalogLoader {
    static let levelKeys = ["name", "cut", "description"]

    static func readLevels(_ node: Node?, _ what: String, _ reader: YAMLReader) -> [ProficiencyLevel]? {
        guard let elements = reader.list(node, what) else { return nil }
        if elements.count != 5 {
            reader.error(node, "\(what) must list exactly five levels (novice … expert), found \(elements.count)")
        }
        var levels: [ProficiencyLevel] = []
        var previousCut: Double?
        for (index, element) in elements.prefix(5).enumerated() {
            guard let f = reader.fields(element, of: "a proficiency level", allowed: levelKeys, required: ["name", "description"]) else { continue }
            let cut = reader.double(f["cut"], "cut")
            if index == 0, f["cut"] != nil {
                reader.warning(f["cut"], "the first level starts at -infinity; its cut is ignored")
            }
            if index > 0 {
                if f["cut"] == nil {
                    reader.error(element, "level \(index + 1) needs a cut score")
                } else if let cut, let previous = previousCut, cut <= previous {
                    reader.error(f["cut"], "cut scores must rise from level to level: \(Item.format(cut)) is not above \(Item.format(previous))")
                }
                if let cut { previousCut = cut }
            }
            levels.append(ProficiencyLevel(number: index + 1, name: reader.string(f["name"], "name") ?? "Level \(index + 1)",
                                           cut: index == 0 ? nil : cut,
                                           description: reader.string(f["description"], "description") ?? ""))
        }
        return levels.count == 5 ? levels : nil
    }

    static func readFramework(_ file: ContentFile, _ diagnostics: DiagnosticCollector) -> CompetencyFramework? {
        let reader = YAMLReader(file: file.path, diagnostics: diagnostics)
        guard let root = reader.parse(file.text),
              let f = reader.fields(root, of: "the competency framework",
                                    allowed: ["framework", "version", "levels", "competencies"],
                                    required: ["framework", "version", "levels", "competencies"]) else { return nil }
        let levels = readLevels(f["levels"], "levels", reader) ?? []
        var competencies: [Competency] = []
        for element in reader.list(f["competencies"], "competencies") ?? [] {
            guard let c = reader.fields(element, of: "a competency",
                                        allowed: ["id", "name", "group", "domains", "description", "levels"],
                                        required: ["id", "name", "group", "domains", "description"]) else { continue }
            guard let id = reader.id(c["id"], "competency id") else { continue }
            var group: CompetencyGroup?
            if let text = reader.string(c["group"], "group") {
                group = CompetencyGroup(rawValue: text)
                if group == nil {
                    reader.error(c["group"], "unknown group '\(text)': use one of \(CompetencyGroup.allCases.map(\.rawValue).joined(separator: ", "))\(Identifier.didYouMean(text, in: CompetencyGroup.allCases.map(\.rawValue)))")
                }
            }
            var domains: [PerformanceDomain] = []
            for (text, node) in reader.strings(c["domains"], "domains") ?? [] {
                if let domain = PerformanceDomain(rawValue: text) {
                    domains.append(domain)
                } else {
                    reader.error(node, "unknown PMBOK 7 performance domain '\(text)'\(Identifier.didYouMean(text, in: PerformanceDomain.allCases.map(\.rawValue)))")
                }
            }
            if c["domains"] != nil, domains.isEmpty, reader.list(c["domains"], "domains")?.isEmpty == true {
                reader.error(c["domains"], "a competency needs at least one performance domain")
            }
            let ownLevels = c["levels"] != nil ? readLevels(c["levels"], "levels of '\(id)'", reader) : nil
            competencies.append(Competency(
                id: id, name: reader.string(c["name"], "name") ?? id, group: group ?? .waysOfWorking,
                domains: domains, description: reader.string(c["description"], "description") ?? "",
                levels: ownLevels ?? levels, location: reader.location(c["id"])))
        }
        return CompetencyFramework(id: reader.id(f["framework"], "framework") ?? "unnamed",
                                   version: reader.int(f["version"], "version", in: 0...1_000_000) ?? 0,
                                   levels: levels, competencies: competencies)
    }

    static func readRoles(_ file: ContentFile, _ diagnostics: DiagnosticCollector) -> [Role] {
        let reader = YAMLReader(file: file.path, diagnostics: diagnostics)
        guard let root = reader.parse(file.text),
              let f = reader.fields(root, of: "the roles file", allowed: ["roles"], required: ["roles"]) else { return [] }
        var roles: [Role] = []
        for element in reader.list(f["roles"], "roles") ?? [] {
            guard let r = reader.fields(element, of: "a role", allowed: ["id", "name", "description", "targets"],
                                        required: ["id", "name", "description", "targets"]),
                  let id = reader.id(r["id"], "role id") else { continue }
            var targets: [String: Int] = [:]
            var targetLocations: [String: SourceLocation] = [:]
            if let node = r["targets"] {
                if case let .mapping(mapping) = node {
                    for (keyNode, value) in mapping {
                        guard let competency = reader.id(keyNode, "competency id") else { continue }
                        targetLocations[competency] = reader.location(keyNode)
                        if let level = reader.int(value, "target level of '\(competency)'", in: 1...5) {
                            targets[competency] = level
                        }
                    }
                } else {
                    reader.error(node, "targets must map competency ids to levels 1–5")
                }
            }
            var role = Role(id: id, name: reader.string(r["name"], "name") ?? id,
                            description: reader.string(r["description"], "description") ?? "",
                            targets: targets, location: reader.location(r["id"]))
            role.targetLocations = targetLocations
            roles.append(role)
        }
        return roles
    }

    static let courseKeys = ["id", "title", "summary", "audience", "competencies", "minutes", "prerequisites",
                             "classification", "version"]

    static func readCourse(_ file: ContentFile, folder: String, _ diagnostics: DiagnosticCollector) -> Course? {
        let reader = YAMLReader(file: file.path, diagnostics: diagnostics)
        guard let root = reader.parse(file.text),
              let f = reader.fields(root, of: "course.yaml", allowed: courseKeys,
                                    required: courseKeys.filter { $0 != "prerequisites" }),
              let id = reader.id(f["id"], "course id") else { return nil }
        if id != folder {
            reader.error(f["id"], "course id '\(id)' must equal its folder name '\(folder)'")
        }
        var classification = Classification.internal
        if let text = reader.string(f["classification"], "classification") {
            if let value = Classification(rawValue: text) {
                classification = value
            } else {
                reader.error(f["classification"], "classification must be public, internal or confidential, found '\(text)'")
            }
        }
        let version = reader.string(f["version"], "version") ?? "0.0.0"
        if f["version"] != nil, !isSemanticVersion(version) {
            reader.error(f["version"], "version '\(version)' must be a semantic version such as 1.2.0")
        }
        let competencies = reader.ids(f["competencies"], "competencies") ?? []
        if f["competencies"] != nil, competencies.isEmpty {
            reader.error(f["competencies"], "a course must teach at least one competency")
        }
        let prerequisites = reader.ids(f["prerequisites"], "prerequisites") ?? []
        var course = Course(id: id, title: reader.string(f["title"], "title") ?? id,
                            summary: reader.string(f["summary"], "summary") ?? "",
                            audience: reader.string(f["audience"], "audience") ?? "",
                            competencies: competencies.map(\.0),
                            minutes: reader.int(f["minutes"], "minutes", in: 1...100_000) ?? 0,
                            prerequisites: prerequisites.map(\.0), classification: classification,
                            version: version, lessons: [], location: reader.location(f["id"]))
        course.competencyLocations = competencies.map { reader.location($0.1) }
        course.prerequisiteLocations = prerequisites.map { reader.location($0.1) }
        return course
    }

    static func isSemanticVersion(_ text: String) -> Bool {
        let core = text.split(separator: "-", maxSplits: 1).first ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func readLesson(_ file: ContentFile, courseID: String, _ diagnostics: DiagnosticCollector) -> Lesson? {
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let location = SourceLocation(file: file.path)
        let digits = name.prefix(2)
        guard name.count > 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), name.dropFirst(2).first == "-",
              Identifier.isValid(String(name.dropFirst(3).dropLast(3))) || name.dropFirst(3).dropLast(3).allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
              let position = Int(digits) else {
            diagnostics.error(location, "lesson file name '\(name)' must be a two-digit position, a hyphen and a slug, such as 01-what-is-a-pmo.md")
            return nil
        }
        guard let split = FrontMatter.split(file.text) else {
            diagnostics.error(location, "a lesson must start with YAML front matter between two '---' lines")
            return nil
        }
        let reader = YAMLReader(file: file.path, diagnostics: diagnostics, lineOffset: 1)
        guard let root = reader.parse(split.yaml),
              let f = reader.fields(root, of: "the lesson's front matter",
                                    allowed: ["id", "title", "competencies", "minutes", "check"],
                                    required: ["id", "title", "competencies", "minutes"]),
              let id = reader.id(f["id"], "lesson id") else { return nil }
        let competencies = reader.ids(f["competencies"], "competencies") ?? []
        let check = reader.ids(f["check"], "check") ?? []
        if split.body.allSatisfy(\.isWhitespace) {
            diagnostics.error(SourceLocation(file: file.path, line: split.bodyLine), "lesson '\(id)' has no body")
        }
        var lesson = Lesson(id: id, courseID: courseID, position: position, title: reader.string(f["title"], "title") ?? id,
                            competencies: competencies.map(\.0),
                            minutes: reader.int(f["minutes"], "minutes", in: 1...10_000) ?? 0,
                            check: check.map(\.0), body: split.body, bodyLine: split.bodyLine,
                            location: reader.location(f["id"]))
        lesson.competencyLocations = competencies.map { reader.location($0.1) }
        lesson.checkLocations = check.map { reader.location($0.1) }
        if f["check"] != nil, !(3...5).contains(check.count) {
            reader.warning(f["check"], "an end-of-lesson check should have 3–5 items, found \(check.count)")
        }
        return lesson
    }
}

/// Slots written by index from concurrent workers, each slot by exactly one worker.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] { slots.compactMap { $0 } }
}
