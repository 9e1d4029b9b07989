/// Scored responses of many persons to a bank of items, stored compactly (5 bytes a response).
///
/// Rows are persons (or person × competency units); each row lists the items answered, in any
/// order, and whether each answer was right. Missing data is simply absent. Items are indices
/// into the bank the matrix is used with.
public struct ResponseMatrix: Sendable, Hashable {
    /// How many items the bank has; item indices are below this.
    public let itemCount: Int
    /// Start of each row in `items`/`correct`, plus the end: `rowCount + 1` entries.
    public private(set) var offsets: [Int] = [0]
    /// Item index of each response, row after row.
    public private(set) var items: [Int32] = []
    /// 1 for a right answer, 0 for a wrong one, parallel to `items`.
    public private(set) var correct: [UInt8] = []

    public init(itemCount: Int) {
        self.itemCount = itemCount
    }

    /// A matrix from dense rows, `nil` marking an item not answered.
    public init(rows: [[Bool?]], itemCount: Int) {
        self.init(itemCount: itemCount)
        for row in rows {
            for (item, answer) in row.enumerated() {
                if let answer { append(item: item, correct: answer) }
            }
            endRow()
        }
    }

    /// A matrix from its arrays; `nil` when they do not fit together (offsets not rising from 0 to the
    /// number of responses, arrays of different lengths, or an item index outside 0..<itemCount).
    public init?(itemCount: Int, offsets: [Int], items: [Int32], correct: [UInt8]) {
        guard offsets.first == 0, offsets.last == items.count, items.count == correct.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              items.allSatisfy({ $0 >= 0 && Int($0) < itemCount }) else { return nil }
        self.itemCount = itemCount
        self.offsets = offsets
        self.items = items
        self.correct = correct.map { $0 == 0 ? 0 : 1 }
    }

    public var rowCount: Int { offsets.count - 1 }

    public var responseCount: Int { items.count }

    /// Adds a response to the row being built.
    public mutating func append(item: Int, correct: Bool) {
        precondition(item >= 0 && item < itemCount, "item index \(item) is outside the bank of \(itemCount)")
        items.append(Int32(truncatingIfNeeded: item))
        self.correct.append(correct ? 1 : 0)
    }

    /// Closes the row being built (it may be empty).
    public mutating func endRow() {
        offsets.append(items.count)
    }

    /// Adds a whole row.
    public mutating func appendRow(_ responses: some Sequence<(item: Int, correct: Bool)>) {
        for response in responses { append(item: response.item, correct: response.correct) }
        endRow()
    }

    /// Adds a whole row from parallel item indices and answers (non-zero is right).
    public mutating func appendRow(items newItems: [Int32], correct newCorrect: [UInt8]) {
        precondition(newItems.count == newCorrect.count, "one answer per item")
        for item in newItems {
            precondition(item >= 0 && Int(item) < itemCount, "item index \(item) is outside the bank of \(itemCount)")
        }
        items.append(contentsOf: newItems)
        for answer in newCorrect { correct.append(answer == 0 ? 0 : 1) }
        endRow()
    }

    /// Empties the matrix, keeping its storage for the next batch.
    public mutating func removeAll() {
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        items.removeAll(keepingCapacity: true)
        correct.removeAll(keepingCapacity: true)
    }

    /// The responses of row `row` as (item, correct) pairs.
    public func row(_ row: Int) -> [(item: Int, correct: Bool)] {
        (offsets[row]..<offsets[row + 1]).map { (Int(items[$0]), correct[$0] != 0) }
    }

    /// Number of responses each item has.
    public func responsesPerItem() -> [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for item in items { counts[Int(item)] += 1 }
        return counts
    }
}
