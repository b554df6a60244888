import Foundation

/// The dashboard's charts, drawn on the server as inline SVG: no script, no external file, and every text escaped.
enum SVGCharts {
    /// Colours of the statuses the presets use; others take one from ``palette`` by name.
    static let statusColors: [String: String] = [
        "proposed": "#6a8caf", "negotiating": "#e0a33b", "agreed": "#3c9d5d", "signed": "#2f7d4a",
        "in_effect": "#2f7d4a", "rejected": "#c8553d", "collapsed": "#8e2c1d", "violated": "#a33b5c",
        "suspended": "#8a7fb0", "introduced": "#6a8caf", "passed": "#3c9d5d", "vetoed": "#c8553d",
        "resolved": "#3c9d5d", "ongoing": "#e0a33b",
    ]
    static let palette = ["#5b8def", "#e0a33b", "#3c9d5d", "#c8553d", "#8a7fb0", "#4aa3a2", "#b5794d"]

    /// The colour of a status.
    static func color(_ status: String?) -> String {
        guard let status else { return "#d5d8dc" }
        if let known = statusColors[status] { return known }
        let sum = status.unicodeScalars.reduce(0) { $0 &+ Int($1.value) }
        return palette[sum % palette.count]
    }

    /// The status timeline: one coloured band per status over time, and a marker per change that links to the
    /// change's evidence below the chart and shows its cue sentence on hover.
    ///
    /// - Parameters:
    ///   - history: The changes, oldest first.
    ///   - start: Where the time axis starts (the topic's first item).
    ///   - now: The topic's "now"; the axis runs a little past it, so the current status always shows.
    static func timeline(_ history: [TopicDetail.StatusChange], start: Date, now: Date) -> String {
        let end = now.addingTimeInterval(max(now.timeIntervalSince(start) * 0.2, 3_600))
        let width = 900.0
        let height = 64.0
        let span = max(end.timeIntervalSince(start), 3_600)
        func x(_ date: Date) -> Double {
            (min(max(date.timeIntervalSince(start), 0), span) / span * (width - 20)).rounded() + 10
        }
        var svg = """
            <svg class="timeline" viewBox="0 0 \(Int(width)) \(Int(height) + 20)" role="img" \
            aria-label="status over time" xmlns="http://www.w3.org/2000/svg">
            """
        var bandStart = start
        // Before the first change the topic held that change's `from` status (its first status raises no alert).
        var status: String? = history.first?.from
        var bands: [(Date, Date, String?)] = []
        for change in history {
            if change.at > bandStart { bands.append((bandStart, change.at, status)) }
            bandStart = max(bandStart, change.at)
            status = change.to
        }
        bands.append((bandStart, end, status))
        for (from, to, status) in bands where to >= from {
            let left = x(from)
            let bandWidth = max(x(to) - left, 2)
            let name = HTML.escape(status ?? "no status")
            svg += """
                <rect class="band" data-status="\(name)" x="\(left)" y="8" width="\(bandWidth)" height="\(Int(height) - 16)" \
                fill="\(color(status))"><title>\(name): \(HTML.escape(day(from))) to \(HTML.escape(day(to)))</title></rect>
                """
            if bandWidth > Double(name.count * 8 + 12) {
                svg += "<text class=\"band-label\" x=\"\(left + 6)\" y=\"\(Int(height) / 2 + 4)\">\(name)</text>"
            }
        }
        for (index, change) in history.enumerated() {
            let position = x(change.at)
            var tip = "\(day(change.at)): \(change.from ?? "none") → \(change.to)"
            if let sentence = change.cueSentence { tip += " — “\(sentence)”" }
            if !change.sources.isEmpty { tip += " (\(change.sources.joined(separator: ", ")))" }
            svg += """
                <a class="change-marker" href="#change-\(index + 1)" data-status="\(HTML.escape(change.to))">\
                <line x1="\(position)" y1="2" x2="\(position)" y2="\(Int(height) - 2)" stroke="#1f2933" stroke-width="2"/>\
                <circle cx="\(position)" cy="6" r="5" fill="#1f2933"/>\
                <title>\(HTML.escape(tip))</title></a>
                """
        }
        svg += "<text class=\"axis\" x=\"10\" y=\"\(Int(height) + 16)\">\(HTML.escape(day(start)))</text>"
        svg += "<text class=\"axis\" x=\"\(Int(width) - 10)\" y=\"\(Int(height) + 16)\" text-anchor=\"end\">"
        svg += "\(HTML.escape(day(end)))</text></svg>"
        return svg
    }

    /// Coverage per day as bars, with a marker over each day a surge fired.
    static func coverageBars(_ days: [DayCoverage]) -> String {
        let width = 900.0
        let height = 120.0
        let top = Double(max(days.map(\.items).max() ?? 0, 1))
        let slot = (width - 20) / Double(max(days.count, 1))
        var svg = """
            <svg class="coverage" viewBox="0 0 \(Int(width)) \(Int(height) + 20)" role="img" \
            aria-label="items per day" xmlns="http://www.w3.org/2000/svg">
            """
        for (index, day) in days.enumerated() {
            let barHeight = (Double(day.items) / top * (height - 24)).rounded()
            let left = 10 + Double(index) * slot
            svg += """
                <rect class="bar" x="\(left + 1)" y="\(height - barHeight)" width="\(max(slot - 2, 1))" \
                height="\(barHeight)" fill="#5b8def"><title>\(HTML.escape(day.day)): \(day.items) items\
                \(day.surge ? ", surge" : "")</title></rect>
                """
            if day.surge {
                let middle = left + slot / 2
                let peak = height - barHeight - 6
                svg += """
                    <path class="surge-marker" d="M\(middle - 6) \(peak - 10) L\(middle + 6) \(peak - 10) L\(middle) \(peak) Z" \
                    fill="#c8553d"><title>surge on \(HTML.escape(day.day))</title></path>
                    """
            }
        }
        if let first = days.first, let last = days.last {
            svg += "<text class=\"axis\" x=\"10\" y=\"\(Int(height) + 16)\">\(HTML.escape(first.day))</text>"
            svg += "<text class=\"axis\" x=\"\(Int(width) - 10)\" y=\"\(Int(height) + 16)\" text-anchor=\"end\">"
            svg += "\(HTML.escape(last.day))</text>"
        }
        return svg + "</svg>"
    }

    /// A 30-day sparkline for a topic's card.
    static func sparkline(_ days: [DayCoverage]) -> String {
        let width = 150.0
        let height = 28.0
        let top = Double(max(days.map(\.items).max() ?? 0, 1))
        let slot = width / Double(max(days.count, 1))
        var svg = """
            <svg class="sparkline" viewBox="0 0 \(Int(width)) \(Int(height))" preserveAspectRatio="xMinYMid meet" role="img" \
            aria-label="items per day, last 30 days" xmlns="http://www.w3.org/2000/svg">
            """
        for (index, day) in days.enumerated() where day.items > 0 {
            let barHeight = max((Double(day.items) / top * height).rounded(), 1)
            svg += """
                <rect x="\(Double(index) * slot)" y="\(height - barHeight)" width="\(max(slot - 1, 1))" \
                height="\(barHeight)" fill="\(day.surge ? "#c8553d" : "#5b8def")"/>
                """
        }
        return svg + "</svg>"
    }

    private static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}
