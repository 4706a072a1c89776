use std::process::ExitCode;

fn main() -> ExitCode {
    procore_manifest::cli::run()
}
