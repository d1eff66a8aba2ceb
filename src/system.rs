//! What the operating system tells about memory, for `--profile` and for
//! refusing a graph that would not fit. Read from Linux's /proc; elsewhere
//! every answer is `None` and callers go on without it.

/// The process's peak resident memory in bytes (VmHWM).
pub fn peak_memory() -> Option<u64> {
    kib_field("/proc/self/status", "VmHWM:").map(|kib| kib * 1024)
}

/// Bytes the system can give without swapping (MemAvailable).
pub fn available_memory() -> Option<u64> {
    kib_field("/proc/meminfo", "MemAvailable:").map(|kib| kib * 1024)
}

/// The value of a `Key:   1234 kB` line of a /proc file.
fn kib_field(path: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find_map(|l| l.strip_prefix(key))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}
