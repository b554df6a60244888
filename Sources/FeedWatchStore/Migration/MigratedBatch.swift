import GRDB
import PostgresNIO

/// The rows of one `INSERT` of a ``MigratedTable``: one typed array per column and one null mask per column, bound
/// as PostgreSQL arrays (two parameters a column, however many rows) and spread back into rows by `unnest`.
///
/// Binding whole columns keeps the statement's text and parameter list the same size for any number of rows, and
/// lets postgres-nio encode each column in one pass instead of one parameter per value.
struct MigratedBatch {
    private let kinds: [MigratedTable.Kind]
    /// For each column, its array's index within the arrays of its kind.
    private let slots: [Int]
    private var integers: [[Int64]]
    private var reals: [[Double]]
    private var texts: [[String]]
    private var booleans: [[Bool]]
    private var nulls: [[Bool]]
    /// How many rows the batch holds.
    private(set) var count = 0

    /// Creates an empty batch for columns of these kinds.
    init(kinds: [MigratedTable.Kind]) {
        self.kinds = kinds
        var slots: [Int] = []
        var seen: [MigratedTable.Kind: Int] = [:]
        for kind in kinds {
            slots.append(seen[kind, default: 0])
            seen[kind, default: 0] += 1
        }
        self.slots = slots
        integers = Array(repeating: [], count: seen[.integer] ?? 0)
        reals = Array(repeating: [], count: seen[.real] ?? 0)
        texts = Array(repeating: [], count: seen[.text] ?? 0)
        booleans = Array(repeating: [], count: seen[.boolean] ?? 0)
        nulls = Array(repeating: [], count: kinds.count)
    }

    /// Adds a row's values, one per column in order.
    ///
    /// - Returns: The index of the first value that does not have its column's type (the row is then not added),
    ///   or `nil`.
    mutating func append(_ row: [DatabaseValue]) -> Int? {
        for (index, value) in row.enumerated() where !Self.fits(value, kinds[index]) {
            return index
        }
        for (index, value) in row.enumerated() {
            let slot = slots[index]
            nulls[index].append(value.isNull)
            switch (kinds[index], value.storage) {
            case (.integer, .int64(let integer)):
                integers[slot].append(integer)
            case (.integer, _):
                integers[slot].append(0)
            case (.real, .double(let real)):
                reals[slot].append(real)
            case (.real, .int64(let integer)):
                reals[slot].append(Double(integer))
            case (.real, _):
                reals[slot].append(0)
            case (.text, .string(let text)):
                texts[slot].append(text)
            case (.text, _):
                texts[slot].append("")
            case (.boolean, .int64(let flag)):
                booleans[slot].append(flag != 0)
            case (.boolean, _):
                booleans[slot].append(false)
            }
        }
        count += 1
        return nil
    }

    /// Whether `value` can be stored in a column of `kind` (`NULL` fits every column; `NOT NULL` is PostgreSQL's
    /// to enforce).
    private static func fits(_ value: DatabaseValue, _ kind: MigratedTable.Kind) -> Bool {
        switch (kind, value.storage) {
        case (_, .null), (.integer, .int64), (.real, .double), (.real, .int64), (.text, .string),
            (.boolean, .int64):
            true
        default:
            false
        }
    }

    /// The batch's parameters: each column's values, then its null mask.
    func bindings() -> PostgresBindings {
        var binds = PostgresBindings(capacity: kinds.count * 2)
        for (index, kind) in kinds.enumerated() {
            let slot = slots[index]
            switch kind {
            case .integer: binds.append(integers[slot])
            case .real: binds.append(reals[slot])
            case .text: binds.append(texts[slot])
            case .boolean: binds.append(booleans[slot])
            }
            binds.append(nulls[index])
        }
        return binds
    }

    /// Empties the batch, keeping its arrays' capacity.
    mutating func removeAll() {
        for slot in integers.indices { integers[slot].removeAll(keepingCapacity: true) }
        for slot in reals.indices { reals[slot].removeAll(keepingCapacity: true) }
        for slot in texts.indices { texts[slot].removeAll(keepingCapacity: true) }
        for slot in booleans.indices { booleans[slot].removeAll(keepingCapacity: true) }
        for index in nulls.indices { nulls[index].removeAll(keepingCapacity: true) }
        count = 0
    }
}
