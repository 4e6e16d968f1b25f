/// Neighbouring keys of a QWERTY keyboard, for typos of the first character (`nicrosoft`: N is beside M).
enum Keyboard {
    private static let rows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"].map { Array($0.utf8) }

    /// The keys next to each ASCII small letter or digit (same row; the row above at the same and the next
    /// position, the row below at the one before and the same: the rows are staggered), by scalar.
    private static let neighbours: [[UInt32]] = (0..<128).map { scalar in
        for (row, keys) in rows.enumerated() {
            guard let column = keys.firstIndex(of: UInt8(scalar)) else { continue }
            let near = [(row, column - 1), (row, column + 1), (row - 1, column), (row - 1, column + 1),
                        (row + 1, column - 1), (row + 1, column)]
            return near.compactMap { other, index in
                rows.indices.contains(other) && rows[other].indices.contains(index) ? UInt32(rows[other][index]) : nil
            }
        }
        return []
    }

    /// The folded scalars of the keys next to `scalar`; empty unless it is an ASCII small letter or digit.
    static func neighbours(of scalar: UInt32) -> [UInt32] { scalar < 0x80 ? neighbours[Int(scalar)] : [] }
}
