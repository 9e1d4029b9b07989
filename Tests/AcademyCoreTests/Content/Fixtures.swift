import AcademyCore

/// A small, valid content tree in memory, for loader tests to start from and break.
enum Fixtures {
    static let competencies = """
    framework: test
    version: 1
    levels:
      - name: Novice
        description: Knows the words.
      - name: Advanced beginner
        cut: -1.0
        description: Does simple work.
      - name: Competent
        cut: -0.25
        description: Does typical work.
      - name: Proficient
        cut: 0.5
        description: Adapts.
      - name: Expert
        cut: 1.25
        description: Shapes practice.
    competencies:
      - id: risk-management
        name: Risk
        group: ways-of-working
        domains: [uncertainty]
        description: Handling risk.
      - id: pmo-functions
        name: PMO
        group: business-acumen
        domains: [project-work]
        description: The PMO.
    """

    static let roles = """
    roles:
      - id: project-manager
        name: Project manager
        description: Leads projects.
        targets:
          risk-management: 3
          pmo-functions: 2
    """

    static let course = """
    id: risk
    title: Risk
    summary: Handle risk.
    audience: Project managers.
    competencies: [risk-management]
    minutes: 30
    prerequisites: [pmo]
    classification: public
    version: 1.0.0
    """

    static let pmoCourse = """
    id: pmo
    title: The PMO
    summary: What a PMO is.
    audience: Everyone.
    competencies: [pmo-functions]
    minutes: 20
    classification: public
    version: 1.0.0
    """

    static let lesson = """
    ---
    id: risk-basics
    title: Risk basics
    competencies: [risk-management]
    minutes: 10
    check: [risk-001, risk-002, risk-003]
    ---

    # Risk basics

    A risk is an uncertain event. See [the PMO](../pmo/01-intro.md).
    """

    static let pmoLesson = """
    ---
    id: pmo-intro
    title: Intro
    competencies: [pmo-functions]
    minutes: 5
    ---

    # Intro

    A PMO supports projects.
    """

    static let items = """
    items:
      - id: risk-001
        competency: risk-management
        type: single-choice
        difficulty: 2
        lesson: risk-basics
        stem: What is EMV of 30% times 100?
        options: ["30", "70", "100", "3"]
        key: A
        explanation: EMV is probability times impact, 0.3 × 100 = 30; the others misuse the formula.
      - id: risk-002
        competency: risk-management
        type: true-false
        difficulty: 1
        lesson: risk-basics
        stem: A risk can be positive.
        key: true
        explanation: Opportunities are risks with a positive effect, so the statement is true.
      - id: risk-003
        competency: risk-management
        type: numeric
        difficulty: 3
        lesson: risk-basics
        stem: EMV of 50% of 40?
        key: 20
        tolerance: 0
        explanation: 0.5 × 40 = 20, the probability-weighted impact of the risk.
      - id: risk-004
        competency: risk-management
        type: ordering
        difficulty: 2
        lesson: risk-basics
        stem: Order the steps.
        options: [Identify, Analyse, Respond]
        explanation: You find risks before you rank them, and rank before you respond.
      - id: risk-005
        competency: risk-management
        type: multiple-choice
        difficulty: 3
        lesson: risk-basics
        stem: Which are threat responses?
        options: [Avoid, Exploit, Mitigate, Enhance]
        key: [A, C]
        explanation: Avoid and mitigate answer threats; exploit and enhance are for opportunities.
      - id: risk-006
        competency: risk-management
        type: short-answer
        difficulty: 2
        lesson: risk-basics
        stem: What do we call the list of risks?
        accept: [risk register, register]
        explanation: The risk register lists every risk with its owner, analysis and response.
    """

    static var files: [ContentFile] {
        [
            ContentFile(path: "Assessments/competencies.yaml", text: competencies),
            ContentFile(path: "Assessments/roles.yaml", text: roles),
            ContentFile(path: "Courses/risk/course.yaml", text: course),
            ContentFile(path: "Courses/risk/01-basics.md", text: lesson),
            ContentFile(path: "Courses/pmo/course.yaml", text: pmoCourse),
            ContentFile(path: "Courses/pmo/01-intro.md", text: pmoLesson),
            ContentFile(path: "Assessments/items/risk.yaml", text: items),
        ]
    }

    /// The fixture with one file's text replaced.
    static func replacing(_ path: String, with text: String) -> [ContentFile] {
        files.map { $0.path == path ? ContentFile(path: path, text: text) : $0 }
    }

    /// The fixture with `old` replaced by `new` inside one file.
    static func editing(_ path: String, _ old: String, _ new: String) -> [ContentFile] {
        files.map { $0.path == path ? ContentFile(path: path, text: $0.text.replacingOccurrences(of: old, with: new)) : $0 }
    }
}
