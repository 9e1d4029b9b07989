import AcademyCore
import AcademyStore
import Foundation
import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is learning, with what content, against which store: what every learner command needs.
struct LearnerContext {
    let command: CommandContext
    let catalog: Catalog
    let store: any Store
    /// The person the command acts for.
    let person: Person
    /// The person at the keyboard (differs from `person` under `--as`).
    let actor: Person
    let now: @Sendable () -> Date

    /// Opens config, content and store, and enrols the current login on first use.
    static func open(options: GlobalOptions, actingAs login: String? = nil) async throws -> LearnerContext {
        let command = try CommandContext(options: options)
        let catalog = try command.loadCatalog()
        let store = try SQLiteStore(path: command.databasePath())
        let now = command.clock()
        let identity = command.identity()
        let actor = try await store.enrolPerson(login: identity.login, name: identity.name, at: now())
        var person = actor
        if let login, login != actor.login {
            guard actor.isAdmin else { throw PMOError.notAdmin(action: "act as someone else with --as") }
            guard let other = try await store.person(login: login) else {
                let known = try await store.people().map(\.login)
                throw PMOError.unknown(kind: "person", id: login, suggestions: Identifier.suggestions(for: login, in: known))
            }
            person = other
            try await store.audit(AuditEntry(at: now(), actor: actor.login, action: "act-as", detail: login))
        }
        return LearnerContext(command: command, catalog: catalog, store: store, person: person, actor: actor, now: now)
    }

    var style: Style { command.style }

    /// The random source for shuffling: seeded from `PMO_SEED` when set (reproducible sessions
    /// for tests and demonstrations), else from the system's generator.
    func makeGenerator() -> SeededGenerator {
        if let text = command.environment["PMO_SEED"], let seed = UInt64(text) { return SeededGenerator(seed: seed) }
        var system = SystemRandomNumberGenerator()
        return SeededGenerator(seed: system.next())
    }

    /// Courses this person may see (confidential ones need clearance).
    var visibleCourses: [Course] {
        catalog.courses.filter { $0.classification <= person.clearance }
    }

    /// The course with `id`, or an error that suggests the closest ids.
    func course(_ id: String) throws -> Course {
        if let course = catalog.courseByID[id], course.classification <= person.clearance { return course }
        let ids = visibleCourses.map(\.id)
        if catalog.courseByID[id] != nil {
            throw PMOError.notCleared(course: id)
        }
        throw PMOError.unknown(kind: "course", id: id, suggestions: Identifier.suggestions(for: id, in: ids))
    }

    /// Items whose source lesson is in a course this person may see.
    func visibleItems(_ items: [Item]) -> [Item] {
        items.filter { item in
            guard let course = catalog.course(ofItem: item) else { return true }
            return course.classification <= person.clearance
        }
    }

    /// "host:pid" of this process: the owner of attempts it holds open.
    static let processOwner: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(host):\(getpid())"
    }()

    /// Whether the process named by an owner string is still running on this host.
    @Sendable static func ownerIsAlive(_ owner: String) -> Bool {
        let parts = owner.split(separator: ":")
        guard parts.count == 2, let pid = Int32(parts[1]) else { return false }
        let myHost = processOwner.split(separator: ":").first.map(String.init) ?? ""
        guard String(parts[0]) == myHost else { return true }  // another machine: assume alive
        if pid == getpid() { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

extension CommandContext {
    /// The clock: real time, or a fixed instant from `PMO_NOW` (ISO 8601) for tests and demonstrations.
    func clock() -> @Sendable () -> Date {
        if let text = environment["PMO_NOW"], let fixed = ISO8601DateFormatter().date(from: text) {
            return { fixed }
        }
        return { Date() }
    }

    /// --database, else PMO_DATABASE / config, else $XDG_DATA_HOME/pmo/academy.sqlite.
    func databasePath() -> String {
        if let configured = configuration.database { return expandTilde(configured) }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/pmo/academy.sqlite" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/pmo/academy.sqlite"
    }

    /// The login name and display name of the person at the keyboard.
    func identity() -> (login: String, name: String) {
        if let user = configuration.user, !user.isEmpty { return (user, user) }
        var login = environment["USER"] ?? environment["LOGNAME"] ?? ""
        var name = login
        if let entry = getpwuid(getuid()) {
            if login.isEmpty { login = String(cString: entry.pointee.pw_name) }
            let gecos = String(cString: entry.pointee.pw_gecos).split(separator: ",").first.map(String.init) ?? ""
            name = gecos.isEmpty ? login : gecos
        }
        if login.isEmpty { login = "learner" }
        return (login, name.isEmpty ? login : name)
    }
}
