import Foundation
import TestSupport

/// A small content tree and a private home for end-to-end runs of the learner commands.
struct LearnerFixture {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var database: URL { root.appendingPathComponent("data/academy.sqlite") }

    init() throws {
        root = try BinaryRunner.temporaryDirectory("pmo-e2e")
        let fm = FileManager.default
        for dir in ["content/Assessments/items", "content/Courses/e2e", "content/Courses/lines"] {
            try fm.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try fm.copyItem(at: BinaryRunner.repositoryRoot.appendingPathComponent("Assessments/competencies.yaml"),
                        to: content.appendingPathComponent("Assessments/competencies.yaml"))
        try fm.copyItem(at: BinaryRunner.repositoryRoot.appendingPathComponent("Assessments/roles.yaml"),
                        to: content.appendingPathComponent("Assessments/roles.yaml"))
        try write("Courses/e2e/course.yaml", """
            id: e2e
            title: End-to-end course
            summary: A course for testing every item type.
            audience: Tests.
            competencies: [risk-management]
            minutes: 10
            classification: public
            version: 1.0.0
            """)
        try write("Courses/e2e/01-only.md", """
            ---
            id: e2e-only
            title: The only lesson
            competencies: [risk-management]
            minutes: 2
            check: [e2e-1, e2e-2, e2e-3]
            ---

            # The only lesson

            A risk is an uncertain event that matters to an objective.
            """)
        try write("Courses/lines/course.yaml", """
            id: lines
            title: Line mode course
            summary: Single-choice items only.
            audience: Tests.
            competencies: [risk-management]
            minutes: 5
            classification: public
            version: 1.0.0
            """)
        try write("Courses/lines/01-one.md", """
            ---
            id: lines-one
            title: One
            competencies: [risk-management]
            minutes: 1
            ---

            # One

            Text.
            """)
        var items = "items:\n"
        let explanation = "explanation: \"Because the lesson says so; the other options contradict it.\""
        items += """
              - {id: e2e-1, competency: risk-management, type: single-choice, difficulty: 1, lesson: e2e-only, stem: Pick B., options: [Apple, Banana, Cherry, Date], key: B, \(explanation)}
              - {id: e2e-2, competency: risk-management, type: multiple-choice, difficulty: 2, lesson: e2e-only, stem: Pick A and C., options: [Alpha, Beta, Gamma], key: [A, C], \(explanation)}
              - {id: e2e-3, competency: risk-management, type: true-false, difficulty: 2, lesson: e2e-only, stem: Risks can be positive., key: true, \(explanation)}
              - {id: e2e-4, competency: risk-management, type: numeric, difficulty: 3, lesson: e2e-only, stem: What is 6 times 7?, key: 42, tolerance: 0, \(explanation)}
              - {id: e2e-5, competency: risk-management, type: short-answer, difficulty: 3, lesson: e2e-only, stem: Name the list of risks., accept: [risk register], \(explanation)}
              - {id: e2e-6, competency: risk-management, type: ordering, difficulty: 2, lesson: e2e-only, stem: Order the steps., options: [Identify, Analyse, Respond], \(explanation)}

            """
        for n in 1...3 {
            items += "  - {id: lines-\(n), competency: risk-management, type: single-choice, difficulty: 2, lesson: lines-one, stem: Line question \(n)., options: [One, Two, Three, Four], key: B, \(explanation)}\n"
        }
        try write("Assessments/items/e2e.yaml", items)
        try fm.createDirectory(at: content.appendingPathComponent("Assessments/maturity"), withIntermediateDirectories: true)
        var model = """
            id: mini
            name: Mini maturity model
            version: 1.0.0
            description: Two dimensions for tests.
            scale:
              - {id: not-in-place, label: Not in place, value: 0}
              - {id: partly, label: Partly, value: 1}
              - {id: largely, label: Largely, value: 2}
              - {id: fully, label: Fully, value: 3}
            threshold: largely
            levels:
              - {level: 1, name: Initial, description: Ad hoc.}
              - {level: 2, name: Repeatable, description: Repeated.}
              - {level: 3, name: Defined, description: Defined.}
              - {level: 4, name: Managed, description: Measured.}
              - {level: 5, name: Optimizing, description: Improving.}
            dimensions:

            """
        for dimension in ["governance", "people"] {
            model += "  - id: \(dimension)\n    name: \(dimension.capitalized)\n    description: The \(dimension) dimension.\n    criteria:\n"
            for level in 2...3 {
                model += "      - {id: \(dimension)-\(level), level: \(level), text: \(dimension.capitalized) practice at level \(level)., evidence: Documents., courses: [e2e]}\n"
            }
        }
        try write("Assessments/maturity/mini.yaml", model)
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: content.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    /// The environment of a person called `user` using this fixture.
    func environment(user: String = "e2e") -> [String: String] {
        [
            "HOME": root.path, "USER": user, "LOGNAME": user, "TERM": "xterm-256color", "LANG": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "PMO_CONTENT": content.path, "PMO_DATABASE": database.path, "PMO_SEED": "7",
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
        ]
    }

    /// Runs pmo as a plain child process (pipes, no terminal).
    func run(_ arguments: [String], stdin: String = "", user: String = "e2e", now: String? = nil) throws -> BinaryRunner.Result {
        var env = environment(user: user)
        if let now { env["PMO_NOW"] = now }
        return try BinaryRunner.run(arguments, stdin: stdin, environment: env, currentDirectory: root)
    }

    /// Starts pmo on a pseudo-terminal.
    func terminal(_ arguments: [String], user: String = "e2e", rows: UInt16 = 24, columns: UInt16 = 80) throws -> PseudoTerminal {
        try PseudoTerminal(executable: BinaryRunner.binary.path, arguments: arguments, environment: environment(user: user),
                           directory: root.path, rows: rows, columns: columns)
    }

    /// `pmo progress --json`, decoded.
    func progress(user: String = "e2e") throws -> [String: Any] {
        let result = try run(["progress", "--json"], user: user)
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    func quizzes(user: String = "e2e") throws -> [[String: Any]] {
        try progress(user: user)["quizzes"] as? [[String: Any]] ?? []
    }
}

extension PseudoTerminal {
    /// Answers whatever question is on screen with keys that its widget accepts, and waits for the feedback.
    func answerCurrentQuestion() -> Bool {
        guard typeAnswer() else { return false }
        return waitFor("Press Enter for") || screenText.contains("Press Enter to see your score")
    }

    /// Answers the question on screen without waiting for anything after it.
    @discardableResult
    func typeAnswer() -> Bool {
        guard waitFor("save and quit") else { return false }
        let screen = screenText
        clear()
        if screen.contains("Type a number") {
            send("42\r")
        } else if screen.contains("Type your answer") {
            send("risk register\r")
        } else if screen.contains("Put the steps in the right order") {
            send(PseudoTerminal.enter)
        } else if screen.contains("Choose every right answer") {
            send("1")
            send("3")
            send(PseudoTerminal.enter)
        } else {
            send(PseudoTerminal.down)
            send(PseudoTerminal.enter)
        }
        return true
    }
}
