import Foundation

/// One file of the content tree, by its path relative to the content root.
public struct ContentFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// What loading produced: the catalogue (possibly partial) and every diagnostic.
public struct LoadResult: Sendable {
    public var catalog: Catalog
    /// Sorted by file, line and column.
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Why a content directory could not be read at all.
public enum ContentDirectoryError: Error, LocalizedError, Equatable {
    case notFound(String)
    case notContent(String)

    public var errorDescription: String? {
        switch self {
        case let .notFound(path):
            "content directory '\(path)' does not exist; pass --content DIR or set PMO_CONTENT"
        case let .notContent(path):
            "'\(path)' holds neither Courses/ nor Assessments/; pass --content DIR pointing at the content root"
        }
    }
}

extension CatalogLoader {
    /// Reads every content file under `root` (Courses/ and Assessments/) and loads them.
    public static func load(directory root: URL) throws -> LoadResult {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ContentDirectoryError.notFound(root.path)
        }
        let tops = ["Courses", "Assessments"].filter { fm.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard !tops.isEmpty else { throw ContentDirectoryError.notContent(root.path) }

        var files: [ContentFile] = []
        var known: Set<String> = []
        var unreadable: [Diagnostic] = []
        let rootPath = root.standardizedFileURL.path
        for top in tops {
            // Path strings, not URLs with resource values: enumeration was a visible part of load time.
            guard let enumerator = fm.enumerator(atPath: root.appendingPathComponent(top).path) else { continue }
            while let sub = enumerator.nextObject() as? String {
                if sub.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                let relative = top + "/" + sub
                known.insert(relative)
                guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") || relative.hasSuffix(".md") else { continue }
                let full = rootPath + "/" + relative
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                guard let data = fm.contents(atPath: full) else {
                    unreadable.append(Diagnostic(.error, SourceLocation(file: relative), "cannot read the file"))
                    continue
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    unreadable.append(Diagnostic(.error, SourceLocation(file: relative), "the file is not valid UTF-8 text"))
                    continue
                }
                files.append(ContentFile(path: relative, text: text))
            }
        }
        var result = load(files: files, knownPaths: known)
        if !unreadable.isEmpty {
            result.diagnostics = (result.diagnostics + unreadable).sorted { $0 < $1 }
        }
        return result
    }
}
