// glibc's allocator spends a third of a run consolidating the many small
// strings that extraction and export allocate and free; mimalloc does not.
// It is built without transparent huge pages (Cargo.toml says why).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    zhkg::cli::run()
}
