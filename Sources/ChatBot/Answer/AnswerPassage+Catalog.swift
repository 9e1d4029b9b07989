import Foundation
import AcademyCore

extension AnswerPassage {
    /// Every lesson section and item explanation of the catalog, in course and lesson order.
    public static func passages(from catalog: Catalog) -> [AnswerPassage] {
        var result: [AnswerPassage] = []
        var lessonPlace: [String: (Course, Int, Lesson)] = [:]
        for course in catalog.courses {
            for (index, lesson) in course.lessons.enumerated() {
                lessonPlace[lesson.id] = (course, index + 1, lesson)
                for section in MarkdownSections.split(lesson.body, title: lesson.title) where !section.text.isEmpty {
                    result.append(AnswerPassage(kind: .section, courseID: course.id, courseTitle: course.title, lessonID: lesson.id,
                                                lessonNumber: index + 1, lessonTitle: lesson.title, heading: section.heading,
                                                text: section.text, classification: course.classification))
                }
            }
        }
        for item in catalog.items {
            guard let (course, number, lesson) = lessonPlace[item.lesson], !item.explanation.isEmpty else { continue }
            result.append(AnswerPassage(kind: .explanation, courseID: course.id, courseTitle: course.title, lessonID: lesson.id,
                                        lessonNumber: number, lessonTitle: lesson.title,
                                        heading: MarkdownSections.plain(item.stem), text: MarkdownSections.plain(item.explanation),
                                        classification: course.classification))
        }
        return result
    }
}

/// Lesson bodies cut at their headings, and Markdown reduced to the plain text a chat message can show.
enum MarkdownSections {
    struct Section {
        var heading: String
        var text: String
    }

    /// One section per `##`…`######` heading; the text before the first is headed by the lesson title.
    /// A `#` heading (the lesson's own title) is dropped. Fenced code is kept as text.
    static func split(_ body: String, title: String) -> [Section] {
        var sections: [Section] = []
        var heading = title
        var lines: [Substring] = []
        var inFence = false
        func close() {
            let text = plain(lines.joined(separator: "\n"))
            sections.append(Section(heading: heading, text: text))
            lines.removeAll()
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, trimmed.hasPrefix("#") {
                let level = trimmed.prefix(while: { $0 == "#" }).count
                let rest = trimmed.dropFirst(level)
                if level <= 6, rest.first == " " || rest.isEmpty {
                    let text = plain(String(rest)).trimmingCharacters(in: .whitespaces)
                    if level == 1 { continue }
                    close()
                    heading = text
                    continue
                }
            }
            lines.append(line)
        }
        close()
        return sections.filter { !$0.text.isEmpty }
    }

    /// Markdown to plain text: emphasis, code ticks, link targets, images, HTML comments and table rules
    /// removed; list markers kept as "•"; paragraphs separated by one blank line.
    static func plain(_ markdown: String) -> String {
        var paragraphs: [String] = []
        var current: [String] = []
        func endParagraph() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            current.removeAll()
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("```") || line.hasPrefix("~~~") { endParagraph(); continue }
            if line.hasPrefix("|") && line.allSatisfy({ "|-: ".contains($0) }) { continue }
            if line.hasPrefix(">") { line = String(line.drop(while: { $0 == ">" || $0 == " " })) }
            var isItem = false
            if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") {
                line = String(line.dropFirst(2)); isItem = true
            } else if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
                      line[line.index(after: dot)...].hasPrefix(" ") {
                line = String(line[line.index(dot, offsetBy: 2)...]); isItem = true
            }
            line = inline(line)
            if isItem { endParagraph(); current.append("• " + line) } else { current.append(line) }
        }
        endParagraph()
        return paragraphs.joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `**bold**`, `_em_`, `` `code` `` and `[text](target)` reduced to their text.
    static func inline(_ line: String) -> String {
        var out = ""
        out.reserveCapacity(line.count)
        var chars = Array(line)
        var i = 0
        if line.contains("<!--") {
            var cleaned = line
            while let start = cleaned.range(of: "<!--"), let end = cleaned.range(of: "-->", range: start.upperBound..<cleaned.endIndex) {
                cleaned.removeSubrange(start.lowerBound..<end.upperBound)
            }
            chars = Array(cleaned)
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*", "`":
                i += 1
            case "_" where (i == 0 || !chars[i - 1].isLetter) || (i + 1 == chars.count || !chars[i + 1].isLetter):
                i += 1
            case "!" where i + 1 < chars.count && chars[i + 1] == "[":
                i += 1
            case "[":
                if let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
                   let end = chars[(close + 1)...].firstIndex(of: ")") {
                    out.append(contentsOf: chars[(i + 1)..<close])
                    i = end + 1
                } else {
                    out.append(c); i += 1
                }
            default:
                out.append(c); i += 1
            }
        }
        return out
    }
}
