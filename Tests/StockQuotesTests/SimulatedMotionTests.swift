import StockCalendar
import StockModel
import Testing
import StockQuotes

@Suite("Simulated trading day")
struct SimulatedMotionTests {
    let motion = SimulatedMotion(seed: 42)

    /// The mean absolute relative move (in millionths) and total volume over `ticks` ticks in `state`.
    func activity(in state: MarketState, ticks: UInt64 = 20_000) -> (meanMovePPM: Int64, volume: Int64) {
        let start = price("150")
        var moved: Int64 = 0, volume: Int64 = 0
        for tick in 1...ticks {
            let step = motion.step(from: start, key: 0xA11E, tick: tick, state: state)
            moved += abs(step.price.tenThousandths - start.tenThousandths) * 1_000_000 / start.tenThousandths
            volume += step.traded
        }
        return (moved / Int64(ticks), volume)
    }

    @Test("closed: no move and no volume, on every tick")
    func closedStandsStill() {
        for tick in UInt64(1)...5_000 {
            let step = motion.step(from: price("150"), key: 7, tick: tick, state: .closed)
            #expect(step.price == price("150"))
            #expect(step.traded == 0)
        }
        #expect(SimulatedMotion.stepPercent(in: .closed) == 0)
    }

    @Test("the regular session moves more and trades more than pre and post")
    func regularMovesMore() {
        let regular = activity(in: .regular), pre = activity(in: .pre), post = activity(in: .post)
        #expect(regular.meanMovePPM > 2 * pre.meanMovePPM)
        #expect(pre.meanMovePPM > 0)
        #expect(pre == post)
        #expect(regular.volume > 2 * pre.volume)
        #expect(pre.volume > 0)
        // 30 % of ticks move, by about 0.2 % (mean absolute normal: 0.8 sigma): about 480 ppm a tick.
        #expect((350...650).contains(regular.meanMovePPM))
    }

    @Test("seeded: the same seed, key and tick give the same step; another seed another walk")
    func deterministic() {
        let again = SimulatedMotion(seed: 42), other = SimulatedMotion(seed: 43)
        var same = 0, differs = 0
        var walk = price("20"), otherWalk = price("20")
        for tick in UInt64(1)...1_000 {
            let step = motion.step(from: walk, key: 99, tick: tick, state: .regular)
            if again.step(from: walk, key: 99, tick: tick, state: .regular) == step { same += 1 }
            walk = step.price
            otherWalk = other.step(from: otherWalk, key: 99, tick: tick, state: .regular).price
            if walk != otherWalk { differs += 1 }
        }
        #expect(same == 1_000)
        #expect(differs > 900)
    }

    @Test("prices from a dollar up move in cents, cheaper ones in ten-thousandths; never below one unit")
    func units() {
        let wild = SimulatedMotion(seed: 1, movedSharePPM: 1_000_000, volatilityPPM: 1_000_000)
        for tick in UInt64(1)...2_000 {
            let dollar = wild.step(from: price("12.34"), key: 5, tick: tick, state: .regular).price
            #expect(dollar.tenThousandths % 100 == 0)
            #expect(dollar != price("12.34"))
            #expect(dollar >= price("0.01"))
            let penny = wild.step(from: price("0.0042"), key: 5, tick: tick, state: .regular).price
            #expect(penny >= price("0.0001"))
            #expect(penny != price("0.0042"))
        }
        let top = wild.step(from: Price(tenThousandths: .max), key: 5, tick: 3, state: .regular)
        #expect(top.price.tenThousandths > 0)
    }
}
