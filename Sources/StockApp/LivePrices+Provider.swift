import Logging
import StockMarket
import StockServer

extension LivePrices {
    /// Live prices from the provider the configuration names, polled every `priceInterval` seconds.
    public init(_ configuration: ServerConfiguration, stores: Stores, logger: Logger) throws {
        let live = configuration.livePrices
        let provider: any PriceProvider
        switch live.provider {
        case .simulated:
            provider = SimulatedMarket(seed: live.simulatedSeed, movedShare: live.simulatedMovedShare)
        case .http:
            guard let key = live.quotesAPIKey, !key.isEmpty else {
                throw LivePricesConfigurationError(
                    "the http price provider needs an API key in \(SnapshotQuoteProvider.Configuration.apiKeyVariable)")
            }
            provider = SnapshotQuoteProvider(
                configuration: .init(baseURL: live.quotesBaseURL, apiKey: key), logger: logger)
        case .alpaca:
            provider = AlpacaQuoteProvider(configuration: try Self.alpacaConfiguration(live), logger: logger)
        }
        self.init(
            provider: provider, stores: stores, interval: .milliseconds(Int64(configuration.priceInterval * 1000)),
            configuration: live, logger: logger)
    }
}

extension LivePrices {
    /// The Alpaca provider's configuration; throws when a key is missing.
    public static func alpacaConfiguration(
        _ live: LivePricesConfiguration
    ) throws -> AlpacaQuoteProvider.Configuration {
        typealias Alpaca = AlpacaQuoteProvider.Configuration
        guard let keyID = live.alpacaKeyID, !keyID.isEmpty, let secret = live.alpacaSecretKey, !secret.isEmpty else {
            throw LivePricesConfigurationError(
                "the alpaca price provider needs its keys in \(Alpaca.keyIDVariable) and \(Alpaca.secretKeyVariable)")
        }
        var configuration = Alpaca(baseURL: live.alpacaBaseURL, keyID: keyID, secretKey: secret)
        configuration.maxURLBytes = live.alpacaMaxURLBytes
        return configuration
    }
}

/// A live-price setting that cannot work.
public struct LivePricesConfigurationError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
