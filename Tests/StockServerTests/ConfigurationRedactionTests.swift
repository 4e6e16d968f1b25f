import Testing
@testable import StockServer

@Suite("The configuration's description hides the quote APIs' keys")
struct ConfigurationRedactionTests {
    @Test("keys show as <redacted> (nil stays nil) wherever the configuration is printed; the rest shows")
    func redacted() {
        var configuration = ServerConfiguration()
        configuration.livePrices.quotesAPIKey = "massive-secret"
        configuration.livePrices.alpacaKeyID = "alpaca-key-id"
        configuration.livePrices.alpacaSecretKey = "alpaca-secret"
        for text in [String(describing: configuration), String(reflecting: configuration), "\(configuration.livePrices)"] {
            #expect(!text.contains("massive-secret") && !text.contains("alpaca-key-id") && !text.contains("alpaca-secret"))
            #expect(text.contains("alpacaSecretKey: <redacted>") && text.contains("alpacaMaxURLBytes: 8000"), "\(text)")
        }
        configuration.livePrices.alpacaSecretKey = nil
        #expect(String(describing: configuration).contains("alpacaSecretKey: nil"))
    }
}
