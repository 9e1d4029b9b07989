import Foundation

/// The reference vectors in Tests/AcademyCoreTests/Golden, made by scripts/golden/generate.sh.
enum GoldenVectors {
    struct MissingVector: Error, CustomStringConvertible {
        let name: String
        var description: String { "golden vector Golden/\(name).json is missing; run scripts/golden/generate.sh" }
    }

    /// Decodes `Golden/<name>.json` from the test bundle.
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Golden") else {
            throw MissingVector(name: name)
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// eap.json: catsim's EAP (61 nodes on [−4, 4]) and girth's ability_eap (41 Gauss–Legendre nodes on [−4.5, 4.5]).
    struct EAP: Decodable {
        struct Bank: Decodable { let a: [Double]; let b: [Double] }
        struct Case: Decodable { let items: [Int]; let correct: [Int]; let theta: Double; let se: Double? }
        struct Reference: Decodable {
            let reference: String
            let nodes: Int
            let lower: Double
            let upper: Double
            let cases: [Case]
        }
        let bank: Bank
        let catsim: Reference
        let girth: Reference
    }

    /// calibration.json: girth's twopl_mml on 5,000 persons × 40 items.
    struct Calibration: Decodable {
        struct Parameters: Decodable { let a: [Double]; let b: [Double] }
        let `true`: Parameters
        let girth: Parameters
        let responses: [String]
    }

    /// fsrs.json: py-fsrs over 10,000 reviews.
    struct FSRS: Decodable {
        let parameters: [Double]
        let desired_retention: Double
        let cards_created: [Double]
        /// [card, rating, unix seconds].
        let reviews: [[Double]]
        /// [due unix seconds, state, step or −1, stability, difficulty].
        let expected: [[Double]]
    }
}
