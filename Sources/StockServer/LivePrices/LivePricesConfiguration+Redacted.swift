/// The configuration as a log line shows it (ServiceLifecycle logs its services' descriptions at debug level):
/// every field as Swift prints it, but the quote APIs' keys only as `<redacted>`.
extension LivePricesConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// The fields that hold keys.
    static let secretFields: Set<String> = ["quotesAPIKey", "alpacaKeyID", "alpacaSecretKey"]

    public var description: String {
        let fields = Mirror(reflecting: self).children.map { child -> String in
            let label = child.label ?? "_"
            let value = String(reflecting: child.value)
            guard Self.secretFields.contains(label) else { return "\(label): \(value)" }
            return "\(label): \(value == "nil" ? "nil" : "<redacted>")"
        }
        return "LivePricesConfiguration(" + fields.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
}
