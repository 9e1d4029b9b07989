import AcademyCore
import ChatBot
import Foundation
import TestSupport

/// The repository's root (TestSupport finds it).
let repositoryRoot = BinaryRunner.repositoryRoot

/// The shipped courses and assessments, loaded once.
let shippedCatalog: Catalog = {
    let result = try! CatalogLoader.load(directory: repositoryRoot)
    precondition(result.errors.isEmpty, "the shipped content has errors: \(result.errors)")
    return result.catalog
}()

/// One engine over the shipped content for all tests.
let shippedEngine = AnswerEngine(catalog: shippedCatalog)

/// A passage for hand-made corpora.
func passage(_ lesson: String, _ heading: String, _ text: String, course: String = "c", number: Int = 1,
             classification: Classification = .public, kind: AnswerPassage.Kind = .section) -> AnswerPassage {
    AnswerPassage(kind: kind, courseID: course, courseTitle: "Course \(course)", lessonID: lesson, lessonNumber: number,
                  lessonTitle: "Lesson \(lesson)", heading: heading, text: text, classification: classification)
}
