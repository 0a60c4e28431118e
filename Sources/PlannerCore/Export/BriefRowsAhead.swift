import Foundation

/// The cells of the brief table's rows (date, title, kind, elements: all but the number),
/// made on a spare core while the plan keeps the first one busy.
///
/// The table of earlier items is the largest piece of work in a career's export (thousands
/// of rows, each reading an item that is cold in memory), and a row's cells depend only on
/// its item; its number needs the plan, so it is put in front when the table is written.
/// Rows not made by then are made at that point, as they would have been anyway, so the
/// document is the same however far this got.
final class BriefRowsAhead: @unchecked Sendable {
    /// What was made: each row's cells, by portfolio index.
    struct Made: Sendable {
        fileprivate let bytes: [UInt8]
        fileprivate let starts: [Int32]
        fileprivate let ends: [Int32]

        /// The cells of the item at `index`, if they were made ahead.
        func cells(of index: Int) -> ArraySlice<UInt8>? {
            guard ends[index] >= 0 else { return nil }
            return bytes[Int(starts[index])..<Int(ends[index])]
        }
    }

    private let lock = NSLock()
    private var stopping = false
    private var made: Made?
    private let finished = DispatchGroup()

    /// Starts making rows on another core; nil when there is no other core, or too few
    /// items for it to matter.
    init?(_ portfolio: Portfolio, labels: RowLabels, elements: ElementLookup) {
        guard portfolio.evidence.count >= 1_000, portfolio.evidence.count < Int(Int32.max),
              ProcessInfo.processInfo.activeProcessorCount > 1 else { return nil }
        finished.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            made = make(portfolio, labels, elements)
            finished.leave()
        }
    }

    /// Stops making rows and hands over those made; nothing else touches them after this.
    func stop() -> Made {
        lock.lock()
        stopping = true
        lock.unlock()
        return finish()
    }

    /// Never leaves the thread running past the export (a document that failed before its
    /// parts were made).
    func stopIfRunning() { _ = stop() }

    /// Waits until every row is made and hands them over.
    func finish() -> Made {
        finished.wait()
        return made!
    }

    /// Rows of the items the table lists (`EvidencePlan.Standing.listed`), the newest items
    /// first: they are usually the last in a portfolio, after thousands of archived ones.
    private func make(_ portfolio: Portfolio, _ labels: RowLabels, _ elements: ElementLookup) -> Made {
        let period = portfolio.period, listedFrom = EvidencePlan.listedFrom(portfolio.period)
        let count = portfolio.evidence.count
        var bytes: [UInt8] = []
        var starts = [Int32](repeating: -1, count: count), ends = [Int32](repeating: -1, count: count)
        portfolio.evidence.withUnsafeBufferPointer { items in
            labels.withLabels { labels in
                for index in items.indices.reversed() {
                    if index & 31 == 0 {
                        lock.lock()
                        let stop = stopping
                        lock.unlock()
                        if stop { return }
                    }
                    guard EvidencePlan.standing(of: items[index].date, in: period, listedFrom: listedFrom) == .listed else { continue }
                    guard bytes.count < Int(Int32.max) / 2 else { return }  // offsets are 32-bit
                    starts[index] = Int32(truncatingIfNeeded: bytes.count)
                    ExportContext.appendBriefCells(items.baseAddress! + index, labels, elements, to: &bytes)
                    ends[index] = Int32(truncatingIfNeeded: bytes.count)
                }
            }
        }
        return Made(bytes: bytes, starts: starts, ends: ends)
    }
}
