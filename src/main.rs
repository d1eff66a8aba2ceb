fn main() -> std::process::ExitCode {
    zhkg::cli::run()
}
