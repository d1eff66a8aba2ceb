// glibc's allocator spends a third of a run consolidating the many small
// strings that extraction and export allocate and free; mimalloc does not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    zhkg::cli::run()
}
