import Testing

/// The suites that run `feedwatch run` daemons as child processes and judge their timing (crash safety, several
/// instances): one test at a time, so that neither slows the other's daemons down while the rest of the suite runs.
@Suite(.serialized)
enum DaemonProcessTests {}
