extension SearchIndex {
    /// Turns a ranked candidate into a hit: which field matched, its text and the matched ranges.
    func explain(_ candidate: Candidate, _ query: Query) -> SearchHit {
        let document = Int(candidate.document)
        let id = storage.records[document].id
        let kind = candidate.tier.kind
        if candidate.tier == .code {
            let record = storage.records[document]
            let isISIN = candidate.score == 0
            let text = isISIN ? record.isin ?? ""
                : record.cusip ?? record.isin.flatMap(SecurityCode.cusip(inISIN:)).map(String.init) ?? ""
            return SearchHit(id: id, kind: isISIN ? .isin : .cusip, field: isISIN ? .isin : .cusip, matchedText: text,
                             ranges: [0..<text.utf8.count])
        }
        if candidate.field == Posting.tickerField {
            let ticker = storage.records[document].ticker
            var end = ticker.hasOneBytePerCharacter ? ticker.utf8.count : ticker.count
            if candidate.tier == .tickerPrefix, let key = query.tickerKeys.first {
                end = characters(of: ticker, coveringAlphanumerics: key.count)
            }
            return SearchHit(id: id, kind: kind, field: .ticker, matchedText: ticker, ranges: [0..<end])
        }
        let fieldIndex = Int(candidate.field)
        let text = fieldIndex == 0 ? storage.records[document].name : storage.records[document].aliases[fieldIndex - 1]
        let tokens = tokens(of: document, field: fieldIndex)
        var ranges: [Range<Int>]
        switch candidate.tier {
        case .exactName, .namePrefix:
            ranges = phraseRanges(tokens, query)
        case .initialism, .minorInitialism:
            ranges = initialRanges(tokens, query)
        default:
            ranges = wordRanges(tokens, query)
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        // Merge overlapping ranges in place.
        var kept = 0
        for index in ranges.indices where !ranges[index].isEmpty {
            let range = ranges[index]
            if kept > 0, range.lowerBound <= ranges[kept - 1].upperBound {
                ranges[kept - 1] = ranges[kept - 1].lowerBound..<max(ranges[kept - 1].upperBound, range.upperBound)
            } else {
                ranges[kept] = range
                kept += 1
            }
        }
        ranges.removeLast(ranges.count - kept)
        return SearchHit(id: id, kind: kind, field: fieldIndex == 0 ? .name : .alias, matchedText: text,
                         ranges: ranges)
    }

    /// The words a whole-name match covers, from the start of the core name or of the field.
    private func phraseRanges(_ tokens: ArraySlice<Token>, _ query: Query) -> [Range<Int>] {
        phraseMatch(tokens, query, ranges: true) ?? wordRanges(tokens, query)
    }

    /// The character ranges of the field words that the query (without spaces) spells from the start of
    /// the core name or of the field, or nil when it does not. A query word may run over several field
    /// words (`jpmorgan` for `JP Morgan`) but then it must end where a field word ends: `toyota` does not
    /// start `TOYO TANSO`. Without `ranges`, a match gives an empty list.
    func phraseMatch(_ tokens: ArraySlice<Token>, _ query: Query, ranges wantsRanges: Bool) -> [Range<Int>]? {
        let wanted = query.joined
        let lastWordStart = wanted.count - (query.words.last?.scalars.count ?? 0)
        let coreStart = tokens.first { $0.flags & Token.core != 0 }.map { Int($0.position) } ?? 0
        for start in coreStart == 0 ? [0] : [coreStart, 0] {
            var ranges: [Range<Int>] = []
            var offset = 0
            var position = start
            while offset < wanted.count {
                let remaining = wanted[offset...]
                var advanced = false
                for token in tokens where Int(token.position) == position {
                    let word = storage.words.keys.key(Int(token.word))
                    if remaining.starts(with: word) {
                        if wantsRanges { ranges.append(Int(token.start)..<Int(token.start) + Int(token.length)) }
                        offset += word.count
                        advanced = true
                        break
                    }
                    if lastWordStart >= offset, word.starts(with: remaining) {
                        if wantsRanges {
                            ranges.append(Int(token.start)..<Int(token.start) + min(remaining.count, Int(token.length)))
                        }
                        offset = wanted.count
                        advanced = true
                        break
                    }
                }
                guard advanced else { break }
                position += 1
            }
            if offset >= wanted.count { return ranges }
        }
        return nil
    }

    /// The first characters of the words whose initials spell the query, taken in order (the later capitals
    /// of a camel-case word are not highlighted).
    private func initialRanges(_ tokens: ArraySlice<Token>, _ query: Query) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var next = 0
        for token in tokens where token.flags & Token.variant == 0 && next < query.joined.count {
            guard storage.words.keys.key(Int(token.word)).first == query.joined[next] else { continue }
            ranges.append(Int(token.start)..<Int(token.start) + 1)
            next += 1
        }
        return ranges
    }

    /// The tokens of one field of a document (they are stored field after field).
    func tokens(of document: Int, field: Int) -> ArraySlice<Token> {
        let all = Int(storage.tokenStarts[document])..<Int(storage.tokenStarts[document + 1])
        var start = all.lowerBound
        while start < all.upperBound, Int(storage.tokens[start].field) < field { start += 1 }
        var end = start
        while end < all.upperBound, Int(storage.tokens[end].field) == field { end += 1 }
        return storage.tokens[start..<end]
    }

    /// For each query word, the field word it matched best.
    private func wordRanges(_ tokens: ArraySlice<Token>, _ query: Query) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for word in query.words {
            var best: (distance: Int, range: Range<Int>)?
            for token in tokens {
                let start = Int(token.start)
                if word.prefixRange.contains(Int(token.word)) {
                    best = (0, start..<start + min(word.scalars.count, Int(token.length)))
                    break
                }
                if let distance = word.cost(to: token.word), best.map({ distance < $0.distance }) ?? true {
                    best = (distance, start..<start + Int(token.length))
                } else if best == nil, word.scalars.count >= 3,
                          storage.words.keys.length(Int(token.word)) > word.scalars.count,
                          storage.words.keys.key(Int(token.word)).containsSubsequence(word.scalars) {
                    best = (Int.max, start..<start + Int(token.length))
                }
            }
            if let best { ranges.append(best.range) }
        }
        return ranges
    }

    /// How many leading characters of `ticker` hold its first `count` letters and digits.
    private func characters(of ticker: String, coveringAlphanumerics count: Int) -> Int {
        if ticker.hasOneBytePerCharacter {
            var seen = 0
            var length = 0
            for byte in ticker.utf8 {
                if seen >= count { break }
                length += 1
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "a")...UInt8(ascii: "z"): seen += 1
                default: break
                }
            }
            return length
        }
        var seen = 0
        var length = 0
        for character in ticker {
            if seen >= count { break }
            length += 1
            if character.isLetter || character.isNumber { seen += 1 }
        }
        return length
    }
}
