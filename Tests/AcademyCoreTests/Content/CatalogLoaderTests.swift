@testable import AcademyCore
import Testing

@Suite("Catalog loader")
struct CatalogLoaderTests {
    func errors(_ files: [ContentFile]) -> [String] {
        CatalogLoader.load(files: files).errors.map(\.description)
    }

    @Test("the fixture loads without diagnostics")
    func validFixture() {
        let result = CatalogLoader.load(files: Fixtures.files)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.catalog.competencies.map(\.id) == ["risk-management", "pmo-functions"])
        #expect(result.catalog.courses.map(\.id) == ["pmo", "risk"], "prerequisites come first")
        #expect(result.catalog.items.count == 6)
        #expect(result.catalog.lessonByID["risk-basics"]?.check == ["risk-001", "risk-002", "risk-003"])
        #expect(result.catalog.lessonByID["risk-basics"]?.bodyLine == 8)
        #expect(result.catalog.itemByID["risk-005"]?.key == .choices([0, 2]))
        #expect(result.catalog.competencyByID["risk-management"]?.levels.map(\.cut) == [nil, -1.0, -0.25, 0.5, 1.25])
    }

    @Test("unknown keys are reported with their position and a suggestion")
    func unknownKey() {
        let found = errors(Fixtures.editing("Courses/risk/course.yaml", "minutes: 30", "minuts: 30"))
        #expect(found.contains("Courses/risk/course.yaml:6:1: error: unknown key 'minuts' in course.yaml (did you mean 'minutes'?)"))
        #expect(found.contains { $0.hasPrefix("Courses/risk/course.yaml:1:1: error: course.yaml is missing required key 'minutes'") })
    }

    @Test("wrong types are errors")
    func wrongTypes() {
        let found = errors(Fixtures.editing("Assessments/items/risk.yaml", "difficulty: 3\n    lesson: risk-basics\n    stem: EMV", "difficulty: hard\n    lesson: risk-basics\n    stem: EMV"))
        #expect(found.contains { $0.contains("risk.yaml:22:17: error: difficulty must be a whole number") }, "\(found)")
    }

    @Test("duplicate ids across files name the first definition")
    func duplicateIDs() {
        var files = Fixtures.files
        files.append(ContentFile(path: "Assessments/items/more.yaml", text: """
        items:
          - id: risk-002
            competency: risk-management
            type: true-false
            difficulty: 1
            lesson: risk-basics
            stem: Again.
            key: false
            explanation: A duplicate of an id used in another bank file.
        """))
        let found = errors(files)
        #expect(found.contains { $0.hasPrefix("Assessments/items/risk.yaml:") && $0.contains("duplicate item id 'risk-002', first defined at Assessments/items/more.yaml:2:9") }
            || found.contains { $0.hasPrefix("Assessments/items/more.yaml:2:9: error: duplicate item id 'risk-002'") }, "\(found)")
    }

    @Test("references to unknown competencies, courses, lessons and items are errors with suggestions")
    func unknownReferences() {
        #expect(errors(Fixtures.editing("Assessments/roles.yaml", "pmo-functions: 2", "pmo-function: 2"))
            .contains("Assessments/roles.yaml:7:7: error: unknown competency 'pmo-function' (did you mean 'pmo-functions'?)"))
        #expect(errors(Fixtures.editing("Courses/risk/course.yaml", "prerequisites: [pmo]", "prerequisites: [pmoo]"))
            .contains("Courses/risk/course.yaml:7:17: error: unknown course 'pmoo' (did you mean 'pmo'?)"))
        #expect(errors(Fixtures.editing("Courses/risk/01-basics.md", "risk-003]", "risk-033]"))
            .contains { $0.hasPrefix("Courses/risk/01-basics.md:6:29: error: unknown item 'risk-033'") })
        #expect(errors(Fixtures.editing("Assessments/items/risk.yaml", "lesson: risk-basics\n    stem: A risk", "lesson: risk-basic\n    stem: A risk"))
            .contains { $0.contains("unknown lesson 'risk-basic' (did you mean 'risk-basics'?)") })
    }

    @Test("prerequisite cycles are found")
    func cycles() {
        let files = Fixtures.editing("Courses/pmo/course.yaml", "minutes: 20", "minutes: 20\nprerequisites: [risk]")
        #expect(errors(files).contains { $0.contains("prerequisite cycle: ") && $0.contains("pmo") && $0.contains("risk") })
    }

    @Test("single-choice items need exactly one key; numeric items a valid tolerance")
    func keys() {
        #expect(errors(Fixtures.editing("Assessments/items/risk.yaml", "key: A", "key: [A, B]"))
            .contains { $0.contains("single-choice items must have exactly one key, found 2") })
        #expect(errors(Fixtures.editing("Assessments/items/risk.yaml", "key: A", "key: F"))
            .contains { $0.contains("key 'F' names option 6, but the item has only 4 options") })
        #expect(errors(Fixtures.editing("Assessments/items/risk.yaml", "tolerance: 0", "tolerance: -1"))
            .contains { $0.contains("tolerance must be 0 or more") })
        #expect(errors(Fixtures.editing("Assessments/items/risk.yaml", "    tolerance: 0\n", ""))
            .contains { $0.contains("numeric items need a tolerance") })
    }

    @Test("empty explanations are errors")
    func emptyExplanation() {
        let files = Fixtures.editing("Assessments/items/risk.yaml",
                                     "explanation: The risk register lists every risk with its owner, analysis and response.",
                                     "explanation: \"  \"")
        let found = errors(files)
        #expect(found.contains { $0.hasPrefix("Assessments/items/risk.yaml:") && $0.contains("error: explanation must not be empty") }, "\(found)")
    }

    @Test("cut scores must rise")
    func cutScores() {
        let found = errors(Fixtures.editing("Assessments/competencies.yaml", "cut: 0.5", "cut: -0.5"))
        #expect(found.contains("Assessments/competencies.yaml:13:10: error: cut scores must rise from level to level: -0.5 is not above -0.25"))
    }

    @Test("broken relative links in lessons are located in the file")
    func brokenLinks() {
        let found = errors(Fixtures.editing("Courses/risk/01-basics.md", "../pmo/01-intro.md", "../pmo/02-missing.md"))
        #expect(found.contains { $0.hasPrefix("Courses/risk/01-basics.md:11:35: error: broken link: '../pmo/02-missing.md'") }, "\(found)")
    }

    @Test("YAML syntax errors are reported, and the other files still load")
    func syntaxError() {
        let result = CatalogLoader.load(files: Fixtures.replacing("Assessments/roles.yaml", with: "roles: [\n  - id: x\n"))
        #expect(result.errors.contains { $0.location.file == "Assessments/roles.yaml" && $0.message.hasPrefix("invalid YAML") })
        #expect(result.catalog.items.count == 6)
    }

    @Test("every problem is collected, not only the first")
    func collectsAll() {
        var files = Fixtures.editing("Assessments/items/risk.yaml", "key: A", "key: Z")
        files = files.map { $0.path == "Courses/risk/course.yaml" ? ContentFile(path: $0.path, text: $0.text + "\ncolour: red\n") : $0 }
        files = files.map { $0.path == "Assessments/roles.yaml" ? ContentFile(path: $0.path, text: $0.text.replacingOccurrences(of: ": 3", with: ": 9")) : $0 }
        let found = errors(files)
        #expect(found.count >= 3)
        #expect(found.contains { $0.contains("unknown key 'colour'") })
        #expect(found.contains { $0.contains("between 1 and 5, found 9") })
    }

    @Test("a missing competency framework is an error")
    func missingFramework() {
        let found = errors(Fixtures.files.filter { $0.path != "Assessments/competencies.yaml" })
        #expect(found.contains { $0.hasPrefix("Assessments/competencies.yaml:1:1: error: the competency framework is missing") })
    }

    @Test("maturity models are validated")
    func maturity() {
        let model = """
        id: m
        name: Model
        version: 1.0.0
        description: A model.
        scale:
          - {id: no, label: "No", value: 0}
          - {id: yes, label: "Yes", value: 1}
        threshold: yes
        levels:
          - {level: 1, name: A, description: a}
          - {level: 2, name: B, description: b}
          - {level: 3, name: C, description: c}
          - {level: 4, name: D, description: d}
          - {level: 5, name: E, description: e}
        dimensions:
          - id: governance
            name: Governance
            description: Decisions.
            criteria:
              - id: g-2-1
                level: 2
                text: Projects have sponsors.
                evidence: Charters.
                courses: [risk]
                capability: {competencies: [risk-management], role: project-manager, min_level: 3, share: 0.6}
              - id: g-2-2
                level: 6
                text: Bad level.
                evidence: None.
                courses: [riks]
        """
        var files = Fixtures.files
        files.append(ContentFile(path: "Assessments/maturity/m.yaml", text: model))
        let result = CatalogLoader.load(files: files)
        #expect(result.catalog.maturityModels.first?.dimensions.first?.criteria.first?.capability?.share == 0.6)
        #expect(result.errors.map(\.message).contains("criterion level must be between 2 and 5, found 6"))
        #expect(result.errors.count == 1, "\(result.errors)")
    }
}
