import Configuration
import Foundation
import StockServer

/// The one place the `STOCKTRACKER_*` environment variables are read (through swift-configuration) and the serve
/// defaults come from: a flag's default is its variable's value, or else the value `ServerConfiguration` starts
/// with, so every default is written once and `--help` shows what a run would use.
enum Settings {
    /// The process environment under `STOCKTRACKER_` (the key `price_interval` reads `STOCKTRACKER_PRICE_INTERVAL`);
    /// an empty variable counts as unset, and the quote API's key is redacted wherever the reader prints values.
    static let environment = ConfigReader(provider: EnvironmentVariablesProvider(
        environmentVariables: ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty },
        secretsSpecifier: .specific([
            "STOCKTRACKER_QUOTES_API_KEY", "STOCKTRACKER_ALPACA_KEY_ID", "STOCKTRACKER_ALPACA_SECRET_KEY",
        ])
    )).scoped(to: "stocktracker")

    /// What `serve` runs with where neither a flag nor a variable says otherwise.
    static let serveDefaults = ServerConfiguration()

    /// The PostgreSQL URL of `STOCKTRACKER_DATABASE_URL`, or of its older name `STOCKTRACKER_POSTGRES`.
    static var postgresURL: String? {
        environment.string(forKey: "database_url") ?? environment.string(forKey: "postgres")
    }

    /// The quote API's key, `STOCKTRACKER_QUOTES_API_KEY`.
    static var quotesAPIKey: String? { environment.string(forKey: "quotes_api_key", isSecret: true) }

    /// Alpaca's key id and secret key, `STOCKTRACKER_ALPACA_KEY_ID` and `STOCKTRACKER_ALPACA_SECRET_KEY`.
    static var alpacaKeys: (keyID: String?, secretKey: String?) {
        (environment.string(forKey: "alpaca_key_id", isSecret: true),
         environment.string(forKey: "alpaca_secret_key", isSecret: true))
    }
}
