import AcademyCore
import AcademyReports
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

/// Options every report shares: format and output file.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: "text, md, csv, json or html.")
    var format: String = "text"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    var reportFormat: ReportFormat { ReportFormat(rawValue: format) ?? .text }

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else { throw ValidationError("--format must be text, md, csv, json or html") }
    }

    /// Prints or writes the rendered report.
    func emit(_ text: String) throws {
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            Output.error("wrote \(output)")
        } else {
            Output.print(text)
        }
    }
}

/// The reports a viewer may see, and the audit entry every view leaves.
struct ReportAccess {
    let context: LearnerContext
    let scope: AccessScope
    let people: [Person]
    let units: [OrgUnit]

    static func open(_ context: LearnerContext) async throws -> ReportAccess {
        let people = try await context.store.people()
        let units = try await context.store.units()
        return ReportAccess(context: context, scope: AccessScope(viewer: context.actor, people: people, units: units), people: people, units: units)
    }

    func audit(_ what: String) async throws {
        try await context.store.audit(AuditEntry(at: context.now(), actor: context.actor.login, action: "report.view", detail: what))
    }

    func unit(_ code: String) throws -> OrgUnit {
        guard let unit = units.first(where: { $0.code == code }) else {
            throw PMOError.unknown(kind: "unit", id: code, suggestions: Identifier.suggestions(for: code, in: units.map(\.code)))
        }
        guard scope.canSee(unit: unit) else { throw PMOError.outOfScope("unit '\(code)'") }
        return unit
    }
}

