//! `shipshape`: the native command line of Shipshape (the program is the library's `main`,
//! which the root package's `shipshape-hook` binary runs too).

fn main() -> std::process::ExitCode {
    shipshape_cli::main()
}
