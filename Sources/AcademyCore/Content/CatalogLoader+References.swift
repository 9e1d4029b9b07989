/// The cross-file checks of a load: unique ids, references that resolve, links that work.
struct LoadState {
    /// Every file that exists under the content root, for link checks.
    let known: Set<String>

    init(known: Set<String>) {
        self.known = known
    }

    func check(framework: CompetencyFramework, roles: [Role], courses: [Course], items: [Item],
               models: [MaturityModel], _ diagnostics: DiagnosticCollector) {
        let competencyIDs = unique(framework.competencies.map { ($0.id, $0.location) }, "competency", diagnostics)
        let roleIDs = unique(roles.map { ($0.id, $0.location) }, "role", diagnostics)
        let courseIDs = unique(courses.map { ($0.id, $0.location) }, "course", diagnostics)
        let lessons = courses.flatMap(\.lessons)
        let lessonIDs = unique(lessons.map { ($0.id, $0.location) }, "lesson", diagnostics)
        let itemIDs = unique(items.map { ($0.id, $0.location) }, "item", diagnostics)
        _ = unique(models.map { ($0.id, $0.location) }, "maturity model", diagnostics)

        func reference(_ id: String, _ kind: String, _ known: Set<String>, at location: SourceLocation) {
            guard !known.contains(id) else { return }
            diagnostics.error(location, "unknown \(kind) '\(id)'\(Identifier.didYouMean(id, in: known))")
        }

        for role in roles {
            for competency in role.targets.keys.sorted() {
                reference(competency, "competency", competencyIDs, at: role.targetLocations[competency] ?? role.location)
            }
        }
        for course in courses {
            for (index, id) in course.competencies.enumerated() {
                reference(id, "competency", competencyIDs, at: course.competencyLocations[safe: index] ?? course.location)
            }
            for (index, id) in course.prerequisites.enumerated() {
                let location = course.prerequisiteLocations[safe: index] ?? course.location
                if id == course.id {
                    diagnostics.error(location, "course '\(id)' cannot be its own prerequisite")
                } else {
                    reference(id, "course", courseIDs, at: location)
                }
            }
            var positions: [Int: Lesson] = [:]
            for lesson in course.lessons {
                if let other = positions[lesson.position] {
                    diagnostics.error(lesson.location, "lessons '\(other.id)' and '\(lesson.id)' share position \(String(format: "%02d", lesson.position))")
                }
                positions[lesson.position] = lesson
                for (index, id) in lesson.competencies.enumerated() {
                    reference(id, "competency", competencyIDs, at: lesson.competencyLocations[safe: index] ?? lesson.location)
                }
                for (index, id) in lesson.check.enumerated() {
                    reference(id, "item", itemIDs, at: lesson.checkLocations[safe: index] ?? lesson.location)
                }
                checkLinks(in: lesson, diagnostics)
            }
        }
        let lessonByID = Dictionary(lessons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let courseByID = Dictionary(courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for item in items {
            reference(item.competency, "competency", competencyIDs, at: item.fieldLocations["competency"] ?? item.location)
            reference(item.lesson, "lesson", lessonIDs, at: item.fieldLocations["lesson"] ?? item.location)
            if item.explanation.count < 10 {
                diagnostics.error(item.fieldLocations["explanation"] ?? item.location, "item '\(item.id)' needs an explanation of why the key is right")
            }
            if let lesson = lessonByID[item.lesson], let course = courseByID[lesson.courseID],
               competencyIDs.contains(item.competency), !course.competencies.contains(item.competency) {
                diagnostics.warning(item.fieldLocations["lesson"] ?? item.location,
                                    "item '\(item.id)' measures '\(item.competency)', which its lesson's course '\(course.id)' does not list")
            }
        }
        for model in models {
            for dimension in model.dimensions {
                for criterion in dimension.criteria {
                    for course in criterion.courses { reference(course, "course", courseIDs, at: criterion.location) }
                    if let capability = criterion.capability {
                        for competency in capability.competencies {
                            reference(competency, "competency", competencyIDs, at: criterion.location)
                        }
                        if let role = capability.role { reference(role, "role", roleIDs, at: criterion.location) }
                    }
                }
            }
        }
    }

    /// The set of ids, reporting each id defined twice at its second definition.
    private func unique(_ entries: [(String, SourceLocation)], _ kind: String, _ diagnostics: DiagnosticCollector) -> Set<String> {
        var first: [String: SourceLocation] = [:]
        for (id, location) in entries {
            if let earlier = first[id] {
                diagnostics.error(location, "duplicate \(kind) id '\(id)', first defined at \(earlier)")
            } else {
                first[id] = location
            }
        }
        return Set(first.keys)
    }

    /// Reports relative links in a lesson body that do not name an existing file.
    private func checkLinks(in lesson: Lesson, _ diagnostics: DiagnosticCollector) {
        let directory = lesson.location.file.split(separator: "/").dropLast().map(String.init)
        for link in MarkdownLinks.find(in: lesson.body) {
            let location = SourceLocation(file: lesson.location.file, line: lesson.bodyLine + link.line - 1, column: link.column)
            if link.isImage {
                diagnostics.warning(location, "images cannot be shown in the terminal; describe the picture in words")
            }
            let target = link.target
            if target.contains("://") || target.hasPrefix("mailto:") || target.hasPrefix("#") { continue }
            let pathPart = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            guard !pathPart.isEmpty else { continue }
            var components = pathPart.hasPrefix("/") ? [] : directory
            var escaped = false
            for part in pathPart.split(separator: "/") {
                if part == "." { continue }
                if part == ".." {
                    if components.isEmpty { escaped = true } else { components.removeLast() }
                } else {
                    components.append(String(part))
                }
            }
            let resolved = components.joined(separator: "/")
            if escaped || !known.contains(resolved) {
                diagnostics.error(location, "broken link: '\(target)' does not name a file of the content (resolved to '\(resolved)')")
            }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
