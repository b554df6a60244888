extension Array {
    /// Rearranges the elements in place so that the element at position `i` is the one that was at `order[i]`,
    /// moving elements rather than copying them.
    ///
    /// - Parameter order: A permutation of the array's indices.
    mutating func rearrange(by order: [Int]) {
        precondition(order.count == count, "the order must name every element once")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            var position = start
            while order[position] != start {
                swapAt(position, order[position])
                placed[position] = true
                position = order[position]
            }
            placed[position] = true
        }
    }
}
