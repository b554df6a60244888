extension Array {
    /// Rearranges the elements in place so that the element at position `i` is the one that was at `order[i]`,
    /// moving elements rather than copying them.
    ///
    /// - Parameter order: A permutation of the array's indices.
    mutating func rearrange(by order: [Int]) {
        precondition(order.count == count, "the order must name every element once")
        var placed = [Bool](repeating: false, count: count)
        // Swapped in the buffer, whose `swapAt` moves elements; `Array.swapAt` copies them through a temporary.
        withUnsafeMutableBufferPointer { elements in
            for start in elements.indices where !placed[start] {
                var position = start
                while order[position] != start {
                    elements.swapAt(position, order[position])
                    placed[position] = true
                    position = order[position]
                }
                placed[position] = true
            }
        }
    }
}
