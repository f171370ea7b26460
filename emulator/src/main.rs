//! The `wxform-emulator` binary: an emulated WeChat account on 127.0.0.1 to try wxform against
//! (see the `cli` module of the library, and README.md beside this crate).

fn main() -> std::process::ExitCode {
    wxform_emulator::cli::main()
}
