import Foundation

/// Names one running feedwatch process in the leases it takes on a shared store.
public enum InstanceIdentity {
    /// `host:pid:random`, unique among the instances sharing a store, readable in the database.
    public static func make() -> String {
        let random = UUID().uuidString.prefix(8).lowercased()
        return "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(random)"
    }
}
