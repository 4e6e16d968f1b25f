import Foundation
import StockStorage
import Testing

@Suite("User name folding")
struct UsernameFoldingTests {
    @Test("case, width and compatibility forms fold to one name")
    func examples() {
        #expect(UsernameFolding.fold(" Alice ") == "alice")
        #expect(UsernameFolding.fold("ＡＬＩＣＥ") == "alice")
        #expect(UsernameFolding.fold("Straße") == "strasse")
        #expect(UsernameFolding.fold("STRAẞE") == "strasse")
        #expect(UsernameFolding.fold("ΣΊΣΥΦΟΣ") == UsernameFolding.fold("σίσυφος"))
        #expect(UsernameFolding.fold("ﬁsh") == "fish")
        #expect(UsernameFolding.legacyForm(" Straße ") == "straße")
    }

    /// The fold must be stable (folding a stored name changes nothing) and must agree with the migration: a name
    /// stored in the old form folds to what the name typed folds to. Checked for every assigned scalar.
    @Test("the fold is idempotent and folds a name's old stored form as it folds the name, for every scalar")
    func everyScalar() {
        var unstable: [String] = []
        var disagreeing: [String] = []
        for value in UInt32(0x21)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned,
                  scalar.properties.generalCategory != .privateUse, scalar.properties.generalCategory != .surrogate
            else { continue }
            let name = "a" + String(scalar)
            let folded = UsernameFolding.fold(name)
            if UsernameFolding.fold(folded) != folded { unstable.append(String(value, radix: 16)) }
            if UsernameFolding.fold(UsernameFolding.legacyForm(name)) != folded {
                disagreeing.append(String(value, radix: 16))
            }
        }
        #expect(unstable.isEmpty, "not stable: \(unstable.prefix(20))")
        #expect(disagreeing.isEmpty, "the old form folds elsewhere: \(disagreeing.prefix(20))")
    }
}