extension PMO.Report {
    /// `pmo report person`: one person's levels, gaps and trend.
    struct Person: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "person", abstract: "A person's skills: level ± SE per competency, gaps to their role, trend, assignments.")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var report: ReportOptions

        @Argument(help: "The person's id (default: you).")
        var login: String?

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let access = try await ReportAccess.open(context)
            let login = self.login ?? context.actor.login
            guard let person = access.people.first(where: { $0.login == login }) else {
                throw PMOError.unknown(kind: "person", id: login, suggestions: Identifier.suggestions(for: login, in: access.people.filter(access.scope.canSee).map(\.login)))
            }
            guard access.scope.canSee(person: person) else { throw PMOError.outOfScope("person '\(login)'") }
            let input = try await CapabilityInputBuilder.build(context: context, historyFor: person.personID, people: access.people, units: access.units)
            let unitName = person.unitID.flatMap { id in access.units.first { $0.id == id }?.name }
            guard let built = CapabilityReports.person(input, id: person.personID, unitName: unitName) else {
                throw PMOError.nothingToDo("'\(login)' has left; their history is kept but they have no current report")
            }
            try await access.audit("person \(login)")
            try report.emit(try built.rendered(report.reportFormat, color: context.style.enabled && report.output == nil))
        }
    }

    /// `pmo report team`: a manager's unit and the units below it.
    struct Team: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "team", abstract: "A unit's skills: level distributions, people at target, gaps and courses, completion, activity.")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var report: ReportOptions

        @Option(name: .long, help: "The unit's code (default: your own unit).")
        var unit: String?

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let access = try await ReportAccess.open(context)
            guard context.actor.access >= .manager else { throw PMOError.outOfScope("a team report (managers and administrators)") }
            let target: OrgUnit
            if let unit {
                target = try access.unit(unit)
            } else {
                guard let own = access.units.first(where: { $0.id != nil && $0.id == context.actor.unitID }) else {
                    throw PMOError.nothingToDo("you belong to no unit; name one with --unit CODE (see 'pmo units')")
                }
                target = own
            }
            let input = try await CapabilityInputBuilder.build(context: context, people: access.people, units: access.units)
            let ids = Set(input.subtree(of: target.id ?? -1))
            let members = Set(input.people.filter { $0.unitID.map(ids.contains) == true }.map(\.id)).intersection(access.scope.personIDs)
            let children = input.units.filter { $0.parentID == target.id }.map { child in
                (name: child.name, ids: Set(input.people.filter { $0.unitID.map(input.subtree(of: child.id).contains) == true }.map(\.id)))
            }
            let built = CapabilityReports.group(input, title: "Team report: \(target.name)", personIDs: members, listMembers: true, unitRows: children)
            try await access.audit("team \(target.code)")
            try report.emit(try built.rendered(report.reportFormat, color: context.style.enabled && report.output == nil))
        }
    }

    /// `pmo report org`: the whole organisation, by unit.
    struct Org: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "org", abstract: "The organisation's skills by unit: distributions, gaps, completion, activity (administrators).")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var report: ReportOptions

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let access = try await ReportAccess.open(context)
            guard access.scope.seesOrganisation else { throw PMOError.outOfScope("the organisation report (administrators)") }
            // Aggregated from compact tables (levels, course progress, weekly totals), not per person: fast on a large organisation.
            let input = try await CapabilityInputBuilder.buildAggregate(store: context.store, catalog: context.catalog, now: context.now(),
                                                                        people: access.people, units: access.units,
                                                                        personIDs: access.scope.personIDs)
            let built = CapabilityReports.group(input, title: "Organisation report", unitRows: Self.departmentRows(people: access.people, units: access.units))
            try await access.audit("org")
            try report.emit(try built.rendered(report.reportFormat, color: context.style.enabled && report.output == nil))
        }

        /// Rows of the organisation report: the units one level below the top (departments), or the tops themselves,
        /// each with the active people of its subtree.
        static func departmentRows(people: [AcademyStore.Person], units: [OrgUnit]) -> [(name: String, ids: Set<Int64>)] {
            let tops = units.filter { $0.parentID == nil }
            let rowUnits = tops.count == 1 ? units.filter { $0.parentID != nil && $0.parentID == tops[0].id } : tops
            var children: [Int64: [Int64]] = [:]
            for unit in units { if let id = unit.id, let parent = unit.parentID { children[parent, default: []].append(id) } }
            var rowOfUnit: [Int64: Int] = [:]
            for (r, unit) in rowUnits.enumerated() {
                guard let root = unit.id else { continue }
                var stack = [root]
                while let next = stack.popLast() {
                    guard rowOfUnit[next] == nil else { continue }
                    rowOfUnit[next] = r
                    stack.append(contentsOf: children[next] ?? [])
                }
            }
            var ids = [Set<Int64>](repeating: [], count: rowUnits.count)
            for i in people.indices where people[i].active {
                if let unit = people[i].unitID, let r = rowOfUnit[unit] { ids[r].insert(people[i].personID) }
            }
            return zip(rowUnits, ids).map { (name: $0.name, ids: $1) }
        }
    }

    /// `pmo report completion`: assigned courses by status.
    struct Completion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "completion", abstract: "Assigned courses: on time, late, overdue, in progress, not started; who is overdue.")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var report: ReportOptions

        @Option(name: .long, help: "Only this unit (and the units below it).")
        var unit: String?

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let access = try await ReportAccess.open(context)
            let input = try await CapabilityInputBuilder.build(context: context, people: access.people, units: access.units)
            var ids = access.scope.personIDs
            var title = "Completion of assigned courses"
            if let unit {
                let found = try access.unit(unit)
                let subtree = input.subtree(of: found.id ?? -1)
                ids = ids.intersection(input.people.filter { $0.unitID.map(subtree.contains) == true }.map(\.id))
                title += ": \(found.name)"
            }
            let titles = Dictionary(context.catalog.courses.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            let built = CompletionReport.build(input, title: title, personIDs: ids, courseTitles: titles)
            try await access.audit("completion \(unit ?? "all")")
            try report.emit(try built.rendered(report.reportFormat, color: context.style.enabled && report.output == nil))
        }
    }
}
