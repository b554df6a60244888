import Testing

/// The suites that run `feedwatch run` daemons as child processes and judge their timing (crash safety, several
/// instances), the daemon on PostgreSQL going away and coming back, and the one that loads the machine most (a
/// shutdown in the middle of a 10,000-item cycle): one test at a time, so that none slows the others' daemons down
/// while the rest of the suite runs.
@Suite(.serialized)
enum DaemonProcessTests {}
