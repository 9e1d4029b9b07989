import AcademyCore
import Foundation
import GRDB

/// The default store: one SQLite file through GRDB, in WAL mode, every answer its own transaction.
public final class SQLiteStore: Store {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path`, with its folder, and migrates it.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            writer = try DatabasePool(path: path, configuration: SQLiteStore.configuration())
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        try migrate()
    }

    /// A store over a writer that is already configured (see `generator(path:)`).
    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try migrate()
    }

    /// An in-memory database, for tests.
    public init() throws {
        writer = try DatabaseQueue(configuration: SQLiteStore.configuration())
        try migrate()
    }

    static func configuration() -> GRDB.Configuration {
        var config = GRDB.Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // WAL (set by DatabasePool) + NORMAL: a committed answer survives a killed process.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    func migrate() throws {
        let migrator = SQLiteStore.migrator
        do {
            if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema("unknown")
            }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
