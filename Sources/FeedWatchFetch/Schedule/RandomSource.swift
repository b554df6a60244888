/// Where the scheduler's jitter comes from: uniform fractions in `0...1`, injectable so tests are deterministic.
///
/// ```swift
/// let jitter = RandomSource.system.fraction()      // production
/// let fixed = RandomSource.constant(0.5).fraction() // tests: always 0.5
/// ```
public struct RandomSource: Sendable {
    private let next: @Sendable () -> Double

    /// Creates a source from a function returning fractions in `0...1`.
    ///
    /// - Parameter next: Returns the next fraction; values outside `0...1` are clamped.
    public init(_ next: @escaping @Sendable () -> Double) {
        self.next = next
    }

    /// The system random number generator.
    public static let system = RandomSource { Double.random(in: 0...1) }

    /// A source that always returns `value` (clamped to `0...1`).
    ///
    /// - Parameter value: The fraction to return.
    /// - Returns: The constant source.
    public static func constant(_ value: Double) -> RandomSource {
        RandomSource { value }
    }

    /// The next fraction, in `0...1`.
    ///
    /// - Returns: A uniform fraction (or the injected one).
    public func fraction() -> Double {
        min(1, max(0, next()))
    }
}
