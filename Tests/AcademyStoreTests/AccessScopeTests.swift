import AcademyCore
import AcademyStore
import Foundation
import Testing

@Suite("Access scope")
struct AccessScopeTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    // corp ─┬─ eng ── platform
    //       └─ ops
    let units = [OrgUnit(id: 1, code: "corp", name: "Corp"), OrgUnit(id: 2, code: "eng", name: "Eng", parentID: 1),
                 OrgUnit(id: 3, code: "platform", name: "Platform", parentID: 2), OrgUnit(id: 4, code: "ops", name: "Ops", parentID: 1)]

    var people: [Person] {
        [Person(id: 1, login: "admin", name: "A", access: .admin, unitID: 1, createdAt: t0),
         Person(id: 2, login: "eng-lead", name: "E", access: .manager, unitID: 2, createdAt: t0),
         Person(id: 3, login: "dev", name: "D", unitID: 3, manager: "eng-lead", createdAt: t0),
         Person(id: 4, login: "ops-person", name: "O", unitID: 4, createdAt: t0),
         Person(id: 5, login: "remote", name: "R", unitID: 4, manager: "eng-lead", createdAt: t0)]
    }

    /// Every role against every person and unit: who may see whom.
    @Test("the matrix: learner sees self, manager their subtree and direct reports, admin all",
          arguments: [
            ("admin", ["admin", "eng-lead", "dev", "ops-person", "remote"], ["corp", "eng", "platform", "ops"]),
            ("eng-lead", ["eng-lead", "dev", "remote"], ["eng", "platform"]),
            ("dev", ["dev"], []),
            ("ops-person", ["ops-person"], []),
          ])
    func matrix(viewer: String, visiblePeople: [String], visibleUnits: [String]) throws {
        let me = try #require(people.first { $0.login == viewer })
        let scope = AccessScope(viewer: me, people: people, units: units)
        for person in people {
            #expect(scope.canSee(person: person) == visiblePeople.contains(person.login), "\(viewer) → \(person.login)")
        }
        for unit in units {
            #expect(scope.canSee(unit: unit) == visibleUnits.contains(unit.code), "\(viewer) → unit \(unit.code)")
        }
        #expect(scope.seesOrganisation == (viewer == "admin"))
    }
}

@Suite("Roster")
struct RosterTests {
    @Test("a valid roster parses, with unit paths, chat handles and managers")
    func valid() {
        let text = """
        id,name,email,unit,access,role,manager,slack
        ana,Ana Lima,ana@x.example,Engineering/Platform,manager,senior-project-manager,,U01
        "bo","Bo, Jr.",bo@x.example,Engineering/Platform,learner,project-manager,ana,U02
        """
        let (roster, diagnostics) = Roster.parse(text, file: "r.csv", roles: ["senior-project-manager", "project-manager"], existingLogins: [])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(roster.entries.map(\.login) == ["ana", "bo"])
        #expect(roster.entries[1].name == "Bo, Jr.")
        #expect(roster.entries[0].unitPath == ["Engineering", "Platform"])
        #expect(roster.entries[1].chat == ["slack": "U02"])
        #expect(Roster.unitCode(["Engineering", "Platform & Data"]) == "engineering-platform-data")
    }

    @Test("every problem names its row and column; nothing is accepted")
    func errors() {
        let text = """
        id,name,unit,acess,role,manager
        ana,Ana,Eng,manager,pm,zed
        ,Nobody,Eng,learner,,
        """
        let (_, diagnostics) = Roster.parse(text, file: "r.csv", roles: ["project-manager"], existingLogins: [])
        #expect(diagnostics.map(\.description).contains("r.csv:1:4: error: unknown column 'acess' (did you mean 'access'?); columns: id, name, email, unit, access, role, manager, slack, mattermost, teams, discord, google_chat"))
        let (_, rowErrors) = Roster.parse(text.replacingOccurrences(of: "acess", with: "access"), file: "r.csv",
                                          roles: ["project-manager"], existingLogins: [])
        let messages = rowErrors.map(\.description)
        #expect(messages.contains { $0.hasPrefix("r.csv:2:5: error: unknown job role 'pm'") })
        #expect(messages.contains { $0.hasPrefix("r.csv:2:6: error: manager 'zed' of 'ana'") })
        #expect(messages.contains("r.csv:3:1: error: id is empty"))
    }
}

@Suite("Roster import in the store")
struct RosterImportTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("import creates units and people; re-import updates; prune deactivates", arguments: Backend.allCases)
    func importAndPrune(backend: Backend) async throws {
        let store = try backend.make()
        _ = try await store.enrolPerson(login: "admin", name: "Admin", at: t0)
        let first = Roster.parse("id,name,unit,access\nana,Ana,Eng/Platform,manager\nbo,Bo,Eng/Platform,learner\n",
                                 file: "r.csv", roles: [], existingLogins: []).0
        let summary = try await store.importRoster(first, prune: false, keep: "admin", at: t0)
        #expect(summary == RosterImportSummary(created: 2, updated: 0, deactivated: 0, unitsCreated: 2))
        #expect(try await store.units().map(\.code).sorted() == ["eng", "eng-platform"])
        let second = Roster.parse("id,name,unit,access\nana,Ana Lima,Eng,admin\n", file: "r.csv", roles: [], existingLogins: []).0
        let again = try await store.importRoster(second, prune: true, keep: "admin", at: t0)
        #expect(again == RosterImportSummary(created: 0, updated: 1, deactivated: 1, unitsCreated: 0))
        let people = try await store.people()
        #expect(people.first { $0.login == "ana" }?.access == .admin)
        #expect(people.first { $0.login == "ana" }?.name == "Ana Lima")
        #expect(people.first { $0.login == "bo" }?.active == false)
        #expect(people.first { $0.login == "admin" }?.active == true, "the importing admin is never pruned")
    }
}
