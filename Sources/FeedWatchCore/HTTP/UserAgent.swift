/// How feedwatch names itself to the servers it fetches from and delivers to.
public enum UserAgent {
    /// The user agent feedwatch identifies itself with unless configured otherwise.
    public static let feedwatch = "feedwatch/0.1 (+https://github.com/feedwatch/feedwatch)"
}
