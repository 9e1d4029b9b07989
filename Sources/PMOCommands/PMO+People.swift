import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo people …`: the roster.
    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people",
            abstract: "Import and list people (roster CSV: id, name, email, unit, access, role, manager, chat handles).",
            subcommands: [Import.self, List.self]
        )
    }

    /// `pmo units`: the unit tree.
    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "units", abstract: "Show the organisational units as a tree, with head counts.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let units = try await context.store.units()
            let people = try await context.store.people().filter(\.active)
            let scope = AccessScope(viewer: context.actor, people: people, units: units)
            let counts = Dictionary(grouping: people.compactMap(\.unitID), by: { $0 }).mapValues(\.count)
            func walk(_ parent: Int64?, _ depth: Int) {
                for unit in units.filter({ $0.parentID == parent }).sorted(by: { $0.name < $1.name }) {
                    if scope.canSee(unit: unit) || scope.seesOrganisation {
                        Output.print(String(repeating: "  ", count: depth) + "\(unit.name)  " + context.style.dim("\(unit.code) · \(counts[unit.id ?? -1] ?? 0) people"))
                    }
                    walk(unit.id, depth + 1)
                }
            }
            if units.isEmpty { Output.print(context.style.dim("No units yet. Import a roster: pmo people import ROSTER.csv")) }
            walk(nil, 0)
        }
    }

    /// `pmo audit`: who viewed and changed what (admins only).
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit log: report views, imports, submissions (administrators).")

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: "How many entries (newest first).")
        var limit: Int = 50

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            guard context.actor.isAdmin else { throw PMOError.notAdmin(action: "read the audit log") }
            for entry in try await context.store.auditLog(limit: limit) {
                Output.print("\(entry.at.ISO8601Format())  \(entry.actor)  \(entry.action)  \(entry.detail)")
            }
        }
    }
}

extension PMO.People {
    /// `pmo people import`: create and update people and units from a CSV roster.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a roster CSV; re-importing updates people. With errors nothing changes.",
            discussion: """
            Columns: id (login), name, email, unit (path such as Engineering/Platform), access (learner, manager, \
            admin), role (a job-role profile id), manager (a login), slack, mattermost, teams, discord, google_chat. \
            Only id and name are required. --prune deactivates people missing from the file (their history stays).
            """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The roster CSV file.")
        var file: String

        @Flag(name: .long, help: "Deactivate people who are not in the file.")
        var prune = false

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            guard context.actor.isAdmin else { throw PMOError.notAdmin(action: "import people") }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw PMOError.nothingToDo("cannot read '\(file)'; check the path")
            }
            let existing = Set(try await context.store.people().map(\.login))
            let (roster, diagnostics) = Roster.parse(text, file: file, roles: Set(context.catalog.roles.map(\.id)), existingLogins: existing)
            if diagnostics.contains(where: { $0.severity == .error }) {
                for diagnostic in diagnostics { Output.error(diagnostic.description) }
                Output.error("nothing was imported: fix the \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") above and run the import again")
                throw ExitCode(1)
            }
            let summary = try await context.store.importRoster(roster, prune: prune, keep: context.actor.login, at: context.now())
            Output.print("Imported \(roster.entries.count) people: \(summary.created) new, \(summary.updated) updated, "
                + "\(summary.deactivated) deactivated, \(summary.unitsCreated) new units.")
        }
    }

    /// `pmo people list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the people you may see.")

        @OptionGroup var options: GlobalOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        @Flag(name: .long, help: "Include people who have left.")
        var all = false

        struct Row: Codable {
            var id: String
            var name: String
            var unit: String?
            var access: String
            var role: String?
            var manager: String?
            var active: Bool
        }

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let people = try await context.store.people()
            let units = try await context.store.units()
            let scope = AccessScope(viewer: context.actor, people: people, units: units)
            let unitName = Dictionary(units.compactMap { u in u.id.map { ($0, u.name) } }, uniquingKeysWith: { a, _ in a })
            let rows = people.filter { scope.canSee(person: $0) && (all || $0.active) }.map {
                Row(id: $0.login, name: $0.name, unit: $0.unitID.flatMap { unitName[$0] }, access: $0.access.rawValue, role: $0.role,
                    manager: $0.manager, active: $0.active)
            }
            if json { Output.print(try JSONOutput.encode(rows)); return }
            var table = Table(headers: ["Id", "Name", "Unit", "Access", "Role"])
            for row in rows { table.append([row.id + (row.active ? "" : " (left)"), row.name, row.unit ?? "–", row.access, row.role ?? "–"]) }
            Output.print(table.render(style: context.style, width: context.command.terminalWidth))
        }
    }
}
