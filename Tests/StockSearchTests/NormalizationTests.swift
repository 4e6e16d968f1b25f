import Testing
@testable import StockSearch
