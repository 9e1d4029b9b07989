import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document parsed with Foundation's `XMLParser`: its elements in document order.
struct ParsedXML {
    /// One element, with the `class` attributes of its ancestors.
    struct Element {
        var name: String
        var attributes: [String: String]
        var ancestorClasses: [String]
        /// The text directly or indirectly inside the element.
        var text: String
    }

    var elements: [Element]

    /// Parses `xml`; nil when it is not well formed.
    init?(_ xml: String) {
        let collector = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        guard parser.parse(), collector.open.isEmpty else { return nil }
        elements = collector.elements
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Elements named `name` inside an element of class `ancestorClass`.
    func named(_ name: String, inside ancestorClass: String) -> [Element] {
        elements.filter { $0.name == name && $0.ancestorClasses.contains(ancestorClass) }
    }

    /// Elements whose own `class` is `className`.
    func withClass(_ className: String) -> [Element] {
        elements.filter { $0.attributes["class"] == className }
    }

    /// All text of the document.
    var text: String { elements.first?.text ?? "" }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let classes = open.compactMap { elements[$0].attributes["class"] }
            elements.append(Element(name: elementName, attributes: attributeDict, ancestorClasses: classes, text: ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            _ = open.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { elements[index].text += string }
        }
    }
}

extension String {
    /// Every `<svg …>…</svg>` fragment of an HTML page.
    var svgFragments: [String] {
        var fragments: [String] = []
        var rest = self[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            fragments.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return fragments
    }

    /// The number of `points` pairs in a polygon's `points` attribute.
    var pointCount: Int { split(separator: " ").count }
}
