import StockModel
import StockSearch

/// A deterministic universe of securities for scale tests: the real eval corpus, then synthetic listings
/// whose names combine real name words (with the real legal forms and security descriptions) and whose
/// tickers are random letter strings, some with share-class, preferred or exchange suffixes.
enum SyntheticUniverse {
    /// The seeded draws of the universe.
    struct Generator {
        var random: SplitMix64

        mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let legalForms = ["Inc.", "Corporation", "Corp.", "Holdings, Inc.", "Group plc", "AG", "SE", "S.A.", "N.V.",
                             "Ltd.", "Company", "& Co.", "Aktiengesellschaft", "Co., Ltd.", ""]
    static let descriptions = ["- Common Stock", "Common Stock", "Class A Common Stock", "- Class A Ordinary Shares",
                               "American Depositary Shares", "Warrant", "Units", "ETF", "", "", ""]
    static let suffixes = ["", "", "", "", "", ".DE", ".PA", ".L", ".T", ".SW", ".MI", ".A", ".B", "$A", ".W"]

    /// `count` records: `real` first (ids kept), then synthetic ones with ids following them.
    static func make(count: Int, real: [SearchRecord], seed: UInt64 = 42) -> [SearchRecord] {
        var generator = Generator(random: SplitMix64(seed: seed))
        var words: [String] = []
        var seenWords: Set<String> = []
        for record in real {
            for word in record.name.split(separator: " ") where word.count >= 3 && word.allSatisfy(\.isLetter) {
                if seenWords.insert(String(word)).inserted { words.append(String(word)) }
            }
        }
        var tickers = Set(real.map(\.ticker))
        var records = real
        records.reserveCapacity(count)
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        while records.count < count {
            var name = (0..<(1 + generator.below(3))).map { _ in generator.pick(words) }.joined(separator: " ")
            let legal = generator.pick(legalForms)
            if !legal.isEmpty { name += " " + legal }
            let description = generator.pick(descriptions)
            if !description.isEmpty { name += " " + description }
            var ticker = ""
            repeat {
                ticker = String((0..<(2 + generator.below(4))).map { _ in generator.pick(letters) })
                ticker += generator.pick(suffixes)
            } while !tickers.insert(ticker).inserted
            records.append(SearchRecord(id: Int64(records.count), ticker: ticker, name: name,
                                        isETF: description == "ETF"))
        }
        return records
    }
}
