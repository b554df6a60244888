import Foundation
import GRDB
import Synchronization

/// The SQLite file's one writer connection, shared by every store call that writes, with the transactions that
/// span several of its accesses.
///
/// GRDB runs each access on the writer's own queue and the caller suspends meanwhile (GRDB's callback interface,
/// resumed through a continuation: the access is not cancelled with its caller, so a graceful shutdown never cuts
/// a transaction short). The relational store's algorithms await between statements, so one of their transactions
/// spans several accesses: it is opened by one and committed by another (GRDB's `allowsUnsafeTransactions`), and
/// the writer is held for it meanwhile. Every write takes the writer in turn, in the order asked, so no other
/// write ever lands inside an open transaction.
final class SQLiteWriter: Sendable {
    private let pool: DatabasePool
    private let state = Mutex<(held: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `body` in one transaction of its own, in a single access.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        await hold()
        defer { release() }
        return try await withCheckedThrowingContinuation { continuation in
            pool.asyncWrite(body) { _, result in continuation.resume(with: result) }
        }
    }

    /// Runs `body` in one immediate transaction that spans its accesses (``access(_:)``): committed when it returns,
    /// rolled back when it throws.
    func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await hold()
        defer { release() }
        try await access { db in
            // A transaction an earlier failure could not roll back (the rollback itself failed) goes now.
            if db.isInsideTransaction { try db.rollback() }
            try db.beginTransaction(.immediate)
        }
        do {
            let value = try await body()
            try await access { db in try db.commit() }
            return value
        } catch {
            try? await access { db in if db.isInsideTransaction { try db.rollback() } }
            throw error
        }
    }

    /// Runs `body` in one access to the writer outside any transaction, in its turn.
    func exclusiveAccess<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        await hold()
        defer { release() }
        return try await access(body)
    }

    /// Runs `body` in one access to the writer, inside the open ``transaction(_:)`` of its caller.
    func access<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            pool.asyncWriteWithoutTransaction { db in
                continuation.resume(with: Result { try body(db) })
            }
        }
    }

    /// Waits until the writer is free, then holds it.
    private func hold() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state in
                if !state.held {
                    state.held = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }

    /// Hands the writer to the next waiting write, or frees it.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.held = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
