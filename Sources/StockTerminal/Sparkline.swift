import StockModel

/// A one-line chart of prices in Unicode blocks (`▁▂▃▄▅▆▇█`), scaled from the lowest to the highest price shown.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `prices` (oldest first) as at most `width` blocks: when there are more prices than columns, each column
    /// shows the last price of its share of them (so the last column is the latest price). A flat line is drawn
    /// at mid height; no prices, no line. Integer arithmetic on ten-thousandths, so no price can overflow it.
    public static func line(_ prices: [Price], width: Int) -> String {
        guard width > 0, !prices.isEmpty else { return "" }
        let columns = min(width, prices.count)
        let samples = (1...columns).map { column in prices[(column * prices.count) / columns - 1].tenThousandths }
        let low = samples.min()!, high = samples.max()!
        guard high > low else { return String(repeating: blocks[3], count: columns) }
        let span = Int128(high) - Int128(low)
        let top = Int128(blocks.count - 1)
        return String(samples.map { blocks[Int((Int128($0) - Int128(low)) * top / span)] })
    }
}
